// The table the demo ends with, from what the Nx targets wrote: bench.json and the history row
// of pgo-bench, the build reports of both storefront builds, the merge summary and validation
// report of the captured profile. A gain is claimed only when its 95% interval excludes zero.
import type { BenchRun, BuildReport, ComparisonRow, Estimate, HistoryRow, MergeSummary, ValidationReport } from '@go-pgo/core';
import type { DemoMode } from './demo-options';

export interface DemoResults {
  mode: DemoMode;
  storefront: { off: BuildReport; pgo: BuildReport; candidate: MergeSummary; validation: ValidationReport };
  bench: BenchRun;
  /** The history file, workspace-relative, and its rows. */
  history: { file: string; rows: HistoryRow[] };
  /** Where the report was copied: it outlives the scratch workspace. */
  reportFile: string;
  elapsedSeconds: number;
}

type Row = [what: string, off: string, pgo: string, delta: string];

export function formatSummary(r: DemoResults): string {
  const { bench, storefront } = r;
  const rows: Row[] = [
    ['result', '-pgo=off', 'PGO', 'delta'],
    [`report CLI benchmarks, geomean of ${bench.count} rounds`, '', '', gainText(bench.geomeanDelta)],
    ...secPerOpRows(bench).map((row): Row => [`  ${row.benchmark}`, formatSeconds(row.off.center), formatSeconds(row.pgo.center), rowDelta(row)]),
    ['report CLI test binary size', formatBytes(bench.off.binaryBytes), formatBytes(bench.pgo.binaryBytes), percentChange(bench.off.binaryBytes, bench.pgo.binaryBytes)],
    [`report CLI ${r.mode.buildCost} build time`, `${bench.off.buildSeconds.toFixed(1)} s`, `${bench.pgo.buildSeconds.toFixed(1)} s`, percentChange(bench.off.buildSeconds, bench.pgo.buildSeconds)],
    ['storefront binary size', formatBytes(storefront.off.binarySize), formatBytes(storefront.pgo.binarySize), percentChange(storefront.off.binarySize, storefront.pgo.binarySize)],
    ['storefront go build time ¹', `${storefront.off.buildSeconds.toFixed(1)} s`, `${storefront.pgo.buildSeconds.toFixed(1)} s`, ''],
  ];
  const { candidate, validation } = storefront;
  const instances = candidate.inputs.length + candidate.skipped.length;
  const lines = [
    `go-pgo demo: summary (${r.mode.name} mode: ${r.mode.captureSeconds} s captures, ${bench.count} bench rounds of ${r.mode.benchtime}; ${formatDuration(r.elapsedSeconds)} in all)`,
    '',
    ...table(rows).map((line) => `  ${line}`),
    '',
    `  ${verdict(bench.geomeanDelta, r.mode)}`,
    `  storefront profile: ${candidate.inputs.length} of ${instances} instances × ${r.mode.captureSeconds} s, ${validation.figures.samples.toLocaleString('en-US')} samples, ${formatBytes(candidate.output.bytes)}; validation ${validation.passed ? 'passed' : 'FAILED'} (coverage ${percent(validation.figures.coverage)}, stale ${percent(validation.figures.staleRatio)})`,
    `  gates: ${bench.gates.map((g) => `${g.gate} ${g.passed ? 'pass' : 'FAIL'}`).join(', ') || 'none configured'}; the run is ${bench.accepted ? 'accepted' : 'not accepted'}`,
    `  history: ${r.history.file}, ${r.history.rows.length} run(s); the last one ${lastRow(r.history.rows)}`,
    `  report: ${r.reportFile}`,
    '',
    '  ¹ go build wall time as this machine ran it: the -pgo=off build reuses what the Go build cache holds; a new profile rebuilds every package, standard library included.',
  ];
  return `${lines.join('\n')}\n`;
}

/** sec/op rows of benchstat's comparison, in its order. */
function secPerOpRows(bench: BenchRun): ComparisonRow[] {
  return bench.comparison.tables.find((t) => t.unit === 'sec/op')?.rows ?? [];
}

function rowDelta(row: ComparisonRow): string {
  const p = `p=${row.pValue.toFixed(3)}`;
  return row.significant ? `${signed(row.deltaPercent)} (${p})` : `~ (${p})`;
}

function gainText(e: Estimate): string {
  if (!hasInterval(e)) return `~ ${signed(e.center)} (too few rounds for a 95% CI)`;
  const ci = `95% CI ${signed(e.lo)} to ${signed(e.hi)}`;
  return significant(e) ? `${signed(e.center)} (${ci})` : `~ ${signed(e.center)} (${ci})`;
}

/** One honest sentence on the gain. */
function verdict(e: Estimate, mode: DemoMode): string {
  if (hasInterval(e) && e.hi < 0) return `PGO made the report CLI's benchmarks ${(-e.center).toFixed(1)}% faster (geomean; its 95% interval lies below zero).`;
  if (hasInterval(e) && e.lo > 0) return `PGO made the report CLI's benchmarks ${e.center.toFixed(1)}% slower (geomean; its 95% interval lies above zero).`;
  const why = hasInterval(e) ? 'its 95% interval includes zero' : 'too few rounds for a 95% interval';
  const hint = mode.name === 'quick' ? ' (quick mode: run `npm run demo` for 24 rounds of 300ms, which this benchmark needs)' : '';
  return `~ no significant gain measured in this run: ${why}${hint}.`;
}

const hasInterval = (e: Estimate): boolean => Number.isFinite(e.lo) && Number.isFinite(e.hi);
const significant = (e: Estimate): boolean => e.hi < 0 || e.lo > 0;

function lastRow(rows: HistoryRow[]): string {
  const last = rows.at(-1);
  if (last === undefined) return 'is missing';
  return `is ${signed(last.geomeanDeltaPercent)}, ${last.accepted ? 'accepted' : 'not accepted'}`;
}

/** Columns padded to their widest cell; the header is followed by a rule. */
function table(rows: Row[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]): string => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

function percentChange(off: number, pgo: number): string {
  return off === 0 ? '' : signed((pgo / off - 1) * 100);
}

function signed(percent: number): string {
  return `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function formatSeconds(seconds: number): string {
  if (seconds >= 1) return `${seconds.toFixed(2)} s/op`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(2)} ms/op`;
  return `${(seconds * 1e6).toFixed(2)} µs/op`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(2)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}
