// The report's tables: benchstat's comparison (with "~" where the difference is not
// significant) and the gates pgo-bench applied.
import type { GateResult } from '../bench/bench-types';
import { formatPercent } from '../text/format';
import type { ComparisonTable } from '../stats/stats-types';
import { deltaKind } from './delta-chart';
import { formatDelta, formatFraction, formatMeasure, formatN, formatP, formatSpread } from './format';
import { h, type Child, type Markup } from './html';

const cell = (content: Child, className?: string, title?: string): Markup => h('td', { class: className, title }, [content]);
const header = (names: readonly (readonly [string, boolean])[]): Markup =>
  h('thead', {}, [h('tr', {}, names.map(([name, numeric]) => h('th', { class: numeric ? 'num' : undefined, scope: 'col' }, [name])))]);

/**
 * benchstat's tables in one: benchmark, unit, off ± CI, pgo ± CI, delta (or "~"), p, n; a body
 * per unit, each closed by its geomean row, so the columns line up across units.
 */
export function comparisonTable(tables: readonly ComparisonTable[]): Markup {
  return h('table', { class: 'comparison' }, [
    header([
      ['benchmark', false],
      ['unit', false],
      ['off ± CI', true],
      ['pgo ± CI', true],
      ['delta', true],
      ['p', true],
      ['n', true],
    ]),
    ...tables.map(unitBody),
  ]);
}

function unitBody(table: ComparisonTable): Markup {
  const { unit } = table;
  const measure = (value: number): string => formatMeasure(value, unit);
  const rows = table.rows.map((row) => {
    const kind = deltaKind(row.deltaPercent, unit);
    const delta = formatDelta(row.deltaPercent);
    return h('tr', {}, [
      cell(row.benchmark, 'name'),
      cell(unit),
      cell(`${measure(row.off.center)} ${formatSpread(row.off)}`, 'num'),
      cell(`${measure(row.pgo.center)} ${formatSpread(row.pgo)}`, 'num'),
      row.significant ? cell(delta, `num ${kind}`) : cell('~', 'num', `${delta}, not significant`),
      cell(formatP(row.pValue), 'num'),
      cell(formatN(row.off, row.pgo), 'num'),
    ]);
  });
  const { geomean } = table;
  const geomeanRow =
    geomean &&
    h('tr', { class: 'geomean' }, [
      cell('geomean'),
      cell(unit),
      cell(measure(geomean.off), 'num'),
      cell(measure(geomean.pgo), 'num'),
      cell(formatDelta(geomean.deltaPercent), `num ${deltaKind(geomean.deltaPercent, unit)}`),
      cell(''),
      cell(''),
    ]);
  return h('tbody', { 'data-unit': unit }, [...rows, geomeanRow]);
}

/** A gate as people call it. */
export const GATE_NAMES: Record<GateResult['gate'], string> = {
  cpu: 'cpu (sec/op)',
  binarySize: 'binary size',
  buildTime: 'build time',
  cpuPerRequest: 'CPU per request',
  latencyP99: 'p99 latency',
};

/** Each gate with its limit, what was measured against which baseline, and the verdict. */
export function gatesTable(gates: readonly GateResult[]): Markup {
  if (gates.length === 0) return h('p', { class: 'note' }, ['No gates were configured for this run.']);
  return h('table', { class: 'gates' }, [
    header([
      ['gate', false],
      ['limit', true],
      ['measured', true],
      ['baseline', false],
      ['result', false],
      ['detail', false],
    ]),
    h(
      'tbody',
      {},
      gates.map((gate) =>
        h('tr', { 'data-gate': gate.gate }, [
          cell(GATE_NAMES[gate.gate]),
          cell(formatPercent(gate.limit), 'num'),
          cell(formatFraction(gate.measured), 'num'),
          cell(gate.baseline === 'off' ? 'pgo vs off' : 'vs last accepted run'),
          cell(gate.passed ? 'pass' : 'FAIL', gate.passed ? 'pass' : 'fail'),
          cell(gate.message),
        ]),
      ),
    ),
  ]);
}
