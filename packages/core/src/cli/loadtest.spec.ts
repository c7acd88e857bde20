// go-pgo loadtest and go-pgo canary as a person runs them: help, usage errors, and a short real
// loadtest on a private copy of the example's services module (no go.work above it, so the
// module is the workspace and the history lands in the copy). The canary's errors without a
// Prometheus; against a real one it is tested end to end (e2e/src/loadtest-gain.quiet.e2e.spec.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GO_BUILD_TIMEOUT_MS } from '../build/go-monorepo.spec-helper';
import { EXAMPLES, GOOD_PROFILE as REPORT_PROFILE } from '../bench/example-bench.spec-helper';
import type { LoadtestRun } from '../loadtest/loadtest-types';
import { freePort } from '../net/free-port';
import { runCli } from './run-cli.spec-helper';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-loadtest-cli-'));
  cpSync(path.join(EXAMPLES, 'services'), root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('loadtest --help says how the rounds pair, where the load comes from, and every option', async () => {
  const run = await runCli(['loadtest', '--help'], root);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/^Usage: go-pgo loadtest <binary-dir> /);
  expect(run.stdout).toContain('the order alternating');
  expect(run.stdout).toContain('{wrkScript}');
  for (const option of ['--profile <file>', '--rounds <n>', '--requests <n>', '--warmup <n>', '--concurrency <n>', '--replay <file>', '--no-gate', '--out <dir>', '--json', '--root <dir>']) {
    expect(run.stdout).toContain(option);
  }
});

test.each([
  [['loadtest', 'cmd/storefront', '--rounds', '1'], "go-pgo loadtest: --rounds must be a whole number ≥ 2, got '1'"],
  [['loadtest'], 'go-pgo loadtest: missing the binary directory'],
  [['canary', 'cmd/storefront', '--min-steps', '3'], "go-pgo canary: --min-steps must be a whole number ≥ 6, got '3'"],
])('%j is a usage error (exit 2)', async (argv, line) => {
  const run = await runCli(argv, root);
  expect(run.code).toBe(2);
  expect(run.stderr.split('\n')[0]).toBe(line);
});

test(
  'a short loadtest of the storefront: the summary on stdout, loadtest.json with --json, the history row in the workspace',
  async () => {
    const out = path.join(root, 'out');
    const args = ['loadtest', 'cmd/storefront', '--profile', REPORT_PROFILE, '--rounds', '2', '--requests', '200', '--warmup', '50', '--concurrency', '2', '--no-gate', '--out', out];
    const run = await runCli(args, root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^storefront: CPU per request [+-]?\d+\.\d\d% \(too few rounds for a 95% interval\) with PGO over 2 rounds of 200 requests \(Mann-Whitney p=\d\.\d{3}\)$/m);
    expect(run.stdout).toMatch(/^CPU per request\s+\d+(\.\d+)? µs\s+\d+(\.\d+)? µs$/m);
    expect(run.stdout).toContain('load: built-in replayer of cmd/storefront/loadtest/requests.jsonl (24 requests) at concurrency 2');
    expect(run.stderr).toMatch(/round 2 of 2, about \S+ \S+ left/);
    expect(run.stderr).toContain('wrote out/loadtest.json and report.html');
    const json = await runCli([...args, '--json'], root);
    expect((JSON.parse(json.stdout) as LoadtestRun).measures).toHaveLength(2);
    const history = readFileSync(path.join(root, '.pgo', 'history', 'storefront.jsonl'), 'utf8').trim().split('\n');
    expect(history.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['loadtest', 'loadtest']);
  },
  GO_BUILD_TIMEOUT_MS,
);

test('canary without a Prometheus configured, and with one that does not answer: one line each, exit 1', async () => {
  const missing = await runCli(['canary', 'cmd/storefront'], root);
  expect(missing).toMatchObject({ code: 1, stdout: '' });
  expect(missing.stderr).toBe(
    "go-pgo: storefront: pgo-canary needs canary.prometheus, canary.canary, canary.baseline (pgo.yaml or --prometheus), e.g. prometheus: http://prometheus:9090, canary: 'job=\"api\",track=\"canary\"', baseline: 'job=\"api\",track=\"stable\"'\n",
  );
  const port = await freePort();
  const unreachable = await runCli(['canary', 'cmd/storefront', '--prometheus', `http://127.0.0.1:${port}`, '--canary', 'track="canary"', '--baseline', 'track="stable"'], root);
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(new RegExp(`^go-pgo: Prometheus at http://127\\.0\\.0\\.1:${port} cannot be reached \\(.*ECONNREFUSED.*\\): check canary\\.prometheus \\(--prometheus\\)`));
});
