// `go-pgo bench <binary-dir>`: pgo-bench for teams without Nx. Progress goes to stderr (rewritten
// in place on a terminal), the benchstat comparison and the verdict to stdout.
import path from 'node:path';
import { benchProgressPrinter } from '../bench/bench-progress';
import { benchSummary } from '../bench/bench-summary';
import { benchWithVerdict } from '../bench/bench-verdict';
import type { BuildCostMode } from '../bench/test-binaries';
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import { workspaceRelative } from '../config/workspace-path';
import { expectPositionals, parseChoice, parseCommandArgs, parseIntegerOption } from './args';
import { leafCommand } from './command';

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
  2. runs them in --count rounds; in each round every benchmark runs off, then at once pgo,
     so that load and drift on the machine hit both sides alike;
  3. compares them as benchstat does (medians, 95% intervals, Mann-Whitney U at p ≤ 0.05),
     and takes the median over rounds of each round's geomean ratio pgo/off;
  4. applies bench.gates (cpu, binarySize, buildTime) and appends the run to
     .pgo/history/<name>.jsonl.
It writes bench-off.txt and bench-pgo.txt (benchstat's input), bench-diff.txt (its output),
bench.json and report.html into --out, all before a failed gate fails the command.

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
    const settings = await loadPgoSettings(at);
    const bench = {
      ...settings.bench,
      ...(count === undefined ? {} : { count }),
      ...(values.bench === undefined ? {} : { bench: values.bench }),
      ...(values.benchtime === undefined ? {} : { benchtime: values.benchtime }),
      ...(values.package === undefined ? {} : { packages: values.package }),
    };
    const progress = benchProgressPrinter(io.stderr, at.workspaceRoot);
    const { run, diff, gateError } = await benchWithVerdict(
      {
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
      },
      progress,
      (files) =>
        `wrote ${workspaceRelative(at.workspaceRoot, path.dirname(files.json))}/{${path.basename(files.off)},${path.basename(files.pgo)},${path.basename(files.diff)},${path.basename(files.json)},${path.basename(files.html)}}`,
    );
    const skipped = bench.gates.buildTime !== undefined && buildCost === 'warm' ? [`skip buildTime: warm builds time only what go's cache lacked: use --build-cost cold`] : [];
    io.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : benchSummary(run, diff, skipped));
    // The failed gates were shown above; the error line says which.
    if (gateError !== undefined) throw gateError;
    return 0;
  },
});
