// The gates on comparisons made by the real statistics (stats/compare.ts) from benchmark
// outputs written for the case: which rows count, the geomean rule, baselines, messages.
import { compareBenchmarks } from '../stats/compare';
import type { Estimate } from '../stats/stats-types';
import type { BuildCost, HistoryRow } from './bench-types';
import { evaluateGates, type GateInputs } from './gates';

/** `count` results per benchmark around `nsPerOp`, ±0.5% apart around it. */
function output(benchmarks: Record<string, number>, count = 8): string {
  const lines = ['goos: linux', 'goarch: amd64', 'pkg: example.com/p', 'cpu: Test CPU'];
  for (let i = 0; i < count; i++) {
    for (const [name, ns] of Object.entries(benchmarks)) lines.push(`Benchmark${name}-2 \t 1000\t ${(ns * (1 + (i - (count - 1) / 2) / 200)).toFixed(1)} ns/op`);
  }
  return `${lines.join('\n')}\n`;
}

const FLAT: Estimate = { center: 0, lo: -1, hi: 1, n: 8 };
const COST: BuildCost = { buildSeconds: 10, binaryBytes: 1_000_000 };

function inputs(overrides: Partial<GateInputs>): GateInputs {
  return {
    gates: {},
    comparison: compareBenchmarks(output({ Parse: 1000, Price: 2000 }), output({ Parse: 1000, Price: 2000 })),
    geomeanDelta: FLAT,
    off: COST,
    pgo: COST,
    previous: undefined,
    buildCost: 'cold',
    ...overrides,
  };
}

describe('cpu', () => {
  const slowerParse = compareBenchmarks(output({ Parse: 1000, Price: 2000 }), output({ Parse: 1100, Price: 1800 }));

  test('fails on a significant row slower than the limit, naming the benchmark and the numbers', () => {
    const [gate] = evaluateGates(inputs({ gates: { cpu: 0.05 }, comparison: slowerParse }));
    expect(gate).toEqual({
      gate: 'cpu',
      limit: 0.05,
      measured: expect.closeTo(0.1, 3),
      baseline: 'off',
      passed: false,
      message: 'cpu: Parse-2 is 10.0% slower with PGO (1µs → 1.1µs, p=0.000): over the 5% limit',
    });
  });

  test('passes when the slowdown is within the limit, and says what it saw', () => {
    const [gate] = evaluateGates(inputs({ gates: { cpu: 0.15 }, comparison: slowerParse, geomeanDelta: { center: -2, lo: -3, hi: -1, n: 8 } }));
    expect(gate).toMatchObject({ passed: true, measured: expect.closeTo(0.1, 3) });
    expect(gate!.message).toBe(
      'cpu: worst significant: Parse-2 is 10.0% slower with PGO (1µs → 1.1µs, p=0.000); the geomean over rounds is 2.0% faster with PGO (CI -3.0% to -1.0%): within the 15% limit',
    );
  });

  test('ignores a slower row that is not significant', () => {
    // Two results per side: the U test cannot reach p ≤ 0.05.
    const comparison = compareBenchmarks(output({ Parse: 1000, Price: 2000 }, 2), output({ Parse: 1500, Price: 2000 }, 2));
    expect(comparison.tables[0]!.rows[0]).toMatchObject({ benchmark: 'Parse-2', significant: false });
    const [gate] = evaluateGates(inputs({ gates: { cpu: 0.05 }, comparison }));
    expect(gate).toMatchObject({ passed: true, message: expect.stringMatching(/^cpu: no benchmark differs significantly; /) as unknown });
  });

  test.each([
    [{ center: 8, lo: 2, hi: 12, n: 8 }, false, 'cpu: the geomean over rounds is 8.0% slower with PGO (CI 2.0% to 12.0%): over the 5% limit'],
    // Slower than the limit at the median, but the interval reaches 0: no evidence.
    [{ center: 8, lo: -1, hi: 12, n: 8 }, true, undefined],
    // Too few rounds for an interval.
    [{ center: 8, lo: -Infinity, hi: Infinity, n: 4 }, true, undefined],
    // Surely slower, but within the limit.
    [{ center: 4, lo: 2, hi: 6, n: 8 }, true, undefined],
  ])('geomean %j: passed %s', (geomeanDelta, passed, message) => {
    const [gate] = evaluateGates(inputs({ gates: { cpu: 0.05 }, geomeanDelta }));
    expect(gate).toMatchObject({ passed, measured: geomeanDelta.center / 100 });
    if (message !== undefined) expect(gate!.message).toBe(message);
  });
});

describe('binarySize and buildTime', () => {
  const previous: HistoryRow = {
    commit: '0123456789abcdef0123456789abcdef01234567',
    profileSha256: 'ab'.repeat(32),
    date: '2026-01-02T03:04:05.000Z',
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: -5,
    geomeanCi: { lo: -7, hi: -3 },
    binaryBytes: { off: 1_000_000, pgo: 1_040_000 },
    buildSeconds: { off: 10, pgo: 20 },
    accepted: true,
  };
  const pgo: BuildCost = { buildSeconds: 22, binaryBytes: 1_060_000 };

  test('compare with the -pgo=off build without history', () => {
    const gates = evaluateGates(inputs({ gates: { binarySize: 0.05, buildTime: 1 }, pgo }));
    expect(gates).toEqual([
      {
        gate: 'binarySize',
        limit: 0.05,
        measured: expect.closeTo(0.06, 10),
        baseline: 'off',
        passed: false,
        message: "binarySize: the pgo test binaries are 1,060,000 B, +6.00% against the -pgo=off build's 1,000,000 B: over the 5% limit",
      },
      {
        gate: 'buildTime',
        limit: 1,
        measured: expect.closeTo(1.2, 10),
        baseline: 'off',
        passed: false,
        message: "buildTime: the pgo build took 22.0 s, +120.00% against the -pgo=off build's 10.0 s: over the 100% limit",
      },
    ]);
  });

  test("compare with the last accepted run's pgo figures", () => {
    const gates = evaluateGates(inputs({ gates: { binarySize: 0.05, buildTime: 0.25 }, pgo, previous }));
    expect(gates.map((g) => [g.gate, g.baseline, g.passed, g.measured.toFixed(4)])).toEqual([
      ['binarySize', 'history', true, '0.0192'],
      ['buildTime', 'history', true, '0.1000'],
    ]);
    expect(gates[0]!.message).toBe('binarySize: the pgo test binaries are 1,060,000 B, +1.92% against 1,040,000 B of the last accepted run (0123456789ab, 2026-01-02T03:04:05.000Z): within the 5% limit');
  });

  test('buildTime is not evaluated with warm builds; unset gates never are', () => {
    expect(evaluateGates(inputs({ gates: { binarySize: 0.05, buildTime: 0.25 }, buildCost: 'warm' })).map((g) => g.gate)).toEqual(['binarySize']);
    expect(evaluateGates(inputs({ gates: {} }))).toEqual([]);
  });
});
