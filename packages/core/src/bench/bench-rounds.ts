// Runs the two sides' test binaries in alternating rounds, `count` rounds each, so that
// whatever else loads the machine (other builds, thermal throttling, a noisy neighbour) hits
// both sides alike instead of skewing whichever side happened to run later. Within a round each
// benchmark runs on its own, off then pgo, so a pair is a second or two apart: on a 2-core VM
// one benchmark's speed was seen to drift 2x within a minute, and whole-package runs put the
// two halves of a pair several seconds apart.
import execa from 'execa';
import { BenchError } from './bench-error';
import type { BenchPackage } from './bench-packages';
import type { Side } from './test-binaries';

export interface RoundsOptions {
  packages: BenchPackage[];
  /** Test binaries per side, in the order of `packages`. */
  binaries: Record<Side, string[]>;
  count: number;
  /**
   * `interleaved` (default): in every round each benchmark runs off then pgo, so drift of the
   * machine lands on both sides alike. `sequential`: all off rounds, then all pgo rounds — the
   * usual recipe, kept as the reference tools/bench/ab measures interleaving against.
   */
  schedule?: 'interleaved' | 'sequential';
  bench: string;
  benchtime?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: RoundProgress) => void;
  signal?: AbortSignal;
}

export type RoundProgress =
  /** A round starts; `etaSeconds` (from the mean pace so far) is absent in the first round. */
  | { kind: 'round'; round: number; rounds: number; etaSeconds?: number }
  /** One test binary is about to run one benchmark. */
  | { kind: 'run'; round: number; side: Side; package: string; benchmark: string };

/** One side's results in benchstat's input format. */
export interface SideOutput {
  /** Every round: per package the configuration lines once, then its results of all rounds. */
  all: string;
  /** Round by round, each a well-formed benchmark file of its own (for paired statistics). */
  rounds: string[];
}

/** One top-level benchmark of one package, and the -test.bench pattern that runs just it. */
interface BenchUnit {
  packageIndex: number;
  name: string;
  pattern: string;
}

type Step = { round: number; unit: number; side: Side };

export async function runRounds(options: RoundsOptions): Promise<Record<Side, SideOutput>> {
  const { packages, count } = options;
  const units = await benchmarkUnits(options);
  // outputs[side][package][round], each the merged runs of that package's benchmarks.
  const empty = (): ParsedRun[][] => packages.map(() => rounds(count).map(() => ({ config: [], results: [] })));
  const outputs: Record<Side, ParsedRun[][]> = { off: empty(), pgo: empty() };
  const sides = ['off', 'pgo'] as const;
  const order: Step[] =
    options.schedule === 'sequential'
      ? sides.flatMap((side) => rounds(count).flatMap((round) => units.map((_, unit) => ({ round, unit, side }))))
      : rounds(count).flatMap((round) => units.flatMap((_, unit) => sides.map((side) => ({ round, unit, side }))));
  const started = performance.now();
  let announced = 0;
  for (const [done, { round, unit, side }] of order.entries()) {
    if (round !== announced) {
      const elapsed = (performance.now() - started) / 1000;
      const eta = done === 0 ? undefined : (elapsed / done) * (order.length - done);
      options.onProgress?.({ kind: 'round', round, rounds: count, ...(eta === undefined ? {} : { etaSeconds: eta }) });
      announced = round;
    }
    const { packageIndex, name, pattern } = units[unit]!;
    const pkg = packages[packageIndex]!;
    options.onProgress?.({ kind: 'run', round, side, package: pkg.importPath, benchmark: name });
    const text = await runTestBinary(options.binaries[side][packageIndex]!, pkg, side, pattern, options);
    const run = splitRun(text, pkg, side, pattern);
    const into = outputs[side][packageIndex]![round - 1]!;
    if (into.config.length === 0) into.config.push(...run.config);
    into.results.push(...run.results);
  }
  const sideOutput = (side: Side): SideOutput => ({
    all: packages.map((_, p) => joinPackage(outputs[side][p]!)).join('\n'),
    rounds: rounds(count).map((r) => packages.map((_, p) => joinPackage([outputs[side][p]![r - 1]!])).join('\n')),
  });
  return { off: sideOutput('off'), pgo: sideOutput('pgo') };
}

/**
 * Every top-level benchmark the -bench regexp selects, per package, from the off binary's
 * -test.list. Go matches -bench level by level (split at '/'): the first level picks top-level
 * benchmarks, the rest is kept for their sub-benchmarks.
 */
async function benchmarkUnits(options: RoundsOptions): Promise<BenchUnit[]> {
  const [top, ...sub] = benchLevels(options.bench);
  const units: BenchUnit[] = [];
  for (const [packageIndex, pkg] of options.packages.entries()) {
    throwIfAborted(options.signal);
    const listed = await execa(options.binaries.off[packageIndex]!, [`-test.list=${top ?? '.'}`], { cwd: pkg.dir, env: options.env, extendEnv: true, stdin: 'ignore', reject: false });
    if (listed.exitCode !== 0) {
      throw new BenchError('go-failed', `${pkg.importPath}: the off test binary could not list its benchmarks (exit ${listed.exitCode}): ${listed.stderr.split('\n')[0] ?? ''}`);
    }
    const names = listed.stdout.split(/\r?\n/).filter((line) => /^Benchmark\S*$/.test(line));
    if (names.length === 0) {
      throw new BenchError('no-benchmarks', `${pkg.importPath}: the test binary has no benchmark matching -bench '${options.bench}': fix bench.bench (--bench) or add benchmarks`);
    }
    for (const name of names) units.push({ packageIndex, name, pattern: [`^${name}$`, ...sub].join('/') });
  }
  return units;
}

/** Splits a -bench regexp at the slashes outside brackets and parentheses, as go test does. */
function benchLevels(re: string): string[] {
  const levels: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      current += c + re[++i];
      continue;
    }
    if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    if (c === '/' && depth === 0) {
      levels.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  levels.push(current);
  return levels;
}

function rounds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

async function runTestBinary(binary: string, pkg: BenchPackage, side: Side, pattern: string, options: RoundsOptions): Promise<string> {
  throwIfAborted(options.signal);
  const args = [
    '-test.run=^$',
    `-test.bench=${pattern}`,
    '-test.benchmem',
    ...(options.benchtime === undefined ? [] : [`-test.benchtime=${options.benchtime}`]),
    '-test.count=1',
  ];
  // The package directory, as `go test` runs it: benchmarks may read testdata/ relative to it.
  const child = execa(binary, args, { cwd: pkg.dir, env: options.env, extendEnv: true, stdin: 'ignore', reject: false });
  const abort = (): void => {
    child.kill();
  };
  options.signal?.addEventListener('abort', abort);
  try {
    const result = await child;
    throwIfAborted(options.signal);
    if (result.exitCode !== 0 || result.failed) {
      const said = `${result.stdout}\n${result.stderr}`.split('\n').find((l) => /FAIL|panic|error/i.test(l))?.trim();
      throw new BenchError(
        'go-failed',
        `${pkg.importPath}: the ${side} test binary ${result.signal ? `was killed by ${result.signal}` : `exited with ${result.exitCode}`}${said ? `: ${said}` : ''}: run its benchmarks with go test -bench to see why`,
      );
    }
    return result.stdout;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BenchError('aborted', 'pgo-bench was stopped before it finished: nothing was written');
}

interface ParsedRun {
  /** `key: value` lines before the first result: goos, goarch, pkg, cpu. */
  config: string[];
  results: string[];
}

// benchfmt: a configuration key starts with a lowercase letter and holds no space or upper case.
const CONFIG_LINE = /^[a-z][^\sA-Z:]*:(\s|$)/;

/** Keeps what benchstat reads from one run of a test binary; PASS, ok and log lines go. */
function splitRun(text: string, pkg: BenchPackage, side: Side, bench: string): ParsedRun {
  const run: ParsedRun = { config: [], results: [] };
  for (const line of text.split(/\r?\n/)) {
    if (/^Benchmark\S*\s+\d+\s/.test(line)) run.results.push(line);
    else if (run.results.length === 0 && CONFIG_LINE.test(line)) run.config.push(line);
  }
  if (run.results.length === 0) {
    throw new BenchError('no-benchmarks', `${pkg.importPath}: the ${side} test binary ran no benchmark matching -bench '${bench}': fix bench.bench (--bench) or add benchmarks`);
  }
  return run;
}

/** One package's runs: its configuration once (from the first run), then every result. */
function joinPackage(runs: ParsedRun[]): string {
  return [...runs[0]!.config, ...runs.flatMap((r) => r.results), ''].join('\n');
}
