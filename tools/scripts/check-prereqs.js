#!/usr/bin/env node
// Fails `npm ci` early, with one clear line, when Node or Go is too old or missing:
// everything go-pgo does runs the Go toolchain, so a missing `go` is not a late surprise.
'use strict';
const { execFileSync } = require('node:child_process');

const MIN_NODE = [20, 0];
const MIN_GO = [1, 21];

function fail(message) {
  process.stderr.write(`go-pgo prerequisites: ${message}\n`);
  process.exit(1);
}

function atLeast(version, min) {
  for (let i = 0; i < min.length; i++) {
    if ((version[i] ?? 0) !== min[i]) return (version[i] ?? 0) > min[i];
  }
  return true;
}

const node = process.versions.node.split('.').map(Number);
if (!atLeast(node, MIN_NODE)) {
  fail(`Node.js >= ${MIN_NODE.join('.')} is required, this is ${process.versions.node}. Install a newer Node.js.`);
}

let goVersion;
try {
  goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
} catch {
  fail(`Go >= ${MIN_GO.join('.')} is required, but \`go\` was not found on PATH. Install Go from https://go.dev/dl/.`);
}
const match = /^go(\d+)\.(\d+)/.exec(goVersion);
if (!match || !atLeast([Number(match[1]), Number(match[2])], MIN_GO)) {
  fail(`Go >= ${MIN_GO.join('.')} is required (PGO needs 1.21+), found ${goVersion}. Install a newer Go.`);
}
