// benchstat's default text output for an A/B comparison (what bench-diff.txt holds): per table
// the configuration lines that changed, a header with both inputs and the unit, one row per
// benchmark (median ± CI percent, delta or "~", p-value and n), the geomean row and footnotes.
import type { BenchstatComparison, BenchstatRow, BenchstatTable } from './compare';
import { geomeanParts } from './geomean';
import { goFixed, goSignedFixed } from './go-number-format';
import type { Estimate } from './stats-types';
import { TextTable } from './text-table';
import { commonScale, formatScaled, scaleValue, unitClass } from './unit-scale';

export interface BenchstatFormatOptions {
  oldLabel?: string;
  newLabel?: string;
}

const LABEL_COLS = 1;
/** Per input: value, ± CI, footnotes. */
const CENTER_COLS = 3;
/** Per compared input: delta, (p=… n=…), footnotes. */
const DELTA_COLS = 3;
const INPUTS = 2;
const SUPERSCRIPT_DIGITS = [...'⁰¹²³⁴⁵⁶⁷⁸⁹'];

export function formatBenchstat(comparison: BenchstatComparison, options: BenchstatFormatOptions = {}): string {
  const labels = [options.oldLabel ?? 'bench-off.txt', options.newLabel ?? 'bench-pgo.txt'];
  const configKeys = [...new Set(comparison.tables.flatMap((table) => table.config.map(([key]) => key)))];
  let previous: Map<string, string> | undefined;
  const parts = comparison.tables.map((table) => {
    const config = new Map(table.config);
    const header = configKeys
      .filter((key) => !previous || (config.get(key) ?? '') !== (previous.get(key) ?? ''))
      .map((key) => `${key}: ${config.get(key) ?? ''}\n`)
      .join('');
    previous = config;
    return header + formatTable(table, labels);
  });
  return parts.join('\n');
}

/** The first grid column of input `index` (0 is the baseline, which has no delta columns). */
function startCol(index: number): number {
  return index === 0 ? LABEL_COLS : LABEL_COLS + CENTER_COLS + (index - 1) * (CENTER_COLS + DELTA_COLS);
}

function formatTable(table: BenchstatTable, labels: readonly string[]): string {
  const grid = new TextTable();
  const footnotes = new Footnotes();
  const rightEdge = startCol(INPUTS + 1);

  grid.nextRow();
  labels.forEach((label, i) => {
    grid.moveTo(startCol(i)).span(startCol(i + 1) - startCol(i), label, { align: 'center', margin: ' │ ' });
  });
  grid.moveTo(rightEdge).cell('', { margin: ' │' });

  grid.nextRow();
  labels.forEach((_, i) => {
    const first = startCol(i);
    grid.moveTo(first).span(CENTER_COLS, table.unit, { align: 'center', margin: ' │ ' });
    if (i > 0) grid.span(DELTA_COLS, 'vs base', { align: 'left', margin: '  ' });
    for (let col = first + 1; col < grid.currentCol; col++) grid.setShrink(col);
  });
  grid.moveTo(rightEdge).cell('', { margin: ' │' });

  const cls = unitClass(table.unit);
  for (const row of table.rows) {
    grid.nextRow().cell(row.benchmark);
    const scaler = commonScale([row.off.center, row.pgo.center], cls);
    const sides: Array<[Estimate, string[]]> = [
      [row.off, row.warnings.off],
      [row.pgo, row.warnings.pgo],
    ];
    sides.forEach(([estimate, warnings], i) => {
      grid.moveTo(startCol(i)).cell(formatScaled(estimate.center, scaler), { align: 'right' });
      grid.cell(ciPercent(estimate), { align: 'right', margin: ' ± ' });
      grid.cell(footnotes.mark(warnings));
    });
    grid.cell(formatDelta(row), { align: 'right' });
    grid.cell(`(${formatTest(row)})`);
    grid.cell(footnotes.mark(row.warnings.comparison));
  }

  if (table.rows.length > 1) {
    const geomean = geomeanParts(table.rows);
    grid.nextRow().cell('geomean');
    const columns: Array<[number | undefined, string[]]> = [
      [geomean.off, geomean.offWarnings],
      [geomean.pgo, geomean.pgoWarnings],
    ];
    columns.forEach(([value, warnings], i) => {
      if (value !== undefined) grid.moveTo(startCol(i)).cell(scaleValue(value, cls), { align: 'right' });
      if (i > 0) {
        grid.moveTo(startCol(i) + CENTER_COLS);
        if (geomean.ratio === undefined) grid.cell('?');
        else grid.cell(`${goSignedFixed((geomean.ratio - 1) * 100, 2)}%`, { align: 'right' });
      }
      grid.moveTo(startCol(i + 1) - 1).cell(footnotes.mark(warnings));
    });
  }
  return grid.format() + footnotes.legend();
}

/** The CI as the larger relative distance of its bounds from the median. */
export function ciPercent(estimate: Estimate): string {
  const { center, lo, hi } = estimate;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '∞';
  if (Math.sign(center) !== Math.sign(lo) || Math.sign(center) !== Math.sign(hi)) return '?';
  if (center === 0) return '0%';
  return `${goFixed(100 * Math.max(hi / center - 1, 1 - lo / center), 0)}%`;
}

/** "~" when not significant, else the change of the medians. */
export function formatDelta(row: BenchstatRow): string {
  if (!row.significant) return '~';
  if (row.off.center === row.pgo.center) return '0.00%';
  if (row.off.center === 0) return '?';
  return `${goSignedFixed(row.deltaPercent, 2)}%`;
}

/** `p=0.008 n=8`, or `n=6+8` with unequal sizes; the p-value is left out when exactly 0. */
export function formatTest(row: BenchstatRow): string {
  const p = row.pValue !== 0 ? `p=${goFixed(row.pValue, 3)} ` : '';
  return row.off.n === row.pgo.n ? `${p}n=${row.off.n}` : `${p}n=${row.off.n}+${row.pgo.n}`;
}

/** Numbers each distinct warning of a table in order of first use. */
class Footnotes {
  private readonly messages: string[] = [];

  mark(warnings: readonly string[]): string {
    return warnings
      .map((message) => {
        let index = this.messages.indexOf(message);
        if (index === -1) index = this.messages.push(message) - 1;
        return superscript(index + 1);
      })
      .join(' ');
  }

  legend(): string {
    return this.messages.map((message, i) => `${superscript(i + 1)} ${message}\n`).join('');
  }
}

function superscript(n: number): string {
  return [...String(n)].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join('');
}
