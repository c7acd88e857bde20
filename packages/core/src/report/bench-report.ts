// The pgo-bench HTML report: one self-contained file (inline CSS and SVG, no script, no network)
// a person opens from a CI artifact to see what PGO did, whether the run passed its gates, and
// whether the gain holds up over time. Rendering is a pure function of its inputs.
import type { BenchRun, HistoryRow } from '../bench/bench-types';
import type { ComparisonTable } from '../stats/stats-types';
import { atomicWrite } from '../fs/atomic-write';
import { costChart } from './cost-chart';
import { deltaChart, deltaKind } from './delta-chart';
import { jointConfidence } from './delta-interval';
import { formatDay, formatDelta, formatInterval, shortSha } from './format';
import { historyChart } from './history-chart';
import { reportDocument } from './document';
import { fragment, h, type Markup } from './html';
import { comparisonTable, GATE_NAMES, gatesTable } from './tables';

/** The verdict in words: accepted, or which gates failed. */
export function runVerdict(run: Pick<BenchRun, 'gates' | 'accepted'>): string {
  const failed = run.gates.filter((gate) => !gate.passed).map((gate) => GATE_NAMES[gate.gate]);
  if (!run.accepted) return failed.length > 0 ? `rejected: gate${failed.length === 1 ? '' : 's'} ${failed.join(', ')} failed` : 'rejected';
  return failed.length > 0 ? `accepted (gates not enforced; failed: ${failed.join(', ')})` : 'accepted';
}

function header(run: BenchRun): Markup {
  const { geomeanDelta } = run;
  const timeTable = run.comparison.tables.find((table) => table.unit === 'sec/op');
  const counts = { gain: 0, regression: 0, same: 0 };
  for (const row of timeTable?.rows ?? []) {
    const kind = deltaKind(row.deltaPercent, 'sec/op');
    if (row.significant && kind !== 'none') counts[kind]++;
    else counts.same++;
  }
  const confidence = Math.round(run.comparison.confidence * 100);
  const fact = (name: string, value: Markup | string): Markup[] => [h('dt', {}, [name]), h('dd', {}, [value])];
  return h('header', {}, [
    h('h1', {}, [`PGO benchmark: ${run.project}`]),
    h('p', {}, [
      h('span', { class: `status ${run.accepted ? 'accepted' : 'rejected'}` }, [runVerdict(run)]),
      ' ',
      h('strong', {}, [`geomean sec/op ${formatDelta(geomeanDelta.center)} ${formatInterval(geomeanDelta.lo, geomeanDelta.hi)}`]),
      timeTable && ` · ${counts.gain} faster, ${counts.regression} slower, ${counts.same} unchanged or not significant`,
    ]),
    h('dl', { class: 'facts' }, [
      ...fact('project', run.project),
      ...fact('date', run.date),
      ...fact('Go', run.goVersion),
      ...fact('commit', h('code', {}, [run.commit ?? 'unknown'])),
      ...fact('profile', fragment([h('code', {}, [run.profile.path]), ' sha256 ', h('code', { title: run.profile.sha256 }, [shortSha(run.profile.sha256)])])),
      ...fact('packages', h('code', {}, [run.packages.join(' ')])),
      ...fact('count', `${run.count} runs per side (-pgo=off, then the profile)`),
      ...fact('statistics', `${confidence}% confidence intervals of the median; Mann-Whitney U, α = ${run.comparison.alpha}`),
    ]),
  ]);
}

function deltaCharts(run: BenchRun, tables: readonly ComparisonTable[]): Markup {
  if (tables.length === 0) return h('p', { class: 'note' }, ['No benchmark results.']);
  return fragment(
    tables.map((table, index) =>
      fragment([h('h3', {}, [table.unit]), deltaChart({ id: `delta-${index}`, table, confidence: run.comparison.confidence })]),
    ),
    '\n',
  );
}

/** The report as one HTML document. */
export function renderBenchReport(run: BenchRun, history: readonly HistoryRow[]): string {
  const tables = run.comparison.tables.filter((table) => table.rows.length > 0);
  const joint = Math.round(jointConfidence(run.comparison.confidence) * 100);
  const confidence = Math.round(run.comparison.confidence * 100);
  const body = h('main', {}, [
    header(run),
    h('section', { id: 'deltas' }, [
      h('h2', {}, ['Delta per benchmark']),
      h('p', { class: 'note' }, [
        'Bars: (pgo / off − 1) of the medians. Negative sec/op is faster. ' +
          `Whiskers: the range of ratios the two ${confidence}% intervals allow, [pgo.lo / off.hi − 1, pgo.hi / off.lo − 1], ` +
          `which holds the true ratio with at least ${joint}% confidence; an arrow marks a bound too few runs could not fix.`,
      ]),
      deltaCharts(run, tables),
    ]),
    h('section', { id: 'history' }, [
      h('h2', {}, ['Geomean delta over time']),
      h('p', { class: 'note' }, [
        'A gain that shrinks toward 0 while the profile stays the same means the profile is going stale: refresh it.',
      ]),
      historyChart({ id: 'history-chart', history }),
    ]),
    h('section', { id: 'results' }, [h('h2', {}, ['Results']), tables.length > 0 && comparisonTable(tables)]),
    h('section', { id: 'cost' }, [h('h2', {}, ['Build cost']), costChart({ id: 'cost-chart', off: run.off, pgo: run.pgo })]),
    h('section', { id: 'gates' }, [h('h2', {}, ['Gates']), gatesTable(run.gates)]),
  ]);
  return reportDocument(`PGO benchmark: ${run.project} ${formatDay(run.date)} (${runVerdict(run)})`, body);
}

/** Writes the report to `file` (relative to `cwd`) atomically. */
export async function writeBenchReport(
  file: string,
  run: BenchRun,
  history: readonly HistoryRow[],
  cwd: string = process.cwd(),
): Promise<void> {
  await atomicWrite(file, renderBenchReport(run, history), cwd);
}
