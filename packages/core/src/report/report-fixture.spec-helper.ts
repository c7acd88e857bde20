// A realistic pgo-bench result for the report's specs: several benchmarks (significant gains,
// one significant regression, "~" results, a benchmark with too few runs for a CI, names that
// need escaping), three units, failed gates, and ten runs of history across a profile refresh.
import type { BenchRun, HistoryRow } from '../bench/bench-types';
import type { ComparisonRow, ComparisonTable, Estimate } from '../stats/stats-types';

export const PROFILE_A = '3f9c2a7be1d04c5a8e6f7b2d9c1a0e4f5b6c7d8e9f0a1b2c3d4e5f60718293a4';
export const PROFILE_B = 'b71e05d2c9a84f3e6d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e';

/** A median with a CI `spread` (a fraction of it) each side; ±Infinity when n is too small. */
export function estimate(center: number, spread: number, n: number): Estimate {
  if (n < 6) return { center, lo: -Infinity, hi: Infinity, n };
  return { center, lo: center * (1 - spread), hi: center * (1 + spread), n };
}

export function row(benchmark: string, off: Estimate, pgo: Estimate, pValue: number): ComparisonRow {
  return {
    benchmark,
    unit: 'sec/op',
    off,
    pgo,
    deltaPercent: off.center === 0 ? (pgo.center === 0 ? 0 : Infinity) : (pgo.center / off.center - 1) * 100,
    pValue,
    significant: pValue < 0.05,
  };
}

function table(unit: string, rows: ComparisonRow[]): ComparisonTable {
  const withUnit = rows.map((r) => ({ ...r, unit }));
  const positive = withUnit.every((r) => r.off.center > 0 && r.pgo.center > 0);
  const geo = (side: 'off' | 'pgo'): number => Math.exp(withUnit.reduce((sum, r) => sum + Math.log(r[side].center), 0) / withUnit.length);
  return {
    unit,
    rows: withUnit,
    geomean: positive && withUnit.length > 1 ? { off: geo('off'), pgo: geo('pgo'), deltaPercent: (geo('pgo') / geo('off') - 1) * 100 } : undefined,
  };
}

/** Names as `go test -bench` prints them, two with characters HTML must escape. */
export const BENCHMARKS = {
  router: 'RouterMatch/static-8',
  json: 'JSONEncode/<small>&"quoted"-8',
  gzip: 'GzipCompress/level=6-8',
  hash: 'HashSHA256/1KiB-8',
  template: "TemplateRender/user's_page-8",
  parse: 'ParseConfig/large_nested_document_with_many_keys-8',
} as const;

export function realisticRun(): BenchRun {
  const n = 8;
  const time = table('sec/op', [
    row(BENCHMARKS.router, estimate(412.6e-9, 0.012, n), estimate(371.9e-9, 0.015, n), 0.000155),
    row(BENCHMARKS.json, estimate(2.318e-6, 0.021, n), estimate(2.194e-6, 0.018, n), 0.00311),
    row(BENCHMARKS.gzip, estimate(18.42e-6, 0.008, n), estimate(18.83e-6, 0.007, n), 0.0104),
    row(BENCHMARKS.hash, estimate(1.572e-6, 0.011, n), estimate(1.566e-6, 0.013, n), 0.645),
    row(BENCHMARKS.template, estimate(7.913e-6, 0, 4), estimate(7.204e-6, 0, 4), 0.0286),
    row(BENCHMARKS.parse, estimate(96.07e-6, 0.034, n), estimate(93.88e-6, 0.041, n), 0.161),
  ]);
  const bytes = table('B/op', [
    row(BENCHMARKS.router, estimate(0, 0, n), estimate(0, 0, n), 1),
    row(BENCHMARKS.json, estimate(1184, 0, n), estimate(1184, 0, n), 1),
    row(BENCHMARKS.gzip, estimate(814_200, 0.001, n), estimate(814_180, 0.001, n), 0.878),
  ]);
  const allocs = table('allocs/op', [
    row(BENCHMARKS.json, estimate(14, 0, n), estimate(12, 0, n), 0.000155),
    row(BENCHMARKS.gzip, estimate(22, 0, n), estimate(22, 0, n), 1),
  ]);
  return {
    project: 'checkout-api',
    commit: '9e1f0c4a7b2d',
    date: '2025-03-14T09:30:00Z',
    goVersion: 'go1.26.0',
    profile: { path: 'services/cmd/checkout-api/default.pgo', sha256: PROFILE_B },
    packages: ['./internal/router/...', './internal/render/...'],
    count: n,
    comparison: { alpha: 0.05, confidence: 0.95, tables: [time, bytes, allocs] },
    geomeanDelta: { center: -4.12, lo: -5.31, hi: -2.87, n },
    off: { buildSeconds: 41.7, binaryBytes: 14_683_912 },
    pgo: { buildSeconds: 58.3, binaryBytes: 15_502_336 },
    gates: [
      {
        gate: 'cpu',
        limit: 0.05,
        measured: 0.0223,
        baseline: 'off',
        passed: true,
        message: `${BENCHMARKS.gzip}: +2.23% sec/op is within the 5% limit`,
      },
      {
        gate: 'binarySize',
        limit: 0.05,
        measured: 0.0557,
        baseline: 'off',
        passed: false,
        message: 'test binary 15.5 MB with PGO vs 14.7 MB off: +5.57% exceeds the 5% limit',
      },
      { gate: 'buildTime', limit: 0.25, measured: 0.398, baseline: 'off', passed: false, message: 'cold build 58.3 s vs 41.7 s: +39.8% exceeds 25%' },
    ],
    accepted: false,
  };
}

/**
 * Ten runs over three weeks: profile A's gain fades from about −6% to −2% (going stale), one
 * run is rejected, one had too few runs for a CI, then a refresh to profile B restores it.
 */
export function realisticHistory(): HistoryRow[] {
  const deltas: [string, number, number, boolean][] = [
    ['2025-02-21', -6.2, 1.1, true],
    ['2025-02-24', -5.8, 1.3, true],
    ['2025-02-26', -5.1, 1.0, true],
    ['2025-02-28', -4.4, Infinity, true],
    ['2025-03-03', -3.6, 1.2, true],
    ['2025-03-05', -2.9, 1.4, false],
    ['2025-03-07', -2.1, 1.1, true],
    ['2025-03-10', -5.7, 1.2, true],
    ['2025-03-12', -5.4, 1.0, true],
    ['2025-03-14', -4.12, 1.22, false],
  ];
  return deltas.map(([day, delta, halfWidth, accepted], index) => ({
    commit: `c0ffee${index}`,
    profileSha256: index < 7 ? PROFILE_A : PROFILE_B,
    date: `${day}T09:30:00Z`,
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: delta,
    geomeanCi: { lo: delta - halfWidth, hi: delta + halfWidth },
    binaryBytes: { off: 14_683_912, pgo: 15_402_336 + index * 10_000 },
    buildSeconds: { off: 41.7, pgo: 57 + index / 10 },
    accepted,
  }));
}
