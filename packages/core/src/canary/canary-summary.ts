// What a person reads after pgo-canary: the canary's change in CPU per request against its
// baseline with the interval, the window and steps it rests on, and the gate.
import { estimateText } from '../bench/bench-summary';
import { formatMeasure } from '../report/format';
import { median } from '../loadtest/paired-comparison';
import type { CanaryRun } from './canary-types';

export function canarySummary(run: CanaryRun): string {
  const cost = (values: number[]): string => formatMeasure(median(values), 'sec/op');
  const lines = [
    `${run.project}: canary CPU per request ${estimateText(run.comparison.cpuPerRequest)} against the baseline over ${run.steps.length} steps of ${run.step} (Mann-Whitney p=${run.comparison.pValue.toFixed(3)})`,
    `median CPU per request: baseline ${cost(run.steps.map((s) => s.baseline.cpuPerRequest))}, canary ${cost(run.steps.map((s) => s.canary.cpuPerRequest))}`,
    `window ${run.window.start} to ${run.window.end} from ${run.prometheus}${run.skippedSteps > 0 ? `; ${run.skippedSteps} steps left out (a deployment without data or requests)` : ''}`,
    ...run.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.message}`),
    run.accepted ? 'accepted' : 'not accepted',
  ];
  return `${lines.join('\n')}\n`;
}
