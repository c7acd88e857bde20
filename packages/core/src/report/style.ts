// The report's one stylesheet, inlined: the page must open offline, from a CI artifact, with no
// network request at all. Colours come from a colour-blind-safe diverging palette (blue/red).
import { trusted, type Markup } from './html';

/** SVG label metrics the charts lay text out with: monospace, so widths are predictable. */
export const LABEL_FONT_PX = 12;
/** DejaVu Sans Mono / Menlo / Consolas advance ≈ 0.6 em. */
export const LABEL_CHAR_PX = LABEL_FONT_PX * 0.61;

/** Width of the page's content column; the charts are drawn this wide. */
export const CONTENT_WIDTH = 1060;

/** The report's colours, as CSS custom properties `--<name>`. */
export const PALETTE = {
  text: '#1f2328',
  muted: '#59636e',
  line: '#d0d7de',
  grid: '#eaeef2',
  stripe: '#f6f8fa',
  gain: '#2166ac',
  'gain-light': '#bcd6ec',
  regression: '#c0392b',
  'regression-light': '#f5c6bd',
  neutral: '#8c959f',
  pass: '#1a7f37',
  fail: '#c0392b',
  profile: '#8250df',
  epoch: '#f3f6fa',
} as const;

export const STYLESHEET: Markup = trusted(`
:root {
  ${Object.entries(PALETTE).map(([name, colour]) => `--${name}: ${colour};`).join(' ')}
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
main { max-width: ${CONTENT_WIDTH + 40}px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.note, .note { color: var(--muted); font-size: 13px; margin: 6px 0; }
code, .mono { font-family: var(--mono); font-size: 13px; }
.status { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
.status.accepted { background: var(--pass); }
.status.rejected { background: var(--fail); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--grid); text-align: left; vertical-align: top; }
th { font-weight: 600; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
div.scroll { overflow-x: auto; }
table.details { font-size: 13px; }
table.details th { white-space: normal; }
td.name { font-family: var(--mono); font-size: 13px; overflow-wrap: anywhere; }
table.comparison tbody + tbody tr:first-child td { border-top: 2px solid var(--line); }
tr.geomean td { font-weight: 600; border-top: 1px solid var(--line); }
td.gain { color: var(--gain); font-weight: 600; }
td.regression { color: var(--regression); font-weight: 600; }
td.pass { color: var(--pass); font-weight: 600; }
td.fail { color: var(--fail); font-weight: 600; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
svg.chart text { font-family: var(--mono); font-size: ${LABEL_FONT_PX}px; fill: var(--text); }
svg.chart text.muted, svg.chart .axis text { fill: var(--muted); }
svg.chart .axis line { stroke: var(--neutral); }
svg.chart .axis line.grid { stroke: var(--grid); }
svg.chart .zero { stroke: var(--text); stroke-width: 2; }
svg.chart .stripe { fill: var(--stripe); }
svg.chart .bar.gain { fill: var(--gain); }
svg.chart .bar.regression { fill: var(--regression); }
svg.chart .bar.none { fill: var(--neutral); }
svg.chart .bar.nosig.gain { fill: var(--gain-light); stroke: var(--gain); stroke-dasharray: 3 2; }
svg.chart .bar.nosig.regression { fill: var(--regression-light); stroke: var(--regression); stroke-dasharray: 3 2; }
svg.chart .bar.off { fill: var(--neutral); }
svg.chart .bar.pgo { fill: var(--gain); }
svg.chart .whisker line { stroke: var(--text); stroke-width: 1.25; }
svg.chart .whisker .open-end { fill: var(--text); }
svg.chart .series { fill: none; stroke: var(--muted); stroke-width: 1.5; }
svg.chart .point { stroke-width: 2; }
svg.chart .point.gain { fill: var(--gain); stroke: var(--gain); }
svg.chart .point.regression { fill: var(--regression); stroke: var(--regression); }
svg.chart .point.none { fill: var(--neutral); stroke: var(--neutral); }
svg.chart .point.rejected { fill: #fff; }
svg.chart .epoch.odd { fill: var(--epoch); }
svg.chart .epoch.even { fill: #fff; }
svg.chart .profile-change { stroke: var(--profile); stroke-width: 1.5; stroke-dasharray: 5 3; }
svg.chart text.profile-label { fill: var(--profile); }
svg.chart .legend-line { stroke: var(--text); stroke-width: 1.25; }
svg.chart .series.off { stroke: var(--neutral); }
svg.chart .series.pgo { stroke: var(--gain); }
svg.chart .point.off { fill: var(--neutral); stroke: var(--neutral); }
svg.chart .point.pgo { fill: var(--gain); stroke: var(--gain); }
svg.chart .hover { fill: transparent; }
`);
