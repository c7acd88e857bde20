// The statistics pgo-loadtest (per round) and pgo-canary (per step) share: values measured on
// both sides at the same time are paired, each pair's ratio pgo/off becomes a "round" of
// pgo-bench's paired geomean (its median and 95% interval over the pairs), and Mann-Whitney U
// tests whether the two sides' values differ at all.
import { mannWhitneyUTest } from '../stats/mann-whitney';
import { pairedGeomeanDelta } from '../stats/paired-geomean';
import type { Estimate } from '../stats/stats-types';

export const CONFIDENCE = 0.95;

export interface Pair {
  off: number;
  pgo: number;
}

export interface PairedComparison {
  /** Median over pairs of (pgo / off − 1) × 100, with its CI. */
  delta: Estimate;
  /** Two-sided Mann-Whitney U p-value of the off values against the pgo values. */
  pValue: number;
}

/** `metric` names the pairs' values in errors, e.g. `cpu/request`. */
export function comparePairs(pairs: readonly Pair[], metric: string): PairedComparison {
  const delta = pairedGeomeanDelta(
    pairs.map((pair) => [{ benchmark: metric, off: pair.off, pgo: pair.pgo }]),
    CONFIDENCE,
  );
  const { p } = mannWhitneyUTest(
    pairs.map((pair) => pair.off),
    pairs.map((pair) => pair.pgo),
  );
  return { delta, pValue: p };
}

/** The median of values (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
