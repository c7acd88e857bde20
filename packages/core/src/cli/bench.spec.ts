// go-pgo bench end to end, in process, on a private copy of the example's tools module (no
// go.work above it, so the module is the workspace and the history lands in the copy), with
// real go builds (warm: go's usual cache) and short rounds.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import type { BenchRun } from '../bench/bench-types';
import { TOOLS_MODULE } from '../bench/example-bench.spec-helper';
import { readHistory } from '../bench/history';
import { UsageError } from './args';
import { benchCommand } from './bench';
import type { CliRun } from './run-cli.spec-helper';

let root: string;
const WRONG = 'cmd/report/testdata/wrong-workload.pgo';

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-cli-'));
  cpSync(TOOLS_MODULE, root, { recursive: true });
  // The committed gates, but a binary size limit that the wrong-workload profile breaches
  // (+2.3% over -pgo=off, +1.7% over the committed profile's, with go1.26) and the committed
  // profile keeps (+0.6% over -pgo=off).
  writeFileSync(
    path.join(root, 'cmd', 'report', 'pgo.yaml'),
    'bench:\n  packages: [./internal/pricing]\n  count: 2\n  benchtime: 10x\n  gates: { cpu: 5%, binarySize: 1%, buildTime: 25% }\n',
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the command the way main() would, turning a thrown error into main's exit code and line. */
async function bench(argv: string[]): Promise<CliRun> {
  const run: CliRun = { code: -1, stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (run.stdout += s) }, stderr: { write: (s: string) => (run.stderr += s) }, cwd: root };
  try {
    run.code = await benchCommand.run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    run.stderr += `go-pgo: ${(error as Error).message}\n`;
    run.code = 1;
  }
  return run;
}

test('--help documents every option and the gates', async () => {
  const run = await bench(['--help']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/^Usage: go-pgo bench <binary-dir> /);
  for (const option of ['--profile <file>', '--count <n>', '--bench <regexp>', '--benchtime <t>', '--package <pattern>', '--no-gate', '--build-cost <mode>', '--out <dir>', '--json', '--root <dir>']) {
    expect(run.stdout).toContain(option);
  }
});

test.each([
  [['cmd/report', '--count', '0'], "--count must be a whole number ≥ 1, got '0'"],
  [['cmd/report', '--build-cost', 'hot'], "--build-cost must be 'cold' or 'warm', got 'hot'"],
  [[], 'missing the binary directory'],
])('%j is a usage error', async (argv, message) => {
  await expect(bench(argv)).rejects.toThrow(new UsageError(message, 'go-pgo bench'));
});

test('the committed profile passes: the comparison, the verdict and plain progress lines', async () => {
  const run = await bench(['cmd/report', '--build-cost', 'warm']);
  expect(run.stderr).toBe(run.stderr.replace(/\r/g, ''));
  expect(run.stderr).toMatch(/^benchmarking example\.com\/shop\/tools\/internal\/pricing\n/);
  expect(run.stderr).toContain('\nround 1 of 2\nround 2 of 2, about ');
  expect(run.stderr).toMatch(/\nwrote dist\/pgo\/cmd\/report\/bench\/\{bench-off\.txt,bench-pgo\.txt,bench-diff\.txt,bench\.json,report\.html\}\n$/);
  expect(run.code).toBe(0);
  const dir = path.join(root, 'dist', 'pgo', 'cmd', 'report', 'bench');
  expect(run.stdout.startsWith(readFileSync(path.join(dir, 'bench-diff.txt'), 'utf8').trimEnd())).toBe(true);
  expect(run.stdout).toMatch(/\ngeomean over 2 rounds: [-+]\d+\.\d\d% \(too few rounds for a 95% interval\) with PGO\n/);
  expect(run.stdout).toMatch(/\npass cpu: .*\npass binarySize: .*\nskip buildTime: warm builds time only what go's cache lacked: use --build-cost cold\naccepted\n$/);
  expect((await readHistory(path.join(root, '.pgo', 'history', 'report.jsonl'))).rows.map((r) => r.accepted)).toEqual([true]);
}, FIXTURE_TIMEOUT_MS);

test('the wrong profile fails the size gate with exit 1; --no-gate reports it and exits 0', async () => {
  const out = path.join(root, 'wrong');
  const failed = await bench(['cmd/report', '--profile', WRONG, '--build-cost', 'warm', '--out', out]);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toMatch(/\nFAIL binarySize: the pgo test binaries are [\d,]+ B, \+\d+\.\d\d% against [\d,]+ B of the last accepted run .*: over the 1% limit\n/);
  expect(failed.stdout).toMatch(/\nnot accepted\n$/);
  expect(failed.stderr).toMatch(/\ngo-pgo: report: PGO failed a gate: binarySize: the pgo test binaries are [\d,]+ B, .* over the 1% limit\n$/);
  expect(existsSync(path.join(out, 'bench.json'))).toBe(true);

  const reported = await bench(['cmd/report', '--profile', WRONG, '--build-cost', 'warm', '--out', out, '--no-gate', '--json']);
  expect(reported.code).toBe(0);
  const run = JSON.parse(reported.stdout) as BenchRun;
  expect(run).toEqual(JSON.parse(readFileSync(path.join(out, 'bench.json'), 'utf8')));
  expect(run.accepted).toBe(false);
  expect(run.gates.find((g) => g.gate === 'binarySize')).toMatchObject({ passed: false, baseline: 'history' });
}, FIXTURE_TIMEOUT_MS);
