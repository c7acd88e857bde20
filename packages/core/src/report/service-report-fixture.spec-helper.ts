// For specs: a pgo-loadtest report model with two rounds, a history row and a gate, whose
// project name needs escaping. Named *.spec-helper.ts so Jest does not run it as a suite.
import type { ServiceReportModel } from './service-report';

export function serviceReportModel(overrides: Partial<ServiceReportModel> = {}): ServiceReportModel {
  return {
    kind: 'loadtest',
    project: 'store<front>',
    date: '2026-03-01T10:00:00.000Z',
    accepted: true,
    gates: [{ gate: 'cpuPerRequest', limit: 0.05, measured: -0.12, baseline: 'off', passed: true, message: 'cpuPerRequest: 12.0% lower: within the 5% limit' }],
    names: { off: '-pgo=off', pgo: 'PGO' },
    pairName: 'round',
    points: [
      { label: '1', off: 0.00048, pgo: 0.00042 },
      { label: '2', off: 0.0005, pgo: 0.00043 },
    ],
    delta: { center: -12, lo: -15, hi: -9, n: 10 },
    pValue: 0.0004,
    latencyP99: { center: -5, lo: -20, hi: 8, n: 10 },
    facts: [['load', 'built-in replayer of "r.jsonl"']],
    table: { headers: ['round', 'off CPU/req'], rows: [['1', '480 µs']] },
    notes: [],
    history: [
      { kind: 'loadtest', profileSha256: 'a'.repeat(64), date: '2026-02-01T00:00:00.000Z', geomeanDeltaPercent: -11, geomeanCi: { lo: -14, hi: -8 }, pValue: 0.001, pairs: 10, accepted: true },
    ],
    ...overrides,
  };
}
