// What a person reads after pgo-loadtest: the change in CPU per request with its interval, both
// sides' medians (CPU per request, throughput, latency), the load generator's share, each gate.
import { estimateText } from '../bench/bench-summary';
import { formatMeasure } from '../report/format';
import { alignColumns } from '../text/format';
import { generatorText } from './loadtest-report-model';
import type { LoadtestRun } from './loadtest-types';

export function loadtestSummary(run: LoadtestRun): string {
  const { comparison } = run;
  const { off, pgo } = comparison.medians;
  const time = (seconds: number | undefined): string => (seconds === undefined ? '-' : formatMeasure(seconds, 'sec/op'));
  const table = alignColumns(
    [
      ['median over rounds', '-pgo=off', 'PGO'],
      ['CPU per request', time(off.cpuPerRequest), time(pgo.cpuPerRequest)],
      ['requests per second', off.requestsPerSecond.toFixed(0), pgo.requestsPerSecond.toFixed(0)],
      ['p50 latency', time(off.latency?.p50), time(pgo.latency?.p50)],
      ['p99 latency', time(off.latency?.p99), time(pgo.latency?.p99)],
    ],
    ['left', 'right', 'right'],
  );
  const lines = [
    `${run.project}: CPU per request ${estimateText(comparison.cpuPerRequest)} with PGO over ${run.rounds} rounds of ${run.requestsPerRound} requests (Mann-Whitney p=${comparison.pValue.toFixed(3)})`,
    ...(comparison.latencyP99 === undefined ? [] : [`p99 latency ${estimateText(comparison.latencyP99)} with PGO`]),
    '',
    ...table,
    '',
    `load: ${run.load}`,
    `load generator: ${generatorText(run)}`,
    ...run.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.message}`),
    run.accepted ? 'accepted' : 'not accepted',
  ];
  return `${lines.join('\n')}\n`;
}
