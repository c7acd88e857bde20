// Runs the two sides' test binaries in alternating rounds, off then pgo, `count` rounds each,
// so that whatever else loads the machine (other builds, thermal throttling, a noisy
// neighbour) hits both sides alike instead of skewing whichever side happened to run later.
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
   * `interleaved` (default): every round runs off then pgo, so drift of the machine lands on
   * both sides alike. `sequential`: all off rounds, then all pgo rounds — the usual recipe,
   * kept as the reference tools/bench/ab measures interleaving against.
   */
  schedule?: 'interleaved' | 'sequential';
  bench: string;
  benchtime?: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: RoundProgress) => void;
  signal?: AbortSignal;
}

export type RoundProgress =
  /** A round starts; `etaSeconds` (from the mean round so far) is absent in the first round. */
  | { kind: 'round'; round: number; rounds: number; etaSeconds?: number }
  /** One test binary is about to run. */
  | { kind: 'run'; round: number; side: Side; package: string };

/** One side's results in benchstat's input format. */
export interface SideOutput {
  /** Every round: per package the configuration lines once, then its results of all rounds. */
  all: string;
  /** Round by round, each a well-formed benchmark file of its own (for paired statistics). */
  rounds: string[];
}

export async function runRounds(options: RoundsOptions): Promise<Record<Side, SideOutput>> {
  const { packages, count } = options;
  // outputs[side][package][round]
  const outputs: Record<Side, ParsedRun[][]> = { off: packages.map(() => []), pgo: packages.map(() => []) };
  const started = performance.now();
  const order: [round: number, side: Side][] =
    options.schedule === 'sequential'
      ? (['off', 'pgo'] as const).flatMap((side) => rounds(count).map((round): [number, Side] => [round, side]))
      : rounds(count).flatMap((round) => (['off', 'pgo'] as const).map((side): [number, Side] => [round, side]));
  let announced = 0;
  for (const [round, side] of order) {
    if (round !== announced) {
      // Rounds are announced in the order they start; the ETA is from the mean round so far.
      const done = order.findIndex(([r, s]) => r === round && s === side) / 2;
      const elapsed = (performance.now() - started) / 1000;
      const eta = done === 0 ? undefined : (elapsed / done) * (count - done);
      options.onProgress?.({ kind: 'round', round, rounds: count, ...(eta === undefined ? {} : { etaSeconds: eta }) });
      announced = round;
    }
    for (const [index, pkg] of packages.entries()) {
      options.onProgress?.({ kind: 'run', round, side, package: pkg.importPath });
      const text = await runTestBinary(options.binaries[side][index]!, pkg, side, options);
      outputs[side][index]!.push(splitRun(text, pkg, side, options.bench));
    }
  }
  const sideOutput = (side: Side): SideOutput => ({
    all: packages.map((_, p) => joinPackage(outputs[side][p]!)).join('\n'),
    rounds: Array.from({ length: count }, (_, r) => packages.map((_, p) => joinPackage([outputs[side][p]![r]!])).join('\n')),
  });
  return { off: sideOutput('off'), pgo: sideOutput('pgo') };
}

function rounds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

async function runTestBinary(binary: string, pkg: BenchPackage, side: Side, options: RoundsOptions): Promise<string> {
  throwIfAborted(options.signal);
  const args = [
    '-test.run=^$',
    `-test.bench=${options.bench}`,
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
