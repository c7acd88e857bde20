// What a person reads after pgo-bench: benchstat's table, the geomean over rounds with its
// interval, the test binaries' size and build time, each gate's verdict, accepted or not.
import { formatBytes } from '../text/format';
import type { Estimate } from '../stats/stats-types';
import type { BenchRun } from './bench-types';

export function benchSummary(run: BenchRun, diff: string | undefined, skipped: string[]): string {
  const lines = [
    ...(diff === undefined ? [] : [diff.trimEnd(), '']),
    `geomean over ${run.count} rounds: ${estimateText(run.geomeanDelta)} with PGO`,
    `test binaries: ${formatBytes(run.off.binaryBytes)} off, ${formatBytes(run.pgo.binaryBytes)} pgo; build ${run.off.buildSeconds.toFixed(1)} s off, ${run.pgo.buildSeconds.toFixed(1)} s pgo`,
    ...run.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.message}`),
    ...skipped,
    run.accepted ? 'accepted' : 'not accepted',
  ];
  return `${lines.join('\n')}\n`;
}

export function estimateText(e: Estimate): string {
  const ci = Number.isFinite(e.lo) && Number.isFinite(e.hi) ? ` (95% CI ${signed(e.lo)} to ${signed(e.hi)})` : ' (too few rounds for a 95% interval)';
  return `${signed(e.center)}${ci}`;
}

export function signed(percent: number): string {
  return `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`;
}
