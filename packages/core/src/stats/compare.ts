// benchstat's A/B comparison of two Go benchmark outputs with its default settings: one table
// per configuration and unit, one row per benchmark, medians with confidence intervals, the
// Mann-Whitney U test, benchstat's delta rules and its geomean row.
import { GoPgoError } from '../errors/go-pgo-error';
import { parseBenchOutput } from './bench-parse';
import type { BenchResult } from './bench-parse';
import { geomeanParts } from './geomean';
import { mannWhitneyUTest } from './mann-whitney';
import type { MannWhitneyResult } from './mann-whitney';
import { medianCiMinSamples, medianEstimate } from './median-ci';
import type { BenchComparison, ComparisonRow, ComparisonTable, Estimate } from './stats-types';

export class BenchOutputError extends GoPgoError {
  override readonly name = 'BenchOutputError';
}

export interface CompareOptions {
  /** Significance level: a change with p ≤ alpha is reported (benchstat's -alpha). */
  alpha?: number;
  /** Confidence level of the median intervals (benchstat's -confidence). */
  confidence?: number;
  /** Names of the two inputs for error messages (and benchstat's column headers). */
  oldLabel?: string;
  newLabel?: string;
}

/** The footnotes benchstat attaches to a row's cells. */
export interface RowWarnings {
  off: string[];
  pgo: string[];
  comparison: string[];
}

export interface BenchstatRow extends ComparisonRow {
  warnings: RowWarnings;
}

export interface BenchstatTable extends ComparisonTable {
  /** The file configuration (goos, goarch, pkg, cpu, …) the table's results share, in first-seen order. */
  config: Array<[string, string]>;
  rows: BenchstatRow[];
}

/** A BenchComparison with what benchstat's text layout also needs. */
export interface BenchstatComparison extends BenchComparison {
  tables: BenchstatTable[];
}

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_CONFIDENCE = 0.95;
/** The sample sizes benchstat tabulates the U test's smallest p-value for. */
const U_TEST_MIN_P_SIZES = 9;

type Side = 'off' | 'pgo';

interface TableCells {
  config: Array<[string, string]>;
  unit: string;
  /** Observation order of the key's parts, to sort the tables as benchstat does. */
  order: number[];
  cells: Map<string, Record<Side, number[]>>;
}

/**
 * Compares off against pgo. Benchmarks measured on one side only are left out (benchstat shows
 * them without a comparison).
 */
export function compareBenchmarks(offText: string, pgoText: string, options: CompareOptions = {}): BenchstatComparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const inputs: Array<[Side, BenchResult[]]> = [
    ['off', readResults(offText, options.oldLabel ?? 'bench-off.txt')],
    ['pgo', readResults(pgoText, options.newLabel ?? 'bench-pgo.txt')],
  ];
  const { tables, names } = collectCells(inputs);
  const comparisonTables: BenchstatTable[] = [];
  for (const table of tables) {
    const rows = [...table.cells]
      .filter(([, cell]) => cell.off.length > 0 && cell.pgo.length > 0)
      .sort(([a], [b]) => (names.get(a) ?? 0) - (names.get(b) ?? 0))
      .map(([benchmark, cell]) => compareRow(benchmark, table.unit, cell, alpha, confidence));
    if (rows.length === 0) continue;
    const out: BenchstatTable = { unit: table.unit, config: table.config, rows };
    const parts = geomeanParts(rows);
    if (rows.length > 1 && parts.off !== undefined && parts.pgo !== undefined && parts.ratio !== undefined) {
      out.geomean = { off: parts.off, pgo: parts.pgo, deltaPercent: (parts.ratio - 1) * 100 };
    }
    comparisonTables.push(out);
  }
  return { alpha, confidence, tables: comparisonTables };
}

function readResults(text: string, label: string): BenchResult[] {
  const { results } = parseBenchOutput(text);
  if (results.length === 0) {
    throw new BenchOutputError(`${label}: no benchmark results; check that go test -bench ran and matched a benchmark`);
  }
  return results;
}

/**
 * Groups values by table (configuration and unit) and benchmark, keeping benchstat's
 * first-observation order for tables, configuration keys and benchmark names.
 */
function collectCells(inputs: Array<[Side, BenchResult[]]>): { tables: TableCells[]; names: Map<string, number> } {
  const names = new Map<string, number>();
  const configKeys: string[] = [];
  const valueOrder = new Map<string, Map<string, number>>();
  const observe = (field: string, value: string): number => {
    let order = valueOrder.get(field);
    if (!order) valueOrder.set(field, (order = new Map()));
    if (!order.has(value)) order.set(value, order.size);
    return order.get(value) ?? 0;
  };
  const tables = new Map<string, TableCells>();
  for (const [side, results] of inputs) {
    for (const result of results) {
      if (!names.has(result.name)) names.set(result.name, names.size);
      const config = new Map(result.config);
      for (const key of config.keys()) if (!configKeys.includes(key)) configKeys.push(key);
      const configOrder = configKeys.map((key) => observe(`config:${key}`, config.get(key) ?? ''));
      for (const { unit, value } of result.values) {
        const key = JSON.stringify([...configKeys.map((k) => config.get(k) ?? ''), unit]);
        let table = tables.get(key);
        if (!table) {
          table = { config: [...result.config].map(([k, v]) => [k, v]), unit, order: [...configOrder, observe('unit', unit)], cells: new Map() };
          tables.set(key, table);
        }
        let cell = table.cells.get(result.name);
        if (!cell) table.cells.set(result.name, (cell = { off: [], pgo: [] }));
        cell[side].push(value);
      }
    }
  }
  return { tables: [...tables.values()].sort((a, b) => compareOrders(a.order, b.order)), names };
}

function compareOrders(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function compareRow(benchmark: string, unit: string, cell: Record<Side, number[]>, alpha: number, confidence: number): BenchstatRow {
  const off = medianEstimate(cell.off, confidence);
  const pgo = medianEstimate(cell.pgo, confidence);
  const test = mannWhitneyUTest(cell.off, cell.pgo);
  return {
    benchmark,
    unit,
    off,
    pgo,
    deltaPercent: deltaPercent(off.center, pgo.center),
    pValue: test.p,
    // benchstat prints "~" only when p > alpha.
    significant: test.p <= alpha,
    warnings: {
      off: estimateWarnings(off, confidence),
      pgo: estimateWarnings(pgo, confidence),
      comparison: comparisonWarnings(test, alpha),
    },
  };
}

/** (pgo/off − 1)·100; 0 when equal (also 0 → 0); NaN from 0 to non-zero, which benchstat prints "?". */
export function deltaPercent(off: number, pgo: number): number {
  if (off === pgo) return 0;
  if (off === 0) return NaN;
  return (pgo / off - 1) * 100;
}

function estimateWarnings(estimate: Estimate, confidence: number): string[] {
  if (Number.isFinite(estimate.lo) && Number.isFinite(estimate.hi)) return [];
  const need = medianCiMinSamples(confidence);
  return [`need ${need.op} ${need.n} samples for confidence interval at level ${confidence}`];
}

function comparisonWarnings(test: MannWhitneyResult, alpha: number): string[] {
  if (test.samplesEqual) return ['all samples are equal'];
  if (test.p <= alpha) return [];
  const need = uTestMinSamples(alpha);
  return test.n1 < need.n && test.n2 < need.n ? [`need ${need.op} ${need.n} samples to detect a difference at alpha level ${alpha}`] : [];
}

/** The least equal sample size whose most extreme outcome reaches significance at alpha. */
function uTestMinSamples(alpha: number): { op: '>=' | '>'; n: number } {
  for (let n = 1; n <= U_TEST_MIN_P_SIZES; n++) {
    // Two samples of n with no overlap: p = 2 / C(2n, n); with one value each, p = 1.
    if (uTestMinP(n) <= alpha) return { op: '>=', n };
  }
  return { op: '>', n: U_TEST_MIN_P_SIZES + 1 };
}

function uTestMinP(n: number): number {
  if (n === 1) return 1;
  let choose = 1;
  for (let k = 0; k < n; k++) choose = (choose * (2 * n - k)) / (k + 1);
  return 2 / choose;
}
