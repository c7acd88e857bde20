// What report.html shows of a pgo-loadtest run (report/service-report.ts renders it).
import { formatMeasure } from '../report/format';
import type { ServiceReportModel } from '../report/service-report';
import { formatPercent } from '../text/format';
import { SATURATED_THREAD } from './loadtest-stats';
import type { LoadtestRun, SideMeasure } from './loadtest-types';
import type { ServiceHistoryRow } from './service-history-row';

export const SIDE_NAMES = { off: '-pgo=off', pgo: 'PGO' };

export function loadtestReportModel(run: LoadtestRun, history: readonly ServiceHistoryRow[]): ServiceReportModel {
  const { comparison } = run;
  const ms = (seconds: number): string => formatMeasure(seconds, 'sec/op');
  const latency = (side: SideMeasure): string => (side.latency === undefined ? '' : `${ms(side.latency.p50)} / ${ms(side.latency.p99)}`);
  return {
    kind: 'loadtest',
    project: run.project,
    date: run.date,
    accepted: run.accepted,
    gates: run.gates,
    names: SIDE_NAMES,
    pairName: 'round',
    points: run.measures.map((m) => ({ label: String(m.round), off: m.off.cpuPerRequest, pgo: m.pgo.cpuPerRequest })),
    delta: comparison.cpuPerRequest,
    pValue: comparison.pValue,
    ...(comparison.latencyP99 === undefined ? {} : { latencyP99: comparison.latencyP99 }),
    facts: [
      ['project', run.project],
      ['date', run.date],
      ['Go', run.goVersion],
      ['commit', run.commit ?? 'unknown'],
      ['profile', `${run.profile.path} (sha256 ${run.profile.sha256.slice(0, 12)})`],
      ['load', run.load],
      ['rounds', `${run.rounds} interleaved rounds of ${run.requestsPerRound} requests per side, the order alternating; ${run.warmup} warm-up requests per side first`],
      ['throughput', `median ${comparison.medians.off.requestsPerSecond.toFixed(0)} req/s -pgo=off, ${comparison.medians.pgo.requestsPerSecond.toFixed(0)} req/s PGO`],
      ['load generator', generatorText(run)],
    ],
    table: {
      headers: ['round', 'first', 'off CPU/req', 'PGO CPU/req', 'delta', 'off req/s', 'PGO req/s', 'off p50 / p99', 'PGO p50 / p99', 'generator share off / PGO'],
      rows: run.measures.map((m) => [
        String(m.round),
        m.first,
        ms(m.off.cpuPerRequest),
        ms(m.pgo.cpuPerRequest),
        `${((m.pgo.cpuPerRequest / m.off.cpuPerRequest - 1) * 100).toFixed(1)}%`,
        m.off.requestsPerSecond.toFixed(0),
        m.pgo.requestsPerSecond.toFixed(0),
        latency(m.off),
        latency(m.pgo),
        `${formatPercent(m.off.generator.share)} / ${formatPercent(m.pgo.generator.share)}`,
      ]),
    },
    notes: comparison.generator.saturated ? [saturationWarning(run)] : [],
    history,
  };
}

/** The generator's share and how busy its busiest thread was: the evidence it did not limit the server. */
export function generatorText(run: LoadtestRun): string {
  const { maxShare, maxBusiestThread, saturated } = run.comparison.generator;
  const busiest = maxBusiestThread === undefined ? 'its threads could not be sampled (runs too short)' : `its busiest thread was at most ${formatPercent(maxBusiestThread)} busy`;
  const verdict = maxBusiestThread === undefined ? '' : saturated ? ': it may have been the bottleneck' : ': not the bottleneck';
  return `at most ${formatPercent(maxShare)} of the CPU it and the server used; ${busiest}${verdict}`;
}

function saturationWarning(run: LoadtestRun): string {
  return (
    `The load generator's busiest thread was ${formatPercent(run.comparison.generator.maxBusiestThread ?? 1)} busy (≥ ${formatPercent(SATURATED_THREAD)}): ` +
    'throughput and latency may describe the generator rather than the server. CPU per request still compares the servers; lower the concurrency or use a faster generator (wrk) for the rest.'
  );
}
