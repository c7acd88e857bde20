// SVG primitives the report's charts share: a linear scale, "nice" ticks, axes with gridlines,
// confidence-interval whiskers (open-ended when a bound is unknown) and an accessible root.
import { formatNumberAttr, h, type Child, type Markup } from './html';
import { LABEL_CHAR_PX } from './style';

/** Maps a numeric domain linearly onto pixels. */
export class LinearScale {
  constructor(
    readonly domain: readonly [number, number],
    readonly range: readonly [number, number],
  ) {
    if (!(domain[1] > domain[0])) throw new Error(`empty scale domain [${domain[0]}, ${domain[1]}]`);
  }

  at(value: number): number {
    const [d0, d1] = this.domain;
    const [r0, r1] = this.range;
    return r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
  }

  /** Like `at`, but ±Infinity and out-of-domain values land on the range's ends. */
  clamped(value: number): number {
    const [d0, d1] = this.domain;
    return this.at(Math.min(d1, Math.max(d0, value)));
  }
}

export interface Ticks {
  values: number[];
  step: number;
}

/**
 * The widest-spread "nice" axis for [lo, hi]: a step of 1, 2 or 5 × 10^k, the domain widened to
 * whole steps so the axis starts and ends on a labelled tick, at most `maxTicks` ticks (≥ 2). A
 * degenerate range (one value) gets room on both sides.
 */
export function niceDomain(lo: number, hi: number, maxTicks: number): Ticks & { domain: [number, number] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`non-finite axis range [${lo}, ${hi}]`);
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    return niceDomain(lo - pad, hi + pad, maxTicks);
  }
  const rough = (hi - lo) / Math.max(1, maxTicks - 1);
  // The smallest candidate step that fits; two ticks always fit once the step spans the range.
  for (let power = 10 ** Math.floor(Math.log10(rough)); ; power *= 10) {
    for (const factor of [1, 2, 5]) {
      const step = factor * power;
      const first = Math.floor(lo / step);
      const last = Math.ceil(hi / step);
      if (last - first + 1 > maxTicks) continue;
      const values = Array.from({ length: last - first + 1 }, (_, i) => roundToStep((first + i) * step, step));
      return { domain: [values[0], values[values.length - 1]], values, step };
    }
  }
}

/** Removes floating-point noise (0.30000000000000004) by rounding to the step's decimals. */
function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/** A tick label with as many decimals as the step needs: step 0.5 → "-1.5", step 2 → "4". */
export function formatTick(value: number, step: number, suffix = ''): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = value.toFixed(decimals);
  return `${/^-0(\.0*)?$/.test(text) ? text.slice(1) : text}${suffix}`;
}

export interface AxisOptions {
  scale: LinearScale;
  ticks: Ticks;
  /** Where the axis line sits across it (y for a horizontal axis, x for a vertical one). */
  at: number;
  /** Gridlines span from `at` to this coordinate. */
  gridTo: number;
  suffix?: string;
  className?: string;
}

/** A horizontal value axis: gridlines, tick marks and labels below `at`. */
export function xAxis(options: AxisOptions): Markup {
  const { scale, ticks, at, gridTo, suffix = '', className = 'axis' } = options;
  const [x0, x1] = scale.range;
  return h('g', { class: className }, [
    ...ticks.values.map((value) => {
      const x = scale.at(value);
      return h('g', { class: 'tick' }, [
        h('line', { class: 'grid', x1: x, x2: x, y1: gridTo, y2: at }),
        h('line', { x1: x, x2: x, y1: at, y2: at + 5 }),
        h('text', { x, y: at + 18, 'text-anchor': 'middle' }, [formatTick(value, ticks.step, suffix)]),
      ]);
    }),
    h('line', { class: 'domain', x1: x0, x2: x1, y1: at, y2: at }),
  ]);
}

/** A vertical value axis: gridlines, tick marks and labels left of `at`. */
export function yAxis(options: AxisOptions): Markup {
  const { scale, ticks, at, gridTo, suffix = '', className = 'axis' } = options;
  const [y0, y1] = scale.range;
  return h('g', { class: className }, [
    ...ticks.values.map((value) => {
      const y = scale.at(value);
      return h('g', { class: 'tick' }, [
        h('line', { class: 'grid', x1: at, x2: gridTo, y1: y, y2: y }),
        h('line', { x1: at - 5, x2: at, y1: y, y2: y }),
        h('text', { x: at - 8, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [formatTick(value, ticks.step, suffix)]),
      ]);
    }),
    h('line', { class: 'domain', x1: at, x2: at, y1: y0, y2: y1 }),
  ]);
}

export interface WhiskerOptions {
  /** 'x': the interval runs horizontally (at a fixed y); 'y': vertically (at a fixed x). */
  along: 'x' | 'y';
  /** The fixed coordinate across the interval. */
  at: number;
  /** Pixel ends of the interval along its axis (already clamped to the plot). */
  from: number;
  to: number;
  /** An unknown bound (±Infinity): the end gets an arrowhead instead of a cap. */
  openFrom: boolean;
  openTo: boolean;
  className: string;
  half?: number;
}

/** A confidence-interval whisker: a line with caps at known bounds and arrows at unknown ones. */
export function whisker(options: WhiskerOptions): Markup {
  const { along, at, from, to, openFrom, openTo, className, half = 5 } = options;
  // Built in (along, across) coordinates, then laid out for the orientation.
  const point = (u: number, v: number): [number, number] => (along === 'x' ? [u, v] : [v, u]);
  const line = (u1: number, v1: number, u2: number, v2: number): Markup => {
    const [x1, y1] = point(u1, v1);
    const [x2, y2] = point(u2, v2);
    return h('line', { x1, y1, x2, y2 });
  };
  const end = (u: number, open: boolean, direction: number): Markup => {
    if (!open) return line(u, at - half, u, at + half);
    const tip = point(u, at);
    const [ax, ay] = point(u - direction * half * 1.4, at - half);
    const [bx, by] = point(u - direction * half * 1.4, at + half);
    return h('polygon', { class: 'open-end', points: svgPoints([[ax, ay], tip, [bx, by]]) });
  };
  const sign = to >= from ? 1 : -1;
  return h('g', { class: className }, [line(from, at, to, at), end(from, openFrom, -sign), end(to, openTo, sign)]);
}

/** An SVG `points` attribute: "x1,y1 x2,y2 …" with short, stable numbers. */
export function svgPoints(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y]) => `${formatNumberAttr(x)},${formatNumberAttr(y)}`).join(' ');
}

/** The chart's root: a titled, described image for screen readers, sized in CSS pixels. */
export function svgRoot(
  options: { id: string; width: number; height: number; title: string; description: string; className?: string },
  children: readonly Child[],
): Markup {
  const { id, width, height, title, description, className = 'chart' } = options;
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: className,
      id,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
    },
    [h('title', { id: `${id}-title` }, [title]), h('desc', { id: `${id}-desc` }, [description]), ...children],
  );
}

/**
 * The range a percentage axis spans: the finite values, 0, and at least ±`minimum`, so noise
 * of a few hundredths of a percent is not blown up to the chart's full width.
 */
export function percentRange(values: readonly number[], minimum = 1): [number, number] {
  const finite = values.filter(Number.isFinite);
  return [Math.min(-minimum, ...finite), Math.max(minimum, ...finite)];
}

/** The width a chart label takes, in the monospace label font. */
export function labelWidth(text: string): number {
  return [...text].length * LABEL_CHAR_PX;
}

/** `text` cut to `maxChars` characters with an ellipsis; the full text belongs in a <title>. */
export function truncateLabel(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

export interface LegendItem {
  /** Draws the item's symbol in a 16×12 box whose top-left corner is (x, y). */
  symbol: (x: number, y: number) => Markup;
  label: string;
}

/** A one-line legend starting at (x, y): symbol, label, gap, next item. */
export function legend(items: readonly LegendItem[], x: number, y: number): Markup {
  let cursor = x;
  const parts = items.map((item) => {
    const part = h('g', { class: 'legend-item' }, [
      item.symbol(cursor, y),
      h('text', { x: cursor + 22, y: y + 6, 'dominant-baseline': 'middle' }, [item.label]),
    ]);
    cursor += 22 + labelWidth(item.label) + 24;
    return part;
  });
  return h('g', { class: 'legend' }, parts);
}
