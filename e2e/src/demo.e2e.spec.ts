// `npm run demo -- --quick`, run as npm runs it (the packages built by the e2e global setup, the
// demo compiled with tsc, then node), in real Nx on a scratch copy of examples/ with three real
// storefronts under load, twice: iteration 2 captures from the PGO build of iteration 1. Its
// summary is checked against the bench.json and loadtest.json it copied out; `ps` checks that
// nothing it started outlives it, after a clean run and after a Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { BenchRun, Estimate, LoadtestRun } from '@go-pgo/core';
import { repoRoot } from '../../tools/test-support/repo-root';
import { baseEnv } from './support/env';
import { e2eTmpRoot } from './support/packages';
import { run, type RunResult } from './support/run';

const DEMO = path.join(repoRoot, 'tools', 'demo', 'dist', 'demo', 'run.js');
const STEPS = 10;
/** How the demo prints a duration: `12.3 s` or `4m 05s`. */
const DURATION = '(?:\\d+\\.\\d s|\\d+m \\d\\ds)';
/** The quick demo on 2 busy cores: two cold test builds and a PGO rebuild of the storefront. */
const DEMO_TIMEOUT_MS = 600_000;

let outDir: string;
let demo: RunResult;
let scratch: string;

beforeAll(async () => {
  await run(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tools/demo'], { cwd: repoRoot, env: baseEnv() });
  await fs.mkdir(e2eTmpRoot, { recursive: true });
  outDir = await fs.mkdtemp(path.join(e2eTmpRoot, 'demo-out-'));
  demo = await run('node', [DEMO, '--quick', '--out', outDir], { cwd: repoRoot, env: baseEnv(), timeoutMs: DEMO_TIMEOUT_MS });
  scratch = scratchRoot(demo.stdout);
}, DEMO_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

/** The scratch workspace the demo names on its first line. */
function scratchRoot(output: string): string {
  const match = /^go-pgo demo \((?:quick|full) mode\) in (\S+), a scratch copy of examples\/$/m.exec(output);
  if (!match) throw new Error(`the demo did not name its scratch workspace:\n${output}`);
  return match[1]!;
}

/** Processes whose command line mentions `text` (the demo's storefronts and load generator run from its scratch copy). */
async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args='], { cwd: repoRoot, env: baseEnv() });
  return stdout.split('\n').filter((line) => line.includes(text));
}

const signed = (percent: number): string => `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`;
const hasInterval = (e: Estimate): boolean => Number.isFinite(e.lo) && Number.isFinite(e.hi);

test('prints every step with its elapsed time and exits 0', () => {
  expect(demo.exitCode).toBe(0);
  for (let n = 1; n <= STEPS; n++) {
    expect(demo.stdout).toMatch(new RegExp(`^\\[${n}/${STEPS}\\] \\S.*$`, 'm'));
    expect(demo.stdout).toMatch(new RegExp(`^\\[${n}/${STEPS}\\] done in ${DURATION} \\(${DURATION} so far\\)$`, 'm'));
  }
  // The work was done by the Nx targets, each reported by Nx.
  for (const task of ['storefront:pgo-build:off', 'report:pgo-build:off', 'storefront:pgo-capture', 'storefront:pgo-merge', 'storefront:pgo-validate:candidate', 'storefront:pgo-build', 'storefront:pgo-verify', 'storefront:pgo-loadtest', 'report:pgo-bench']) {
    expect(demo.stdout).toContain(`nx run ${task}`);
  }
  // Two iterations of the storefront's loop, each capturing from all three instances.
  expect(demo.stdout.match(/captured storefront: 3 of 3 instances/g)).toHaveLength(2);
  expect(demo.stdout.match(/nx run storefront:pgo-loadtest/g)!.length).toBeGreaterThanOrEqual(2);
});

test('the summary table has its rows with numbers, and its gain is the one bench.json holds, claimed only when significant', async () => {
  const bench = JSON.parse(await fs.readFile(path.join(outDir, 'bench.json'), 'utf8')) as BenchRun;
  const summary = await fs.readFile(path.join(outDir, 'summary.txt'), 'utf8');
  expect(demo.stdout).toContain(summary);
  const row = (label: string): string => {
    const line = summary.split('\n').find((l) => l.trimStart().startsWith(label));
    if (line === undefined) throw new Error(`no "${label}" row in the summary:\n${summary}`);
    return line;
  };
  const size = /([\d.]+ (?:KiB|MiB))\s+([\d.]+ (?:KiB|MiB))\s+([+-]?\d+\.\d\d%)$/;
  const seconds = /([\d.]+ s)\s+([\d.]+ s)/;
  expect(row('report CLI test binary size')).toMatch(size);
  // Quick mode times warm builds (demo-options.ts).
  expect(row('report CLI warm build time')).toMatch(new RegExp(`${seconds.source}\\s+[+-]?\\d+\\.\\d\\d%$`));
  expect(row('storefront binary size')).toMatch(size);
  expect(row('storefront go build time')).toMatch(seconds);
  expect(row(`report CLI warm build time`)).toContain(`${bench.off.buildSeconds.toFixed(1)} s`);

  const gain = row(`report CLI benchmarks, geomean of ${bench.count} rounds`);
  expect(gain).toContain(signed(bench.geomeanDelta.center));
  const e = bench.geomeanDelta;
  const significant = hasInterval(e) && (e.hi < 0 || e.lo > 0);
  if (significant) {
    expect(gain).toMatch(/ [+-]\d+\.\d\d% \(95% CI [+-]?\d+\.\d\d% to [+-]?\d+\.\d\d%\)$/);
    expect(summary).toMatch(/PGO made the report CLI's benchmarks \d+\.\d% (faster|slower)/);
  } else {
    // Quick mode's few short rounds rarely separate the gain from the noise: it must say so.
    expect(gain).toMatch(/ ~ [+-]?\d+\.\d\d% \(/);
    expect(summary).toContain('~ no significant gain measured in this run');
  }
  // One row per benchmark, with the centers of bench.json.
  for (const r of bench.comparison.tables.find((t) => t.unit === 'sec/op')!.rows) expect(row(r.benchmark)).toMatch(/\d+\.\d\d (ms|µs|s)\/op\s+\d+\.\d\d (ms|µs|s)\/op\s+(~|[+-]\d+\.\d\d%) \(p=\d\.\d{3}\)$/);
  expect(summary).toMatch(/storefront profile \(iteration 1\): 3 of 3 instances × \d+ s, [\d,]+ samples, [\d.]+ KiB; validation passed/);
  expect(summary).toMatch(/history: \.pgo\/history\/report\.jsonl, 1 run\(s\)/);
  expect(summary).toContain(`report: ${path.join(outDir, 'report.html')}`);
});

test("the storefront's two iterations side by side: each loadtest's gain with its interval, and the profiles' call-edge overlap", async () => {
  const summary = await fs.readFile(path.join(outDir, 'summary.txt'), 'utf8');
  const row = (label: string): string => {
    const line = summary.split('\n').find((l) => l.trimStart().startsWith(label));
    if (line === undefined) throw new Error(`no "${label}" row in the summary:\n${summary}`);
    return line;
  };
  expect(row('storefront, pgo-loadtest')).toMatch(/iteration 1\s+iteration 2$/);
  expect(row('profile captured from')).toMatch(/-pgo=off build\s+PGO build of iteration 1$/);
  // The last loadtest (iteration 2) was copied out; its figure is the second column.
  const second = JSON.parse(await fs.readFile(path.join(outDir, 'loadtest.json'), 'utf8')) as LoadtestRun;
  const gain = row(`CPU per request, ${second.rounds} rounds`);
  const cell = '(?:~ )?[+-]?\\d+\\.\\d\\d% \\((?:95% CI [+-]?\\d+\\.\\d\\d% to [+-]?\\d+\\.\\d\\d%|too few rounds for a 95% CI)\\)';
  expect(gain).toMatch(new RegExp(`${cell}\\s+${cell}$`));
  expect(gain.endsWith(`${signed(second.comparison.cpuPerRequest.center)} (95% CI ${signed(second.comparison.cpuPerRequest.lo)} to ${signed(second.comparison.cpuPerRequest.hi)})`)).toBe(true);
  expect(row('requests per second -pgo=off → PGO')).toMatch(/\d+ → \d+\s+\d+ → \d+$/);
  expect(summary).toMatch(/call-edge overlap of the two profiles: \d+\.\d% \(weighted Jaccard of the edges' shares; [\d,]+ and [\d,]+ edges, [\d,]+ in both\)/);
  for (const n of [1, 2]) expect(await fs.readFile(path.join(outDir, `storefront-loadtest-${n}.html`), 'utf8')).toContain('PGO loadtest: storefront');
});

test('the report is non-empty HTML with a chart', async () => {
  const html = await fs.readFile(path.join(outDir, 'report.html'), 'utf8');
  expect(html.length).toBeGreaterThan(1000);
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain('<svg');
});

test('no storefront, load generator or Nx process outlives the demo, and its scratch copy is gone', async () => {
  expect(await processesMentioning(scratch)).toEqual([]);
  expect(existsSync(scratch)).toBe(false);
});

test('Ctrl-C while the storefronts run stops every process the demo started, by pid, and exits 130', async () => {
  const child = spawn('node', [DEMO, '--quick', '--out', outDir], { cwd: repoRoot, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const capturing = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/load generator running$/m.test(output)) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the demo ended before capturing:\n${output}`)));
  });
  try {
    await capturing;
    const root = scratchRoot(output);
    // The storefronts and the load generator of this run are up.
    expect((await processesMentioning(root)).length).toBeGreaterThanOrEqual(4);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(output).toContain('demo: SIGINT: stopping every process it started');
    expect(await processesMentioning(root)).toEqual([]);
    expect(existsSync(root)).toBe(false);
  } finally {
    child.kill('SIGKILL');
  }
}, 300_000);
