// `go-pgo bench <binary-dir>`: pgo-bench for teams without Nx. Progress goes to stderr (rewritten
// in place on a terminal), the benchstat comparison and the verdict to stdout.
import path from 'node:path';
import { BenchGateError } from '../bench/bench-error';
import type { BenchRun } from '../bench/bench-types';
import { runPgoBench, type BenchProgress } from '../bench/run-bench';
import type { BuildCostMode } from '../bench/test-binaries';
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import { workspaceRelative } from '../config/workspace-path';
import type { Estimate } from '../stats/stats-types';
import { expectPositionals, parseChoice, parseCommandArgs, parseIntegerOption } from './args';
import { leafCommand, type TextSink } from './command';
import { formatBytes, formatNanos } from '../text/format';

const COMMAND = 'go-pgo bench';

const OPTIONS = {
  profile: { type: 'string' },
  count: { type: 'string' },
  bench: { type: 'string' },
  benchtime: { type: 'string' },
  package: { type: 'string', multiple: true },
  'no-gate': { type: 'boolean' },
  'build-cost': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
} as const;

const BUILD_COSTS = ['cold', 'warm'] as const;

export const benchCommand = leafCommand({
  name: 'bench',
  summary: 'A/B benchmark a binary\'s packages with -pgo=off and with its profile, with gates',
  help: `Usage: ${COMMAND} <binary-dir> [options]

Benchmarks the packages of bench.packages in <binary-dir>/pgo.yaml (Go package patterns from the
binary's module root) without PGO and with the binary's profile:
  1. compiles each package's test binary twice, go test -c -pgo=off and -pgo=<profile>,
     measuring each side's build time and the binaries' size;
  2. runs them in alternating rounds, off then pgo, --count rounds each, so that load on the
     machine hits both sides alike;
  3. compares them as benchstat does (medians, 95% intervals, Mann-Whitney U at p ≤ 0.05),
     and takes the median over rounds of each round's geomean ratio pgo/off;
  4. applies bench.gates (cpu, binarySize, buildTime) and appends the run to
     .pgo/history/<name>.jsonl.
It writes bench-off.txt and bench-pgo.txt (benchstat's input), bench-diff.txt (its output),
bench.json and bench.html into --out, all before a failed gate fails the command.

Gates: cpu fails when a significant benchmark, or the geomean (median slower than the limit
and its interval wholly above 0), is slower with PGO than the limit allows. binarySize and
buildTime compare the PGO test binaries with the last accepted run of the history, or with
the -pgo=off build when there is none.

Options:
  --profile <file>       the profile (default: the binary's, as go-pgo build picks it)
  --count <n>            rounds per side (default bench.count, 8)
  --bench <regexp>       -test.bench (default bench.bench, '.')
  --benchtime <t>        -test.benchtime, e.g. 2s or 100x (default bench.benchtime, Go's 1s)
  --package <pattern>    a package pattern to benchmark instead of bench.packages (repeatable)
  --no-gate              report breached gates without failing (the run is recorded as not
                         accepted, so it never becomes the baseline of later runs)
  --build-cost <mode>    cold: each side builds in a fresh, empty GOCACHE (whole build time,
                         standard library included; slow, honest); warm: go's usual cache (fast;
                         build time is not comparable and the buildTime gate is skipped).
                         Default cold
  --out <dir>            output directory (default <root>/dist/pgo/<binary-dir>/bench)
  --json                 print bench.json instead of the comparison table
  --root <dir>           the workspace root (default: the directory of the go.work above
                         <binary-dir>, else of its go.mod)

Exit codes: 0 PGO passed the gates (or --no-gate), 1 a gate failed or the run could not be
made, 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const count = values.count === undefined ? undefined : parseIntegerOption(values.count, '--count', 1, COMMAND);
    const buildCost: BuildCostMode = values['build-cost'] === undefined ? 'cold' : parseChoice(values['build-cost'], '--build-cost', BUILD_COSTS, COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings({ workspaceRoot: at.workspaceRoot, binaryDir: at.binaryDir, moduleRoot: at.moduleRoot });
    const bench = {
      ...settings.bench,
      ...(count === undefined ? {} : { count }),
      ...(values.bench === undefined ? {} : { bench: values.bench }),
      ...(values.benchtime === undefined ? {} : { benchtime: values.benchtime }),
      ...(values.package === undefined ? {} : { packages: values.package }),
    };
    const progress = progressPrinter(io.stderr, at.workspaceRoot);
    let run: BenchRun;
    let diff: string | undefined;
    let gateError: BenchGateError | undefined;
    try {
      const result = await runPgoBench({
        workspaceRoot: at.workspaceRoot,
        binaryDir: at.binaryDir,
        moduleRoot: at.moduleRoot,
        project: path.basename(at.binaryDir),
        settings: bench,
        profile: values.profile === undefined ? settings.profile : path.resolve(io.cwd, values.profile),
        outputDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
        noGate: values['no-gate'],
        buildCost,
        onProgress: progress.event,
      });
      ({ run, diff } = result);
      progress.done(`wrote ${workspaceRelative(at.workspaceRoot, path.dirname(result.files.json))}/{${path.basename(result.files.off)},${path.basename(result.files.pgo)},${path.basename(result.files.diff)},${path.basename(result.files.json)},${path.basename(result.files.html)}}`);
    } catch (error) {
      progress.done();
      if (!(error instanceof BenchGateError)) throw error;
      gateError = error;
      run = error.run;
    }
    const skipped = bench.gates.buildTime !== undefined && buildCost === 'warm' ? [`skip buildTime: warm builds time only what go's cache lacked: use --build-cost cold`] : [];
    io.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : summary(run, diff, skipped));
    // The failed gates were shown above; the error line says which.
    if (gateError !== undefined) throw gateError;
    return 0;
  },
});

function summary(run: BenchRun, diff: string | undefined, skipped: string[]): string {
  const lines = [
    ...(diff === undefined ? [] : [diff.trimEnd(), '']),
    `geomean over ${run.count} rounds: ${estimateText(run.geomeanDelta)} with PGO`,
    `test binaries: ${formatBytes(run.off.binaryBytes)} off, ${formatBytes(run.pgo.binaryBytes)} pgo; build ${run.off.buildSeconds.toFixed(1)} s off, ${run.pgo.buildSeconds.toFixed(1)} s pgo`,
    ...run.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.message}`),
    ...skipped,
    run.accepted ? 'accepted' : 'not accepted',
  ];
  return `${lines.join('\n')}\n`;
}

function estimateText(e: Estimate): string {
  const ci = Number.isFinite(e.lo) && Number.isFinite(e.hi) ? ` (95% CI ${signed(e.lo)} to ${signed(e.hi)})` : ' (too few rounds for a 95% interval)';
  return `${signed(e.center)}${ci}`;
}

function signed(percent: number): string {
  return `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`;
}

/** Progress lines on stderr; a terminal gets the round counter rewritten in place. */
function progressPrinter(stderr: TextSink, workspaceRoot: string): { event: (e: BenchProgress) => void; done: (line?: string) => void } {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  let open = false;
  const line = (text: string, transient: boolean): void => {
    if (tty && transient) {
      stderr.write(`\r\x1b[2K${text}`);
      open = true;
      return;
    }
    stderr.write(`${open ? '\r\x1b[2K' : ''}${text}\n`);
    open = false;
  };
  const event = (e: BenchProgress): void => {
    switch (e.kind) {
      case 'packages':
        line(`benchmarking ${e.packages.join(', ')}`, false);
        break;
      case 'build':
        line(`compiling the ${e.side} test binaries (${e.mode === 'cold' ? 'fresh GOCACHE' : 'warm GOCACHE'})…`, true);
        break;
      case 'built':
        line(`compiled ${e.side}: ${e.cost.buildSeconds.toFixed(1)} s, ${formatBytes(e.cost.binaryBytes)}`, false);
        break;
      case 'round':
        line(`round ${e.round} of ${e.rounds}${e.etaSeconds === undefined ? '' : `, about ${formatNanos(Math.round(e.etaSeconds) * 1e9)} left`}`, true);
        break;
      case 'run':
        break;
      case 'note':
        line(e.message.replace(`${workspaceRoot}/`, ''), false);
        break;
    }
  };
  const done = (text?: string): void => {
    if (text !== undefined) line(text, false);
    else if (open) stderr.write('\r\x1b[2K');
    open = false;
  };
  return { event, done };
}
