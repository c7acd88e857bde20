// The confidence interval the delta chart draws around pgo/off − 1.
//
// benchstat gives each side's median a confidence interval, not the ratio. The report takes the
// range of ratios the two intervals allow: [pgo.lo / off.hi − 1, pgo.hi / off.lo − 1]. If each
// interval holds its true median with confidence c, both do with probability at least 2c − 1
// (Bonferroni), and then the true ratio lies in the range: an honest, conservative interval.
// A bound that cannot be computed (n too small for a CI, or a zero/negative denominator) is
// ±Infinity, and the chart draws that end open.
import type { Estimate } from '../stats/stats-types';

/** In percent; `lo` may be -Infinity and `hi` +Infinity. */
export interface DeltaInterval {
  lo: number;
  hi: number;
}

export function deltaInterval(off: Estimate, pgo: Estimate): DeltaInterval {
  // Zero on both sides with no spread (0 B/op, 0 allocs/op): nothing changed, for certain.
  if ([off.lo, off.hi, pgo.lo, pgo.hi].every((bound) => bound === 0)) return { lo: 0, hi: 0 };
  return {
    lo: ratioPercent(pgo.lo, off.hi, -Infinity),
    hi: ratioPercent(pgo.hi, off.lo, Infinity),
  };
}

function ratioPercent(numerator: number, denominator: number, unknown: number): number {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return unknown;
  return (numerator / denominator - 1) * 100;
}

/**
 * The confidence level the range holds at least, for intervals of confidence `confidence` each
 * (0.95 → 0.90).
 */
export function jointConfidence(confidence: number): number {
  return Math.max(0, 2 * confidence - 1);
}
