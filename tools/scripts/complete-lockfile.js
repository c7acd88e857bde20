#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional dependencies that this machine's npm
// registry does not serve (darwin, win32, … builds of swc, nx, …). Without them `npm ci`
// refuses the lockfile as out of sync; with them, marked optional and platform-bound, npm
// skips them on other platforms exactly as it would with a complete lockfile.
// Run after `npm install` changes package-lock.json.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.resolve(__dirname, '../../package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'loong64', 'riscv64', 'wasm32', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c) || parts.some((p) => p.startsWith(c)));
  return { os, cpu };
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key === '' ? '' : `${key}/`;
    const candidates = [`${base}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => packages[c])) continue;
    const { os, cpu } = platformOf(dep);
    const added_entry = { version: version.replace(/^[\^~=]/, ''), optional: true };
    if (os) added_entry.os = [os];
    if (cpu) added_entry.cpu = [cpu];
    packages[`node_modules/${dep}`] = added_entry;
    added++;
  }
}
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
