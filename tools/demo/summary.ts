// The table the demo ends with, from what the Nx targets wrote: the storefront's two iterations
// side by side (each profile's figures and validation, its pgo-loadtest gain in CPU per request,
// how alike the two profiles are), then bench.json and the history row of pgo-bench and the
// build reports of the storefront. A gain is claimed only when its 95% interval excludes zero.
import type { BenchRun, BuildReport, ComparisonRow, Estimate, HistoryRow, LoadtestRun, MergeSummary, ValidationReport } from '@go-pgo/core';
import type { DemoMode } from './demo-options';
import type { EdgeOverlap } from '../test-support/profile-overlap';

/** One round of the storefront's loop: capture, merge, validate, build, loadtest. */
export interface Iteration {
  loadtest: LoadtestRun;
  candidate: MergeSummary;
  validation: ValidationReport;
  /** Which build the profile was captured from. */
  capturedFrom: string;
}

export interface DemoResults {
  mode: DemoMode;
  storefront: {
    off: BuildReport;
    /** The PGO build of iteration 1. */
    pgo: BuildReport;
    /** The PGO build of iteration 2. */
    rebuilt: BuildReport;
    iterations: [Iteration, Iteration];
    overlap: EdgeOverlap;
  };
  bench: BenchRun;
  /** The history file, workspace-relative, and its rows. */
  history: { file: string; rows: HistoryRow[] };
  /** Where the report was copied: it outlives the scratch workspace. */
  reportFile: string;
  /** The storefront's loadtest reports, iteration 1 and 2. */
  loadtestReports: string[];
  elapsedSeconds: number;
}

type Row = [what: string, off: string, pgo: string, delta: string];

/** The storefront's iterations side by side. */
function iterationRows(r: DemoResults): string[] {
  const [one, two] = r.storefront.iterations;
  const cell = (f: (i: Iteration) => string): [string, string] => [f(one), f(two)];
  const medians = (i: Iteration): LoadtestRun['comparison']['medians'] => i.loadtest.comparison.medians;
  const rows: [string, string, string][] = [
    ['storefront, pgo-loadtest', 'iteration 1', 'iteration 2'],
    ['profile captured from', ...cell((i) => i.capturedFrom)],
    ['profile', ...cell((i) => `${i.validation.figures.samples.toLocaleString('en-US')} samples, ${formatBytes(i.candidate.output.bytes)}, validation ${i.validation.passed ? 'passed' : 'FAILED'}`)],
    [`CPU per request, ${one.loadtest.rounds} rounds`, ...cell((i) => gainText(i.loadtest.comparison.cpuPerRequest))],
    ['CPU per request -pgo=off → PGO', ...cell((i) => `${formatSeconds(medians(i).off.cpuPerRequest, 'req')} → ${formatSeconds(medians(i).pgo.cpuPerRequest, 'req')}`)],
    ['requests per second -pgo=off → PGO', ...cell((i) => `${medians(i).off.requestsPerSecond.toFixed(0)} → ${medians(i).pgo.requestsPerSecond.toFixed(0)}`)],
    ['load generator CPU share (max)', ...cell((i) => percent(i.loadtest.comparison.generator.maxShare))],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: readonly string[]): string => row.map((text, c) => text.padEnd(widths[c]!)).join('  ').trimEnd();
  const { overlap } = r.storefront;
  return [
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `call-edge overlap of the two profiles: ${percent(overlap.similarity)} (weighted Jaccard of the edges' shares; ${overlap.edges[0].toLocaleString('en-US')} and ${overlap.edges[1].toLocaleString('en-US')} edges, ${overlap.common.toLocaleString('en-US')} in both)`,
    iterationVerdict(one.loadtest.comparison.cpuPerRequest, two.loadtest.comparison.cpuPerRequest, r.mode),
  ];
}

/** One sentence on what the two iterations show. */
function iterationVerdict(one: Estimate, two: Estimate, mode: DemoMode): string {
  const gain = (e: Estimate): boolean => hasInterval(e) && e.hi < 0;
  if (gain(one) && gain(two)) return `The storefront's own profile cut its CPU per request by ${(-one.center).toFixed(1)}% and ${(-two.center).toFixed(1)}% (both 95% intervals below zero).`;
  const hint = mode.name === 'quick' ? ' (quick mode: run `npm run demo` for 10 rounds of 2000 requests)' : '';
  return `~ not both iterations show a significant gain in this run${hint}.`;
}

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
    ['storefront go build time, iteration 2 ¹', '', `${storefront.rebuilt.buildSeconds.toFixed(1)} s`, ''],
  ];
  const { candidate, validation } = storefront.iterations[0];
  const instances = candidate.inputs.length + candidate.skipped.length;
  const lines = [
    `go-pgo demo: summary (${r.mode.name} mode: ${r.mode.captureSeconds} s captures, loadtests of ${r.mode.loadtest.rounds} rounds of ${r.mode.loadtest.requests} requests, ${bench.count} bench rounds of ${r.mode.benchtime}; ${formatDuration(r.elapsedSeconds)} in all)`,
    '',
    ...iterationRows(r).map((line) => `  ${line}`),
    `  loadtest reports: ${r.loadtestReports.join(', ')}`,
    '',
    ...table(rows).map((line) => `  ${line}`),
    '',
    `  ${verdict(bench.geomeanDelta, r.mode)}`,
    `  storefront profile (iteration 1): ${candidate.inputs.length} of ${instances} instances × ${r.mode.captureSeconds} s, ${validation.figures.samples.toLocaleString('en-US')} samples, ${formatBytes(candidate.output.bytes)}; validation ${validation.passed ? 'passed' : 'FAILED'} (coverage ${percent(validation.figures.coverage)}, stale ${percent(validation.figures.staleRatio)})`,
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

function formatSeconds(seconds: number, per = 'op'): string {
  if (seconds >= 1) return `${seconds.toFixed(2)} s/${per}`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(2)} ms/${per}`;
  return `${(seconds * 1e6).toFixed(2)} µs/${per}`;
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
