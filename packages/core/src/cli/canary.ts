// `go-pgo canary <binary-dir>`: pgo-canary for teams without Nx: the canary's CPU per request
// against its baseline's, from Prometheus, with the gate; the summary and verdict on stdout.
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { canarySummary } from '../canary/canary-summary';
import { loadPgoSettings } from '../config/load-settings';
import { workspaceRelative } from '../config/workspace-path';
import { canaryWithVerdict } from '../loadtest/service-verdict';
import { abortOnSignals } from '../process/abort-on-signals';
import { expectPositionals, parseCommandArgs, parseIntegerOption } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo canary';

const OPTIONS = {
  prometheus: { type: 'string' },
  canary: { type: 'string' },
  baseline: { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  step: { type: 'string' },
  'min-steps': { type: 'string' },
  'no-gate': { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
} as const;

export const canaryCommand = leafCommand({
  name: 'canary',
  summary: "compare a canary and a baseline deployment's CPU per request from Prometheus, with a gate",
  help: `Usage: ${COMMAND} <binary-dir> [options]

Compares a canary deployment (the PGO build) with its baseline from what Prometheus records of
both, with the canary section of <binary-dir>/pgo.yaml:
  1. runs /api/v1/query_range over the window (canary.from .. canary.until, every canary.step)
     for CPU and requests of each deployment: the templates canary.queries.cpu (default
     sum(rate(process_cpu_seconds_total{<selector>}[<step>]))) and canary.queries.requests
     (default sum(rate(http_requests_total{<selector>}[<step>]))), with <selector> the
     deployment's label matchers (canary.canary, canary.baseline) and <step> the step;
  2. divides CPU by requests at every step where both deployments have data, pairs the steps
     by timestamp, and takes the median of canary/baseline − 1 with its 95% interval, and
     Mann-Whitney U;
  3. applies canary.gates.cpuPerRequest (default 5%) and appends a row (kind: canary) to
     .pgo/history/<name>.jsonl.
It writes canary.json and report.html into --out, before a failed gate fails the command.

Credentials: PROMETHEUS_TOKEN (Bearer), or PROMETHEUS_BASIC_AUTH_USER and
PROMETHEUS_BASIC_AUTH_PASSWORD (Basic).

Options:
  --prometheus <url>    Prometheus's base URL (default canary.prometheus)
  --canary <matchers>   the canary's label matchers, e.g. 'job="api",track="canary"'
  --baseline <matchers> the baseline's label matchers
  --from <time>         window start: now, now-<n>s/m/h/d or RFC 3339 (default canary.from, now-1h)
  --until <time>        window end (default canary.until, now)
  --step <duration>     query step and rate window, e.g. 30s (default canary.step, 1m)
  --min-steps <n>       fewer paired steps fail the run (default canary.minSteps, 10; at least 6)
  --no-gate             report a breached gate without failing (recorded as not accepted)
  --out <dir>           output directory (default <root>/dist/pgo/<binary-dir>/canary)
  --json                print canary.json instead of the summary
  --root <dir>          the workspace root (default: the directory of the go.work above
                        <binary-dir>, else of its go.mod)

Exit codes: 0 the canary passed the gate (or --no-gate), 1 the gate failed or the comparison
could not be made (Prometheus unreachable, a query without data, too few steps), 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const given = {
      prometheus: values.prometheus,
      canary: values.canary,
      baseline: values.baseline,
      from: values.from,
      until: values.until,
      step: values.step,
      minSteps: values['min-steps'] === undefined ? undefined : parseIntegerOption(values['min-steps'], '--min-steps', 6, COMMAND),
    };
    const canary = { ...settings.canary, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
    const progress = { done: (line?: string): void => void (line === undefined || io.stderr.write(`${line}\n`)) };
    const { run, gateError } = await abortOnSignals((signal) =>
      canaryWithVerdict(
        {
          workspaceRoot: at.workspaceRoot,
          binaryDir: at.binaryDir,
          project: path.basename(at.binaryDir),
          settings: canary,
          profile: settings.profile,
          outputDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
          noGate: values['no-gate'],
          signal,
        },
        progress,
        (files) => `wrote ${workspaceRelative(at.workspaceRoot, files.json)} and ${path.basename(files.html)}`,
      ),
    );
    io.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : canarySummary(run));
    if (gateError !== undefined) throw gateError;
    return 0;
  },
});
