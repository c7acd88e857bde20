// `go-pgo loadtest <binary-dir>`: pgo-loadtest for teams without Nx. Progress goes to stderr
// (the round counter rewritten in place on a terminal), the summary and verdict to stdout.
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { loadPgoSettings } from '../config/load-settings';
import { workspaceRelative } from '../config/workspace-path';
import { loadtestProgressPrinter } from '../loadtest/loadtest-progress';
import { loadtestSummary } from '../loadtest/loadtest-summary';
import { loadtestWithVerdict } from '../loadtest/service-verdict';
import { abortOnSignals } from '../process/abort-on-signals';
import { expectPositionals, parseCommandArgs, parseIntegerOption } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo loadtest';

const OPTIONS = {
  profile: { type: 'string' },
  rounds: { type: 'string' },
  requests: { type: 'string' },
  warmup: { type: 'string' },
  concurrency: { type: 'string' },
  replay: { type: 'string' },
  'no-gate': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
} as const;

export const loadtestCommand = leafCommand({
  name: 'loadtest',
  summary: 'A/B the service binary itself under load: -pgo=off against its profile, CPU per request, with gates',
  help: `Usage: ${COMMAND} <binary-dir> [options]

Measures what the profile does for the service itself, with the loadtest section of
<binary-dir>/pgo.yaml:
  1. builds the binary with -pgo=off and with its profile into --out (off/ and pgo/);
  2. starts one instance of each on 127.0.0.1 with loadtest.args and loadtest.env, where
     {port} and {addr} (127.0.0.1:<port>) say where to listen, and waits until
     loadtest.health answers 2xx;
  3. sends loadtest.warmup requests to each, then runs loadtest.rounds rounds: in each, both
     get loadtest.requests requests back to back, the order alternating between rounds;
  4. measures per round and side the server's CPU seconds (utime + stime from /proc) per
     request, requests per second, p50 and p99 latency, and the load generator's own CPU;
  5. compares CPU per request pair by pair: the median over rounds of PGO/off with its 95%
     interval, and Mann-Whitney U; applies loadtest.gates and appends a row (kind: loadtest)
     to .pgo/history/<name>.jsonl.
It writes loadtest.json and report.html into --out, before a failed gate fails the command.
Every process it starts is stopped at the end, on failure and on Ctrl-C.

The load comes from loadtest.replay, a request file of JSON lines ({"method", "path", "body",
"headers", "weight"}) sent by the built-in replayer at loadtest.concurrency, or from
loadtest.command, your own generator with {url}, {requests} and {concurrency} filled in. For
wrk, {wrkScript} names a script that makes it send exactly {requests}:
  command: [wrk, -t1, -c4, -d5m, --latency, -s, '{wrkScript}', '{url}', --, '{requests}']

Gates: cpuPerRequest (default 5%) and latencyP99 fail when PGO's median is worse than the limit
and its 95% interval lies wholly above 0.

Options:
  --profile <file>      the profile (default: the binary's, as go-pgo build picks it)
  --rounds <n>          interleaved rounds (default loadtest.rounds, 10)
  --requests <n>        requests per side per round (default loadtest.requests, 2000)
  --warmup <n>          warm-up requests per side (default loadtest.warmup, 1000)
  --concurrency <n>     requests in flight (default loadtest.concurrency, 4)
  --replay <file>       a request file for the built-in replayer instead of pgo.yaml's load
  --no-gate             report breached gates without failing (recorded as not accepted)
  --out <dir>           output directory (default <root>/dist/pgo/<binary-dir>/loadtest)
  --json                print loadtest.json instead of the summary
  --root <dir>          the workspace root (default: the directory of the go.work above
                        <binary-dir>, else of its go.mod)

Exit codes: 0 PGO passed the gates (or --no-gate), 1 a gate failed or the run could not be
made, 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const number = (value: string | undefined, flag: string, min: number): number | undefined => (value === undefined ? undefined : parseIntegerOption(value, flag, min, COMMAND));
    const overrides = {
      rounds: number(values.rounds, '--rounds', 2),
      requests: number(values.requests, '--requests', 1),
      warmup: number(values.warmup, '--warmup', 0),
      concurrency: number(values.concurrency, '--concurrency', 1),
    };
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const loadtest = {
      ...settings.loadtest,
      ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
      ...(values.replay === undefined ? {} : { replay: path.resolve(io.cwd, values.replay), command: undefined }),
    };
    const progress = loadtestProgressPrinter(io.stderr);
    const { run, gateError } = await abortOnSignals((signal) =>
      loadtestWithVerdict(
        {
          workspaceRoot: at.workspaceRoot,
          binaryDir: at.binaryDir,
          moduleRoot: at.moduleRoot,
          project: path.basename(at.binaryDir),
          settings: loadtest,
          profile: values.profile === undefined ? settings.profile : path.resolve(io.cwd, values.profile),
          outputDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
          noGate: values['no-gate'],
          onProgress: progress.event,
          signal,
        },
        progress,
        (files) => `wrote ${workspaceRelative(at.workspaceRoot, files.json)} and ${path.basename(files.html)}`,
      ),
    );
    io.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : loadtestSummary(run));
    if (gateError !== undefined) throw gateError;
    return 0;
  },
});
