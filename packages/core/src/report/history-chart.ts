// Chart 2: the geomean delta of every recorded run, oldest to newest, with its confidence
// interval. Runs that used the same profile share a shaded band and a change of profile is a
// dashed line, so a gain that fades while the profile stays the same (a stale profile) shows.
// pgo-bench draws its sec/op geomean; pgo-loadtest and pgo-canary their CPU per request.
import type { HistoryRow } from '../bench/bench-types';
import { deltaKind } from './delta-chart';
import { formatDay, formatDelta, formatInterval, shortSha } from './format';
import { h, type Markup } from './html';
import { CONTENT_WIDTH } from './style';
import { labelWidth, legend, LinearScale, niceDomain, percentRange, svgPoints, svgRoot, whisker, yAxis } from './svg';

const HEIGHT = 340;
const TOP = 52;
const BOTTOM = 44;
const LEFT = 64;
const RIGHT = 16;
const DAY_LABEL_SPACE = 96;

/** What the chart reads of a history row, whichever command wrote it (a canary's row has no Go version). */
export type HistoryPoint = Pick<HistoryRow, 'commit' | 'profileSha256' | 'date' | 'geomeanDeltaPercent' | 'geomeanCi' | 'accepted'> & { goVersion?: string };

export interface HistoryChartOptions<Row extends HistoryPoint> {
  id: string;
  history: readonly Row[];
  /** What is charted, for the title: default "Geomean delta pgo vs off". */
  measure?: string;
  /** The note shown instead of the chart when there is no history yet. */
  empty?: string;
}

/** Rows oldest first by date; rows with equal or unparsable dates keep their recorded order. */
export function chronological<Row extends HistoryPoint>(rows: readonly Row[]): Row[] {
  const time = (row: Row): number => {
    const t = Date.parse(row.date);
    return Number.isNaN(t) ? Infinity : t;
  };
  return rows
    .map((row, index) => ({ row, index, t: time(row) }))
    .sort((a, b) => (a.t === b.t ? a.index - b.index : a.t < b.t ? -1 : 1))
    .map(({ row }) => row);
}

/** Consecutive runs of rows measured with one profile: [first index, last index, sha]. */
function profileEpochs(rows: readonly HistoryPoint[]): { first: number; last: number; sha: string }[] {
  const epochs: { first: number; last: number; sha: string }[] = [];
  rows.forEach((row, index) => {
    const current = epochs[epochs.length - 1];
    if (current && current.sha === row.profileSha256) current.last = index;
    else epochs.push({ first: index, last: index, sha: row.profileSha256 });
  });
  return epochs;
}

/** The history chart, or a note saying why there is none. */
export function historyChart<Row extends HistoryPoint>(options: HistoryChartOptions<Row>): Markup {
  const rows = chronological(options.history);
  const measure = options.measure ?? 'Geomean delta pgo vs off';
  if (rows.length === 0) {
    return h('p', { class: 'note', id: options.id }, [
      options.empty ?? 'No history yet: each accepted pgo-bench run adds a point here, so a profile that goes stale shows as a fading gain.',
    ]);
  }
  const plotLeft = LEFT;
  const plotRight = CONTENT_WIDTH - RIGHT;
  const plotTop = TOP;
  const plotBottom = HEIGHT - BOTTOM;
  const band = (plotRight - plotLeft) / rows.length;
  const xAt = (index: number): number => plotLeft + (index + 0.5) * band;

  const ticks = niceDomain(...percentRange(rows.flatMap((r) => [r.geomeanDeltaPercent, r.geomeanCi.lo, r.geomeanCi.hi])), 7);
  const y = new LinearScale(ticks.domain, [plotBottom, plotTop]);
  const labelEvery = Math.max(1, Math.ceil(DAY_LABEL_SPACE / band));
  const epochs = profileEpochs(rows);

  const epochBands = epochs.map((epoch, index) => {
    const x0 = plotLeft + epoch.first * band;
    const width = (epoch.last - epoch.first + 1) * band;
    const label = `profile ${shortSha(epoch.sha)}`;
    return h('g', { class: 'epoch-group', 'data-profile': epoch.sha }, [
      h('title', {}, [`profile ${epoch.sha}: runs ${epoch.first + 1}–${epoch.last + 1}`]),
      h('rect', { class: `epoch ${index % 2 === 0 ? 'even' : 'odd'}`, x: x0, y: plotTop, width, height: plotBottom - plotTop }),
      // Only labelled where it fits; the tooltip always names it.
      labelWidth(label) + 8 <= width &&
        h('text', { class: 'profile-label', x: x0 + 4, y: plotTop + 14 }, [label]),
    ]);
  });

  const changes = epochs.slice(1).map((epoch, index) => {
    const x = plotLeft + epoch.first * band;
    return h('line', {
      class: 'profile-change',
      'data-from': epochs[index].sha,
      'data-to': epoch.sha,
      x1: x,
      x2: x,
      y1: plotTop - 6,
      y2: plotBottom,
    }, [h('title', {}, [`profile changed: ${shortSha(epochs[index].sha)} → ${shortSha(epoch.sha)}`])]);
  });

  const centres = rows.flatMap((row, index): [number, number][] =>
    Number.isFinite(row.geomeanDeltaPercent) ? [[xAt(index), y.at(row.geomeanDeltaPercent)]] : [],
  );
  const series = centres.length > 1 && h('polyline', { class: 'series', points: svgPoints(centres) });

  const points = rows.map((row, index) => {
    const cx = xAt(index);
    const kind = deltaKind(row.geomeanDeltaPercent, 'sec/op');
    return h('g', { class: 'run', 'data-index': index, 'data-profile': row.profileSha256 }, [
      h('title', {}, [
        `${row.date}${row.commit ? ` · commit ${row.commit}` : ''} · profile ${shortSha(row.profileSha256)}${row.goVersion ? ` · ${row.goVersion}` : ''} · ` +
          `geomean ${formatDelta(row.geomeanDeltaPercent)} CI ${formatInterval(row.geomeanCi.lo, row.geomeanCi.hi)} · ` +
          `${row.accepted ? 'accepted' : 'rejected'}`,
      ]),
      whisker({
        along: 'y',
        at: cx,
        from: y.clamped(row.geomeanCi.lo),
        to: y.clamped(row.geomeanCi.hi),
        openFrom: !Number.isFinite(row.geomeanCi.lo),
        openTo: !Number.isFinite(row.geomeanCi.hi),
        className: 'whisker',
      }),
      Number.isFinite(row.geomeanDeltaPercent) &&
        h('circle', { class: `point ${kind} ${row.accepted ? 'accepted' : 'rejected'}`, cx, cy: y.at(row.geomeanDeltaPercent), r: 5 }),
      index % labelEvery === 0 &&
        h('text', { class: 'day', x: cx, y: plotBottom + 18, 'text-anchor': 'middle' }, [formatDay(row.date)]),
    ]);
  });

  return svgRoot(
    {
      id: options.id,
      width: CONTENT_WIDTH,
      height: HEIGHT,
      title: `${measure} over past runs`,
      description:
        `${rows.length} runs from ${formatDay(rows[0].date)} to ${formatDay(rows[rows.length - 1].date)}, ` +
        `${epochs.length} profile${epochs.length === 1 ? '' : 's'}; points are the geomean delta in percent with its confidence interval; ` +
        'shaded bands group runs with the same profile.',
      className: 'chart history-chart',
    },
    [
      legend(
        [
          { symbol: (lx, ly) => h('circle', { class: 'point gain accepted', cx: lx + 8, cy: ly + 6, r: 5 }), label: 'accepted run' },
          { symbol: (lx, ly) => h('circle', { class: 'point gain rejected', cx: lx + 8, cy: ly + 6, r: 5 }), label: 'rejected run' },
          {
            symbol: (lx, ly) =>
              whisker({ along: 'y', at: lx + 8, from: ly + 12, to: ly, openFrom: false, openTo: false, className: 'whisker', half: 4 }),
            label: 'geomean CI',
          },
          { symbol: (lx, ly) => h('line', { class: 'profile-change', x1: lx + 8, x2: lx + 8, y1: ly - 2, y2: ly + 14 }), label: 'profile changed' },
        ],
        12,
        10,
      ),
      ...epochBands,
      yAxis({ scale: y, ticks, at: plotLeft, gridTo: plotRight, suffix: '%' }),
      h('line', { class: 'zero', x1: plotLeft, x2: plotRight, y1: y.at(0), y2: y.at(0) }),
      ...changes,
      series,
      ...points,
    ],
  );
}
