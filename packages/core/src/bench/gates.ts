// The pgo-bench gates (pgo.yaml `bench.gates`, fractions). A gate left unset is not evaluated.
//
// cpu: PGO against off in this run, on sec/op. It fails when
//   - any benchmark row is significantly different (p ≤ alpha, benchstat's "not ~") and PGO's
//     median is slower than off's by more than the limit, or
//   - the geomean is: the median over rounds of each round's geomean ratio pgo/off is slower
//     than off by more than the limit AND its confidence interval lies wholly above 0, i.e.
//     PGO is slower with the run's confidence. With too few rounds for an interval (fewer
//     than 6 at 95%) the geomean alone never fails the gate: there is no evidence either way.
//   `measured` is the largest of the significant rows' slowdowns and the geomean's.
// binarySize, buildTime: this run's pgo test binaries (bytes, cold build seconds) against the
//   pgo figures of the previous accepted run in the history, or against this run's off build
//   when there is none. Fails when the growth exceeds the limit. buildTime is not evaluated
//   with warm builds (their seconds only count what the cache lacked).
import type { BenchGates } from '../config/pgo-settings';
import type { BenchComparison, ComparisonRow, Estimate } from '../stats/stats-types';
import type { BuildCost, GateResult, HistoryRow } from './bench-types';
import type { BuildCostMode } from './test-binaries';

export interface GateInputs {
  gates: BenchGates;
  comparison: BenchComparison;
  /** The paired geomean delta in percent. */
  geomeanDelta: Estimate;
  off: BuildCost;
  pgo: BuildCost;
  /** The last accepted run of the history, if any. */
  previous: HistoryRow | undefined;
  buildCost: BuildCostMode;
}

export function evaluateGates(inputs: GateInputs): GateResult[] {
  const { gates } = inputs;
  const results: GateResult[] = [];
  if (gates.cpu !== undefined) results.push(cpuGate(gates.cpu, inputs));
  if (gates.binarySize !== undefined) {
    results.push(growthGate('binarySize', gates.binarySize, inputs, (cost) => cost.binaryBytes, (row) => row.binaryBytes.pgo, formatBytes));
  }
  if (gates.buildTime !== undefined && inputs.buildCost === 'cold') {
    results.push(growthGate('buildTime', gates.buildTime, inputs, (cost) => cost.buildSeconds, (row) => row.buildSeconds.pgo, formatBuildSeconds));
  }
  return results;
}

function cpuGate(limit: number, { comparison, geomeanDelta }: GateInputs): GateResult {
  const rows = comparison.tables.filter((t) => t.unit === 'sec/op').flatMap((t) => t.rows);
  const significant = rows.filter((row) => row.significant && Number.isFinite(row.deltaPercent));
  const worstRow = significant.reduce<ComparisonRow | undefined>((worst, row) => (worst === undefined || row.deltaPercent > worst.deltaPercent ? row : worst), undefined);
  const rowSlowdown = worstRow === undefined ? -Infinity : worstRow.deltaPercent / 100;
  const geomeanSlowdown = geomeanDelta.center / 100;
  const rowFails = rowSlowdown > limit;
  const geomeanFails = geomeanSlowdown > limit && geomeanDelta.lo > 0;
  const measured = Math.max(rowSlowdown, geomeanSlowdown);
  const geomean = `the geomean over rounds is ${describeDelta(geomeanDelta.center)} with PGO (CI ${ciText(geomeanDelta)})`;
  const row =
    worstRow === undefined
      ? undefined
      : `${worstRow.benchmark} is ${describeDelta(worstRow.deltaPercent)} with PGO (${formatSeconds(worstRow.off.center)} → ${formatSeconds(worstRow.pgo.center)}, p=${worstRow.pValue.toFixed(3)})`;
  const limitText = `the ${percent(limit)} limit`;
  let message: string;
  if (rowFails) message = `cpu: ${row}: over ${limitText}`;
  else if (geomeanFails) message = `cpu: ${geomean}: over ${limitText}`;
  else message = `cpu: ${row === undefined ? 'no benchmark differs significantly' : `worst significant: ${row}`}; ${geomean}: within ${limitText}`;
  return { gate: 'cpu', limit, measured, baseline: 'off', passed: !rowFails && !geomeanFails, message };
}

function growthGate(
  gate: 'binarySize' | 'buildTime',
  limit: number,
  inputs: GateInputs,
  ofCost: (cost: BuildCost) => number,
  ofRow: (row: HistoryRow) => number,
  format: (value: number) => string,
): GateResult {
  const { previous } = inputs;
  const baselineValue = previous === undefined ? ofCost(inputs.off) : ofRow(previous);
  const value = ofCost(inputs.pgo);
  const measured = baselineValue > 0 ? value / baselineValue - 1 : 0;
  const what = gate === 'binarySize' ? 'the pgo test binaries are' : 'the pgo build took';
  const against =
    previous === undefined ? `the -pgo=off build's ${format(baselineValue)}` : `${format(baselineValue)} of the last accepted run (${previous.commit?.slice(0, 12) ?? 'no commit'}, ${previous.date})`;
  const passed = measured <= limit;
  const verdict = passed ? `within the ${percent(limit)} limit` : `over the ${percent(limit)} limit`;
  return {
    gate,
    limit,
    measured,
    baseline: previous === undefined ? 'off' : 'history',
    passed,
    message: `${gate}: ${what} ${format(value)}, ${signedPercent(measured)} against ${against}: ${verdict}`,
  };
}

export function describeDelta(deltaPercent: number): string {
  return deltaPercent > 0 ? `${deltaPercent.toFixed(1)}% slower` : `${(-deltaPercent).toFixed(1)}% faster`;
}

export function ciText(estimate: Estimate): string {
  if (!Number.isFinite(estimate.lo) || !Number.isFinite(estimate.hi)) return `none with ${estimate.n} rounds`;
  return `${estimate.lo.toFixed(1)}% to ${estimate.hi.toFixed(1)}%`;
}

export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(2)}%`;
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B`;
}

function formatBuildSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

/** sec/op as benchstat scales it: 4.455ms, 715.1µs. */
function formatSeconds(seconds: number): string {
  const [scale, unit] = seconds >= 1 ? [1, 's'] : seconds >= 1e-3 ? [1e3, 'ms'] : seconds >= 1e-6 ? [1e6, 'µs'] : [1e9, 'ns'];
  return `${Number((seconds * scale).toPrecision(4))}${unit}`;
}
