// Chart 1: one horizontal bar per benchmark, its delta pgo vs off from a zero axis, with the
// delta's confidence interval as a whisker. Improvements and regressions differ in colour, and
// results benchstat would print as "~" are pale and dashed, so the eye goes to what is real.
import type { ComparisonRow, ComparisonTable } from '../stats/stats-types';
import { deltaInterval, jointConfidence, type DeltaInterval } from './delta-interval';
import { formatDelta, formatInterval, formatMeasure, formatN, formatP, formatSpread, lowerIsBetter } from './format';
import { h, type Markup } from './html';
import { CONTENT_WIDTH } from './style';
import { labelWidth, legend, LinearScale, niceDomain, percentRange, svgRoot, truncateLabel, whisker, xAxis } from './svg';

/** How a delta reads for its unit: an improvement, a regression, or neither (zero or unknown). */
export type DeltaKind = 'gain' | 'regression' | 'none';

export function deltaKind(deltaPercent: number, unit: string): DeltaKind {
  if (!Number.isFinite(deltaPercent) || deltaPercent === 0) return 'none';
  return deltaPercent < 0 === lowerIsBetter(unit) ? 'gain' : 'regression';
}

const ROW_HEIGHT = 28;
const BAR_HEIGHT = 14;
const TOP = 44;
const AXIS_SPACE = 34;
const MAX_NAME_CHARS = 44;
const GAP = 12;

interface PlacedRow {
  row: ComparisonRow;
  interval: DeltaInterval;
  kind: DeltaKind;
  valueLabel: string;
}

export interface DeltaChartOptions {
  /** Unique in the page: the SVG's id and the prefix of its title/description ids. */
  id: string;
  table: ComparisonTable;
  /** The confidence of each side's interval (0.95); the delta's range holds at least 2c − 1. */
  confidence: number;
}

export function deltaChart(options: DeltaChartOptions): Markup {
  const { id, table, confidence } = options;
  const joint = Math.round(jointConfidence(confidence) * 100);
  const rows: PlacedRow[] = table.rows.map((row) => {
    const interval = deltaInterval(row.off, row.pgo);
    const delta = Number.isFinite(row.deltaPercent) ? formatDelta(row.deltaPercent) : 'n/a';
    const valueLabel = `${row.significant ? '' : '~ '}${delta} ${formatInterval(interval.lo, interval.hi)}`;
    return { row, interval, kind: deltaKind(row.deltaPercent, table.unit), valueLabel };
  });

  const nameChars = Math.min(MAX_NAME_CHARS, Math.max(8, ...rows.map(({ row }) => [...row.benchmark].length)));
  const plotLeft = GAP + labelWidth('x'.repeat(nameChars)) + GAP;
  const plotRight = CONTENT_WIDTH - GAP - Math.max(...rows.map((r) => labelWidth(r.valueLabel)), labelWidth('+0.00% [+0.0%, +0.0%]')) - GAP;
  const plotBottom = TOP + rows.length * ROW_HEIGHT;
  const height = plotBottom + AXIS_SPACE;

  const ticks = niceDomain(...percentRange(rows.flatMap(({ row, interval }) => [row.deltaPercent, interval.lo, interval.hi])), 9);
  const x = new LinearScale(ticks.domain, [plotLeft, plotRight]);
  // On a whole pixel, so the 2px zero line is drawn crisp rather than smeared over three.
  const zero = Math.round(x.at(0));
  const [better, worse] = table.unit === 'sec/op' ? ['faster', 'slower'] : ['better', 'worse'];

  const drawRow = ({ row, interval, kind, valueLabel }: PlacedRow, index: number): Markup => {
    const top = TOP + index * ROW_HEIGHT;
    const middle = top + ROW_HEIGHT / 2;
    const verdict = row.significant ? (kind === 'gain' ? better : kind === 'regression' ? worse : 'unchanged') : 'not significant (~)';
    const hasDelta = Number.isFinite(row.deltaPercent);
    const end = hasDelta ? x.at(row.deltaPercent) : zero;
    return h('g', { class: 'row', 'data-benchmark': row.benchmark, 'data-kind': kind, 'data-significant': String(row.significant) }, [
      h('title', {}, [
        `${row.benchmark} (${table.unit}): ${hasDelta ? formatDelta(row.deltaPercent) : 'no delta (zero baseline)'}, ${verdict}; ` +
          `≥${joint}% CI ${formatInterval(interval.lo, interval.hi)}; ` +
          `off ${formatMeasure(row.off.center, table.unit)} ${formatSpread(row.off)}, pgo ${formatMeasure(row.pgo.center, table.unit)} ${formatSpread(row.pgo)}; ` +
          `${formatP(row.pValue)} ${formatN(row.off, row.pgo)}`,
      ]),
      h('text', { class: 'label', x: plotLeft - GAP, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [
        truncateLabel(row.benchmark, nameChars),
      ]),
      hasDelta &&
        h('rect', {
          class: `bar ${kind} ${row.significant ? 'sig' : 'nosig'}`,
          x: Math.min(zero, end),
          y: middle - BAR_HEIGHT / 2,
          // A zero delta still shows a hairline, so "no change" is visibly a result.
          width: Math.max(1, Math.abs(end - zero)),
          height: BAR_HEIGHT,
        }),
      whisker({
        along: 'x',
        at: middle,
        from: x.clamped(interval.lo),
        to: x.clamped(interval.hi),
        openFrom: !Number.isFinite(interval.lo),
        openTo: !Number.isFinite(interval.hi),
        className: 'whisker',
      }),
      h('text', { class: row.significant ? 'value' : 'value muted', x: plotRight + GAP, y: middle, 'dominant-baseline': 'middle' }, [valueLabel]),
    ]);
  };

  return svgRoot(
    {
      id,
      width: CONTENT_WIDTH,
      height,
      title: `Delta pgo vs off per benchmark, ${table.unit}`,
      description:
        `${rows.length} benchmarks; bars are (pgo/off − 1) in percent from the zero line, ` +
        `whiskers the range of ratios the two ${Math.round(confidence * 100)}% confidence intervals allow (at least ${joint}% confidence).`,
      className: 'chart delta-chart',
    },
    [
      legend(
        [
          { symbol: (lx, ly) => h('rect', { class: 'bar gain sig', x: lx, y: ly, width: 16, height: 12 }), label: better },
          { symbol: (lx, ly) => h('rect', { class: 'bar regression sig', x: lx, y: ly, width: 16, height: 12 }), label: worse },
          {
            symbol: (lx, ly) => h('rect', { class: 'bar gain nosig', x: lx + 0.5, y: ly + 0.5, width: 15, height: 11 }),
            label: 'not significant (~)',
          },
          {
            symbol: (lx, ly) =>
              whisker({ along: 'x', at: ly + 6, from: lx, to: lx + 16, openFrom: false, openTo: false, className: 'whisker', half: 4 }),
            label: `≥${joint}% CI of the ratio`,
          },
          {
            symbol: (lx, ly) =>
              whisker({ along: 'x', at: ly + 6, from: lx, to: lx + 16, openFrom: false, openTo: true, className: 'whisker', half: 4 }),
            label: 'bound unknown (n too small)',
          },
        ],
        GAP,
        8,
      ),
      // Stripes under the gridlines, bars over both.
      ...rows.map((_, index) => index % 2 === 0 && h('rect', { class: 'stripe', x: 0, y: TOP + index * ROW_HEIGHT, width: CONTENT_WIDTH, height: ROW_HEIGHT })),
      xAxis({ scale: x, ticks, at: plotBottom, gridTo: TOP - 4, suffix: '%' }),
      ...rows.map(drawRow),
      h('line', { class: 'zero', x1: zero, x2: zero, y1: TOP - 4, y2: plotBottom }),
    ],
  );
}
