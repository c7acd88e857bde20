#!/usr/bin/env node
// Copies the non-TypeScript assets of the Nx plugin (schema.json files, generator templates)
// from src/ into dist/, keeping their relative paths: Nx reads them at run time.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const pkg = path.resolve(process.argv[2] ?? '.');
const src = path.join(pkg, 'src');
const dist = path.join(pkg, 'dist');

function copy(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    const rel = path.relative(src, from);
    if (entry.isDirectory()) {
      // Generator templates are copied whole, .ts files included: they are content, not code.
      if (entry.name === 'files') fs.cpSync(from, path.join(dist, rel), { recursive: true });
      else copy(from);
    } else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(dist, rel));
    }
  }
}

copy(src);
