// The chart of paired measurements: for each round of pgo-loadtest (or step of pgo-canary), the
// CPU seconds per request of both sides, as two lines over the rounds. Rounds where PGO is
// cheaper show the PGO line below; the spread of each line shows how noisy the rounds were.
import { formatDelta, formatMeasure } from './format';
import { h, type Markup } from './html';
import { CONTENT_WIDTH } from './style';
import { legend, LinearScale, niceDomain, svgPoints, svgRoot, yAxis } from './svg';

const HEIGHT = 320;
const TOP = 44;
const BOTTOM = 44;
const LEFT = 80;
const RIGHT = 16;
const LABEL_SPACE = 64;

export interface PairPoint {
  /** The round number or the step's time, as the x axis shows it. */
  label: string;
  off: number;
  pgo: number;
}

export interface PairsChartOptions {
  id: string;
  points: readonly PairPoint[];
  /** The sides as the legend names them, e.g. -pgo=off and PGO, or baseline and canary. */
  names: { off: string; pgo: string };
  /** `round` or `step`. */
  pairName: string;
  /** The unit of the values for formatMeasure, e.g. `sec/req`. */
  unit: string;
}

export function pairsChart(options: PairsChartOptions): Markup {
  const { points, names } = options;
  if (points.length === 0) return h('p', { class: 'note', id: options.id }, [`No ${options.pairName}s measured.`]);
  const plotRight = CONTENT_WIDTH - RIGHT;
  const plotBottom = HEIGHT - BOTTOM;
  const band = (plotRight - LEFT) / points.length;
  const xAt = (index: number): number => LEFT + (index + 0.5) * band;
  // Microseconds on the axis: tick labels of seconds per request would all read 0.000.
  const micro = (seconds: number): number => seconds * 1e6;
  const values = points.flatMap((p) => [micro(p.off), micro(p.pgo)]);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.1, high * 0.02);
  const ticks = niceDomain(Math.max(0, low - pad), high + pad, 7);
  const y = new LinearScale(ticks.domain, [plotBottom, TOP]);
  const labelEvery = Math.max(1, Math.ceil(LABEL_SPACE / band));
  const series = (side: 'off' | 'pgo'): Markup[] => [
    points.length > 1 && h('polyline', { class: `series ${side}`, points: svgPoints(points.map((p, i) => [xAt(i), y.at(micro(p[side]))])) }),
    ...points.map((p, i) => h('circle', { class: `point ${side}`, cx: xAt(i), cy: y.at(micro(p[side])), r: 4 })),
  ].filter((m): m is Markup => m !== false);
  const hovers = points.map((p, i) =>
    h('g', { class: 'pair', 'data-index': i }, [
      h('title', {}, [
        `${options.pairName} ${p.label}: ${names.off} ${formatMeasure(p.off, options.unit)}, ${names.pgo} ${formatMeasure(p.pgo, options.unit)} (${formatDelta((p.pgo / p.off - 1) * 100)})`,
      ]),
      h('rect', { class: 'hover', x: LEFT + i * band, y: TOP, width: band, height: plotBottom - TOP }),
      i % labelEvery === 0 && h('text', { class: 'day', x: xAt(i), y: plotBottom + 18, 'text-anchor': 'middle' }, [p.label]),
    ]),
  );
  return svgRoot(
    {
      id: options.id,
      width: CONTENT_WIDTH,
      height: HEIGHT,
      title: `CPU per request by ${options.pairName}, ${names.off} and ${names.pgo}`,
      description: `${points.length} ${options.pairName}s; each point is one side's server CPU time divided by its requests, in microseconds.`,
      className: 'chart pairs-chart',
    },
    [
      legend(
        [
          { symbol: (lx, ly) => h('circle', { class: 'point off', cx: lx + 8, cy: ly + 6, r: 4 }), label: names.off },
          { symbol: (lx, ly) => h('circle', { class: 'point pgo', cx: lx + 8, cy: ly + 6, r: 4 }), label: names.pgo },
        ],
        12,
        10,
      ),
      yAxis({ scale: y, ticks, at: LEFT, gridTo: plotRight, suffix: ' µs' }),
      ...hovers,
      ...series('off'),
      ...series('pgo'),
    ],
  );
}
