// runPgoBench on the example's pricing package with the real toolchain: alternation, outputs in
// benchstat's formats, history, gates and --no-gate. Builds are warm (go's usual cache) so the
// spec stays short; cold builds are exercised by example-gain.spec.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { parseBenchOutput } from '../stats/bench-parse';
import { compareBenchmarks } from '../stats/compare';
import { BenchGateError } from './bench-error';
import { EXAMPLES, GOOD_PROFILE, PRICING_BENCHMARKS, quickSettings, REPORT_DIR, TOOLS_MODULE, WRONG_PROFILE } from './example-bench.spec-helper';
import { readHistory } from './history';
import { runPgoBench, type BenchProgress, type PgoBenchResult, type RunPgoBenchOptions } from './run-bench';

const PRICING = 'example.com/shop/tools/internal/pricing';
const COUNT = 4;

let tmp: string;
let history: string;
let good: PgoBenchResult;
const events: BenchProgress[] = [];

function options(name: string, overrides: Partial<RunPgoBenchOptions>): RunPgoBenchOptions {
  return {
    workspaceRoot: EXAMPLES,
    binaryDir: REPORT_DIR,
    moduleRoot: TOOLS_MODULE,
    project: 'report',
    settings: quickSettings(COUNT, {}),
    profile: GOOD_PROFILE,
    outputDir: path.join(tmp, name),
    historyFile: history,
    buildCost: 'warm',
    ...overrides,
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-spec-'));
  history = path.join(tmp, 'history', 'report.jsonl');
  good = await runPgoBench(
    options('good', {
      settings: quickSettings(COUNT, { cpu: 1, binarySize: 0.5, buildTime: 10 }),
      onProgress: (event) => events.push(event),
    }),
  );
}, FIXTURE_TIMEOUT_MS);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a run with the committed profile', () => {
  test('runs each benchmark off then pgo, round after round, announcing each round with an ETA after the first', () => {
    const runs = events.flatMap((e) => (e.kind === 'run' ? [`${e.round}:${e.side}:${e.package}:${e.benchmark}`] : []));
    const benchmarks = ['BenchmarkParse', 'BenchmarkPrice', 'BenchmarkRender', 'BenchmarkReport'];
    expect(runs).toEqual(
      Array.from({ length: COUNT }, (_, i) => benchmarks.flatMap((b) => [`${i + 1}:off:${PRICING}:${b}`, `${i + 1}:pgo:${PRICING}:${b}`])).flat(),
    );
    const rounds = events.filter((e) => e.kind === 'round');
    expect(rounds.map((e) => e.round)).toEqual([1, 2, 3, 4]);
    expect(rounds[0]).not.toHaveProperty('etaSeconds');
    for (const e of rounds.slice(1)) expect(e.etaSeconds).toBeGreaterThan(0);
    // The ETA is the mean round so far times the rounds left: it shrinks as rounds finish.
    const etas = rounds.slice(1).map((e) => e.etaSeconds! / (COUNT - e.round + 1));
    for (const perRound of etas) expect(perRound).toBeLessThan(60);
    expect(events.filter((e) => e.kind !== 'run' && e.kind !== 'round').map((e) => e.kind)).toEqual(['packages', 'build', 'built', 'build', 'built']);
  });

  test('writes both sides in benchstat input format: the configuration once, then every round', () => {
    for (const side of ['off', 'pgo'] as const) {
      const text = readFileSync(good.files[side], 'utf8');
      const lines = text.trimEnd().split('\n');
      expect(lines.slice(0, 4).map((l) => l.split(':')[0])).toEqual(['goos', 'goarch', 'pkg', 'cpu']);
      expect(lines[2]).toBe(`pkg: ${PRICING}`);
      const results = lines.slice(4);
      expect(results).toHaveLength(PRICING_BENCHMARKS.length * COUNT);
      // go test's result lines: name-procs, iterations, then value-unit pairs with -benchmem's.
      for (const line of results) expect(line).toMatch(/^Benchmark\w+-\d+\s+10\s+\d+(\.\d+)? ns\/op(\s+\d+(\.\d+)? MB\/s)?\s+\d+ B\/op\s+\d+ allocs\/op$/);
      const parsed = parseBenchOutput(text);
      expect(parsed.syntaxErrors).toEqual([]);
      const names = [...new Set(parsed.results.map((r) => r.name.replace(/-\d+$/, '')))];
      expect(names).toEqual(PRICING_BENCHMARKS);
    }
  });

  test('bench-diff.txt, bench.json and the history say the same as the run', async () => {
    const off = readFileSync(good.files.off, 'utf8');
    const pgo = readFileSync(good.files.pgo, 'utf8');
    expect(JSON.parse(JSON.stringify(compareBenchmarks(off, pgo, { oldLabel: 'bench-off.txt', newLabel: 'bench-pgo.txt' })))).toEqual(
      JSON.parse(JSON.stringify(good.run.comparison)),
    );
    expect(readFileSync(good.files.diff, 'utf8')).toBe(good.diff);
    expect(good.diff).toMatch(/│\s+bench-off\.txt\s+│\s+bench-pgo\.txt\s+│/);
    expect(good.diff).toMatch(/^geomean /m);
    const json = JSON.parse(readFileSync(good.files.json, 'utf8')) as typeof good.run;
    expect(json).toEqual(JSON.parse(JSON.stringify(good.run)));
    expect(json).toMatchObject({ project: 'report', count: COUNT, packages: [PRICING], accepted: true, profile: { path: 'tools/cmd/report/default.pgo' } });
    expect(json.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(json.gates.map((g) => [g.gate, g.baseline, g.passed])).toEqual([
      ['cpu', 'off', true],
      ['binarySize', 'off', true],
    ]);
    expect(json.pgo.binaryBytes).toBeGreaterThan(json.off.binaryBytes);
    expect(json.geomeanDelta.n).toBe(COUNT);
    expect(readFileSync(good.files.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(path.dirname(good.files.json)).sort()).toEqual(['bench-diff.txt', 'bench-off.txt', 'bench-pgo.txt', 'bench.json', 'report.html']);
    const { rows } = await readHistory(history);
    expect(rows).toEqual([
      {
        commit: json.commit,
        profileSha256: json.profile.sha256,
        date: json.date,
        goVersion: json.goVersion,
        geomeanDeltaPercent: good.run.geomeanDelta.center,
        geomeanCi: { lo: good.run.geomeanDelta.lo, hi: good.run.geomeanDelta.hi },
        binaryBytes: { off: json.off.binaryBytes, pgo: json.pgo.binaryBytes },
        buildSeconds: { off: json.off.buildSeconds, pgo: json.pgo.buildSeconds },
        accepted: true,
      },
    ]);
  });
});

describe('a profile of the wrong workload', () => {
  test('fails the binary size gate against the last accepted run, after writing every output', async () => {
    const run = runPgoBench(options('wrong', { profile: WRONG_PROFILE, settings: quickSettings(2, { cpu: 1, binarySize: 0.01 }) }));
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BenchGateError);
    const gateError = error as BenchGateError;
    const goodBytes = good.run.pgo.binaryBytes.toLocaleString('en-US');
    const wrongBytes = gateError.run.pgo.binaryBytes.toLocaleString('en-US');
    expect(gateError.message).toMatch(
      new RegExp(
        `^report: PGO failed a gate: binarySize: the pgo test binaries are ${wrongBytes} B, \\+\\d+\\.\\d\\d% against ${goodBytes} B of the last accepted run \\([0-9a-f]{12}, [-\\dT:.Z]+\\): over the 1% limit$`,
      ),
    );
    expect(gateError.failed.map((g) => g.gate)).toEqual(['binarySize']);
    expect(gateError.failed[0]!.measured).toBeCloseTo(gateError.run.pgo.binaryBytes / good.run.pgo.binaryBytes - 1, 10);
    const written = JSON.parse(readFileSync(path.join(tmp, 'wrong', 'bench.json'), 'utf8')) as typeof good.run;
    expect(written).toMatchObject({ accepted: false, profile: { path: 'tools/cmd/report/testdata/wrong-workload.pgo' } });
    const { rows } = await readHistory(history);
    expect(rows.map((r) => r.accepted)).toEqual([true, false]);
  }, FIXTURE_TIMEOUT_MS);

  test('with noGate, reports the breach without failing and stays out of the baseline', async () => {
    const result = await runPgoBench(options('no-gate', { profile: WRONG_PROFILE, settings: quickSettings(2, { binarySize: 0.01 }), noGate: true }));
    expect(result.run.accepted).toBe(false);
    expect(result.run.gates).toEqual([expect.objectContaining({ gate: 'binarySize', baseline: 'history', passed: false })]);
    // Compared with the first run, the last accepted one, not with the rejected second run.
    expect(result.run.gates[0]!.message).toContain(`${good.run.pgo.binaryBytes.toLocaleString('en-US')} B of the last accepted run`);
    const { rows } = await readHistory(history);
    expect(rows.map((r) => r.accepted)).toEqual([true, false, false]);
  }, FIXTURE_TIMEOUT_MS);
});
