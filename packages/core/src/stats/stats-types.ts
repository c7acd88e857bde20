// The shapes benchstat-grade statistics produce (stats/), as bench.json and the report read them.

/** A sample's median with its confidence interval; lo/hi are ±Infinity when n is too small. */
export interface Estimate {
  center: number;
  lo: number;
  hi: number;
  n: number;
}

/** One benchmark and unit, off against pgo: benchstat's row. */
export interface ComparisonRow {
  /** Benchmark name without the `Benchmark` prefix and with the -N GOMAXPROCS suffix, as benchstat prints it. */
  benchmark: string;
  /** `sec/op`, `B/op`, `allocs/op`, or a custom unit. */
  unit: string;
  off: Estimate;
  pgo: Estimate;
  /** (pgo.center / off.center − 1) × 100; NaN when off is 0 and pgo is not (benchstat prints "?"). */
  deltaPercent: number;
  /**
   * Two-sided Mann-Whitney U p-value, as benchstat computes it: with lopsided ties its exact
   * recurrence can exceed 1, and we reproduce that so decisions and printed values match.
   */
  pValue: number;
  /** pValue ≤ alpha; benchstat prints "~" otherwise. */
  significant: boolean;
}

export interface ComparisonTable {
  unit: string;
  rows: ComparisonRow[];
  /** Geometric means of the centers, as benchstat's geomean row; absent with one row or a zero. */
  geomean?: { off: number; pgo: number; deltaPercent: number };
}

export interface BenchComparison {
  alpha: number;
  confidence: number;
  tables: ComparisonTable[];
}
