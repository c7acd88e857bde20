// The gates of pgo-loadtest and pgo-canary (pgo.yaml loadtest.gates, canary.gates; fractions).
// A gate fails when the median over rounds (or steps) of the paired ratio pgo/off is worse than
// the limit AND its 95% interval lies wholly above 0: PGO made the service worse with the run's
// confidence. With too few pairs for an interval, no gate fails: there is no evidence either way.
// This is pgo-bench's rule for its geomean.
import type { GateResult } from '../bench/bench-types';
import { ciText, percent } from '../bench/gates';
import type { Estimate } from '../stats/stats-types';

export function estimateGate(gate: 'cpuPerRequest' | 'latencyP99', limit: number, estimate: Estimate, subject: string): GateResult {
  const measured = estimate.center / 100;
  const passed = !(measured > limit && estimate.lo > 0);
  const change = estimate.center > 0 ? `${estimate.center.toFixed(1)}% higher` : `${(-estimate.center).toFixed(1)}% lower`;
  const verdict = passed ? `within the ${percent(limit)} limit` : `over the ${percent(limit)} limit`;
  return {
    gate,
    limit,
    measured,
    baseline: 'off',
    passed,
    message: `${gate}: ${subject} is ${change} with PGO (median of ${estimate.n}, CI ${ciText(estimate)}): ${verdict}`,
  };
}
