#!/usr/bin/env node
// `npm test`: type-check, then every suite in one parallel Jest run, then the timing-sensitive
// e2e suites (*.quiet.e2e.spec.ts: the PGO gain measurement) alone, so that no other test's
// Go builds share the two cores with the benchmark. Ends with one closing line for the whole
// run: "Tests: N passed, N failed, N skipped".
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (run(bin('tsc'), ['-p', 'tsconfig.spec.json']) !== 0) {
  process.stderr.write('Tests: type-check failed, no test ran\n');
  process.exit(1);
}

const tally = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-test-'));
const phases = [
  ['all suites', []],
  ['timing-sensitive e2e, alone', ['-c', 'e2e/jest.quiet.config.js']],
];
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const [name, args] of phases) {
  process.stderr.write(`\n=== npm test: ${name} ===\n`);
  const results = path.join(tally, `${totals.passed + totals.failed + totals.skipped}-${args.length}.json`);
  const code = run(bin('jest'), [...args, '--json', `--outputFile=${results}`]);
  try {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    totals.failed += 1; // Jest died before writing its results: count the phase as a failure.
  }
  if (code !== 0) status = 1;
}
rmSync(tally, { recursive: true, force: true });
process.stderr.write(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(status);
