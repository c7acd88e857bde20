// What PGO costs at build time: binary size and cold build time, off against pgo, as pairs of
// bars that share a scale per measure, labelled with the values and the difference.
import type { BuildCost } from '../bench/bench-types';
import { formatDelta, formatMeasure, formatSeconds } from './format';
import { h, type Markup } from './html';
import { CONTENT_WIDTH } from './style';
import { labelWidth, LinearScale, svgRoot } from './svg';

const BAR_HEIGHT = 16;
const ROW = 24;
const GROUP_GAP = 14;
const GAP = 12;

interface Measure {
  name: string;
  off: number;
  pgo: number;
  format: (value: number) => string;
}

export function costChart(options: { id: string; off: BuildCost; pgo: BuildCost }): Markup {
  const { id, off, pgo } = options;
  const measures: Measure[] = [
    { name: 'binary size', off: off.binaryBytes, pgo: pgo.binaryBytes, format: (v) => formatMeasure(v, 'B') },
    { name: 'build time', off: off.buildSeconds, pgo: pgo.buildSeconds, format: formatSeconds },
  ];
  const nameWidth = labelWidth('binary size  pgo');
  const plotLeft = GAP + nameWidth + GAP;
  const plotRight = CONTENT_WIDTH - GAP - labelWidth('999.9 MiB (+99.99%)') - GAP;
  const height = measures.length * (2 * ROW + GROUP_GAP) + 8;

  const groups = measures.map((measure, index) => {
    const top = 4 + index * (2 * ROW + GROUP_GAP);
    const x = new LinearScale([0, Math.max(measure.off, measure.pgo, Number.MIN_VALUE)], [plotLeft, plotRight]);
    const change = measure.off > 0 ? formatDelta((measure.pgo / measure.off - 1) * 100) : 'n/a';
    const bar = (side: 'off' | 'pgo', value: number, row: number): Markup => {
      const middle = top + row * ROW + ROW / 2;
      return h('g', { class: `cost ${side}` }, [
        row === 0 && h('text', { x: GAP, y: middle, 'dominant-baseline': 'middle' }, [measure.name]),
        h('text', { class: 'muted', x: plotLeft - GAP, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [side]),
        h('rect', { class: `bar ${side}`, x: plotLeft, y: middle - BAR_HEIGHT / 2, width: Math.max(1, x.at(value) - plotLeft), height: BAR_HEIGHT }),
        h('text', { x: x.at(value) + 8, y: middle, 'dominant-baseline': 'middle' }, [
          side === 'pgo' ? `${measure.format(value)} (${change})` : measure.format(value),
        ]),
      ]);
    };
    return h('g', { class: 'cost-measure', 'data-measure': measure.name }, [
      h('title', {}, [`${measure.name}: off ${measure.format(measure.off)}, pgo ${measure.format(measure.pgo)} (${change})`]),
      bar('off', measure.off, 0),
      bar('pgo', measure.pgo, 1),
    ]);
  });

  return svgRoot(
    {
      id,
      width: CONTENT_WIDTH,
      height,
      title: 'Build cost, off vs pgo',
      description: measures.map((m) => `${m.name}: off ${m.format(m.off)}, pgo ${m.format(m.pgo)}`).join('; '),
      className: 'chart cost-chart',
    },
    groups,
  );
}
