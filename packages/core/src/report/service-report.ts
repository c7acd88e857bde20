// The report of pgo-loadtest and pgo-canary: a service's CPU per request with PGO against without
// (the canary against its baseline). The verdict and the headline delta with its interval, the
// per-round (per-step) CPU per request of both sides, the delta over the history of such runs, a
// table of every round, and the gates. Rendering is a pure function of the model.
import type { GateResult } from '../bench/bench-types';
import type { ServiceHistoryRow } from '../loadtest/service-history-row';
import type { Estimate } from '../stats/stats-types';
import { atomicWrite } from '../fs/atomic-write';
import { runVerdict } from './bench-report';
import { reportDocument } from './document';
import { formatDay, formatDelta, formatInterval, formatP } from './format';
import { historyChart } from './history-chart';
import { h, type Markup } from './html';
import { pairsChart, type PairPoint } from './pairs-chart';
import { gatesTable } from './tables';

export interface ServiceReportModel {
  kind: ServiceHistoryRow['kind'];
  project: string;
  date: string;
  accepted: boolean;
  gates: GateResult[];
  /** The sides as people call them: -pgo=off and PGO, or baseline and canary. */
  names: { off: string; pgo: string };
  /** `round` or `step`. */
  pairName: string;
  /** CPU seconds per request of each pair. */
  points: PairPoint[];
  /** Median over pairs of (pgo / off − 1) × 100 of CPU per request. */
  delta: Estimate;
  pValue: number;
  latencyP99?: Estimate;
  /** Label and value lines under the title. */
  facts: [string, string][];
  /** One row per pair: the details a person checks the figures against. */
  table: { headers: string[]; rows: string[][] };
  /** Warnings worth a line of their own (a saturated load generator). */
  notes: string[];
  /** Earlier runs of the same kind, this one included. */
  history: readonly ServiceHistoryRow[];
}

const TITLES: Record<ServiceHistoryRow['kind'], string> = { loadtest: 'PGO loadtest', canary: 'PGO canary' };

export function renderServiceReport(model: ServiceReportModel): string {
  const verdict = runVerdict(model);
  const { delta } = model;
  const fact = (name: string, value: string): Markup[] => [h('dt', {}, [name]), h('dd', {}, [value])];
  const body = h('main', {}, [
    h('header', {}, [
      h('h1', {}, [`${TITLES[model.kind]}: ${model.project}`]),
      h('p', {}, [
        h('span', { class: `status ${model.accepted ? 'accepted' : 'rejected'}` }, [verdict]),
        ' ',
        h('strong', {}, [`CPU per request ${formatDelta(delta.center)} ${formatInterval(delta.lo, delta.hi)}`]),
        ` · ${significance(delta, model.pValue)}`,
        model.latencyP99 && ` · p99 latency ${formatDelta(model.latencyP99.center)} ${formatInterval(model.latencyP99.lo, model.latencyP99.hi)}`,
      ]),
      h('dl', { class: 'facts' }, model.facts.flatMap(([name, value]) => fact(name, value))),
      ...model.notes.map((note) => h('p', { class: 'note warning' }, [note])),
    ]),
    h('section', { id: 'pairs' }, [
      h('h2', {}, [`CPU per request by ${model.pairName}`]),
      h('p', { class: 'note' }, [
        `Server CPU time (utime + stime) divided by the requests served, each ${model.pairName} measured on both sides back to back. ` +
          `The headline is the median over ${model.pairName}s of ${model.names.pgo} / ${model.names.off} − 1 with its 95% interval.`,
      ]),
      pairsChart({ id: 'pairs-chart', points: model.points, names: model.names, pairName: model.pairName, unit: 'sec/req' }),
    ]),
    h('section', { id: 'history' }, [
      h('h2', {}, ['CPU per request over time']),
      historyChart({
        id: 'history-chart',
        history: model.history,
        measure: `CPU per request ${model.names.pgo} vs ${model.names.off}`,
        empty: `No history yet: each run adds a point here.`,
      }),
    ]),
    h('section', { id: 'details' }, [
      h('h2', {}, [`Every ${model.pairName}`]),
      // Many columns: the table scrolls sideways on a narrow window rather than overflow the page.
      h('div', { class: 'scroll' }, [h('table', { class: 'details' }, [
        h('thead', {}, [h('tr', {}, model.table.headers.map((name, i) => h('th', { class: i === 0 ? undefined : 'num', scope: 'col' }, [name])))]),
        h('tbody', {}, model.table.rows.map((row) => h('tr', {}, row.map((cell, i) => h('td', { class: i === 0 ? undefined : 'num' }, [cell]))))),
      ])]),
    ]),
    h('section', { id: 'gates' }, [h('h2', {}, ['Gates']), gatesTable(model.gates)]),
  ]);
  return reportDocument(`${TITLES[model.kind]}: ${model.project} ${formatDay(model.date)} (${verdict})`, body);
}

/** Whether the interval says anything: below 0 a gain, above 0 a loss, else no evidence either way. */
function significance(delta: Estimate, pValue: number): string {
  if (!Number.isFinite(delta.lo) || !Number.isFinite(delta.hi)) return `too few pairs for a 95% interval (${formatP(pValue)})`;
  if (delta.hi < 0) return `less CPU per request with 95% confidence (${formatP(pValue)})`;
  if (delta.lo > 0) return `more CPU per request with 95% confidence (${formatP(pValue)})`;
  return `no significant difference (${formatP(pValue)})`;
}

export async function writeServiceReport(file: string, model: ServiceReportModel): Promise<void> {
  await atomicWrite(file, renderServiceReport(model));
}
