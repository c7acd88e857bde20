// What report.html shows of a pgo-canary run (report/service-report.ts renders it).
import { formatMeasure } from '../report/format';
import type { ServiceReportModel } from '../report/service-report';
import type { ServiceHistoryRow } from '../loadtest/service-history-row';
import type { CanaryRun } from './canary-types';

export function canaryReportModel(run: CanaryRun, history: readonly ServiceHistoryRow[]): ServiceReportModel {
  const time = (unix: number): string => new Date(unix * 1000).toISOString().slice(11, 19);
  const cost = (seconds: number): string => formatMeasure(seconds, 'sec/op');
  return {
    kind: 'canary',
    project: run.project,
    date: run.date,
    accepted: run.accepted,
    gates: run.gates,
    names: { off: 'baseline', pgo: 'canary' },
    pairName: 'step',
    points: run.steps.map((s) => ({ label: time(s.time), off: s.baseline.cpuPerRequest, pgo: s.canary.cpuPerRequest })),
    delta: run.comparison.cpuPerRequest,
    pValue: run.comparison.pValue,
    facts: [
      ['project', run.project],
      ['date', run.date],
      ['commit', run.commit ?? 'unknown'],
      ['Prometheus', run.prometheus],
      ['window', `${run.window.start} to ${run.window.end}, step ${run.step}; ${run.steps.length} paired steps, ${run.skippedSteps} left out (a deployment without data or requests)`],
      ['canary', `${run.queries.cpu.canary} / ${run.queries.requests.canary}`],
      ['baseline', `${run.queries.cpu.baseline} / ${run.queries.requests.baseline}`],
      ['profile', run.profile === undefined ? 'none committed' : `${run.profile.path} (sha256 ${run.profile.sha256.slice(0, 12)})`],
    ],
    table: {
      headers: ['step (UTC)', 'baseline CPU/req', 'canary CPU/req', 'delta', 'baseline req/s', 'canary req/s', 'baseline CPU', 'canary CPU'],
      rows: run.steps.map((s) => [
        time(s.time),
        cost(s.baseline.cpuPerRequest),
        cost(s.canary.cpuPerRequest),
        `${((s.canary.cpuPerRequest / s.baseline.cpuPerRequest - 1) * 100).toFixed(1)}%`,
        s.baseline.requests.toFixed(1),
        s.canary.requests.toFixed(1),
        s.baseline.cpu.toFixed(3),
        s.canary.cpu.toFixed(3),
      ]),
    },
    notes: [],
    history,
  };
}
