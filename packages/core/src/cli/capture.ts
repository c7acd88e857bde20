// `go-pgo capture <binary-dir>`: pgo-capture for teams without Nx. Profiles every instance of
// the binary's configured sources (or ad-hoc --url endpoints) and writes the profiles and a
// manifest under .pgo/captures/<project>/<UTC timestamp>/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { CaptureError } from '../capture/capture-error';
import { captureSummary } from '../capture/capture-summary';
import { DEFAULT_PPROF_PATH } from '../capture/http';
import type { CaptureManifest } from '../capture/manifest-types';
import { runCapture, type CaptureResult } from '../capture/run-capture';
import { loadPgoSettings } from '../config/load-settings';
import type { CaptureSettings } from '../config/pgo-settings';
import { abortOnSignals } from '../process/abort-on-signals';
import { expectPositionals, parseCommandArgs, parseFraction, parseIntegerOption, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo capture';

const OPTIONS = {
  seconds: { type: 'string' },
  url: { type: 'string', multiple: true },
  quorum: { type: 'string' },
  out: { type: 'string' },
  project: { type: 'string' },
  json: { type: 'boolean' },
  root: { type: 'string' },
} as const;

export const captureCommand = leafCommand({
  name: 'capture',
  summary: 'capture CPU profiles of a binary from its configured sources',
  help: `Usage: ${COMMAND} <binary-dir> [options]

Profiles every instance of the sources in <binary-dir>/pgo.yaml (capture.sources: http,
kubernetes, pyroscope, parca, gcp, file, bench) in parallel, each live instance for the same
capture.seconds, and writes the profiles that check out (a Go CPU profile covering about the
seconds asked for) with a manifest.json (what was asked of whom, what came back, why anything
failed) to <out>/<UTC timestamp>/. The committed profile is not touched: merge and validate
the capture next.

Fails (exit 1) when fewer than capture.quorum of the instances succeed; the manifest is written
then too, and the message names it. Ctrl-C stops every capture, ends kubectl port-forwards and
writes the manifest.

Options:
  --seconds <n>      profile each live instance for n seconds (default capture.seconds, 30)
  --url <url>        profile this net/http/pprof endpoint instead of the configured sources
                     (repeatable), e.g. --url http://10.0.0.5:6060
  --quorum <q>       fraction of instances that must succeed, e.g. 0.6 or 60%
  --out <dir>        where the timestamped capture directory goes
                     (default <root>/.pgo/captures/<project>)
  --project <name>   the project name (default the binary directory's name)
  --json             print the manifest as JSON (also when the quorum is missed)
  --root <dir>       the workspace root (default: the directory of the go.work above
                     <binary-dir>, else of its go.mod)
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const settings = await loadPgoSettings(at);
    const capture: CaptureSettings = {
      ...settings.capture,
      ...(values.seconds === undefined ? {} : { seconds: parseIntegerOption(values.seconds, '--seconds', 1, COMMAND) }),
      ...(values.quorum === undefined ? {} : { quorum: parseQuorum(values.quorum) }),
      ...(values.url === undefined ? {} : { sources: [{ kind: 'http', name: 'http', urls: values.url, path: DEFAULT_PPROF_PATH }] }),
    };
    const project = values.project ?? path.basename(at.binaryDir);
    let result: CaptureResult;
    try {
      result = await abortOnSignals((signal) => runCapture({
        project,
        settings: capture,
        context: { workspaceRoot: at.workspaceRoot, binaryDir: at.binaryDir, moduleRoot: at.moduleRoot },
        outputRoot: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
        signal,
        progress: { stream: io.stderr, tty: (io.stderr as { isTTY?: boolean }).isTTY === true },
        log: (line) => io.stderr.write(`${line}\n`),
      }));
    } catch (error) {
      // With --json, CI gets the manifest of a failed run on stdout too.
      if (values.json && error instanceof CaptureError && error.manifest !== undefined) {
        io.stdout.write(manifestJson(error.manifest, JSON.parse(await readFile(error.manifest, 'utf8')) as CaptureManifest));
      }
      throw error;
    }
    if (values.json) {
      io.stdout.write(manifestJson(result.manifestFile, result.manifest));
    } else {
      io.stdout.write(`${captureSummary(result, at.workspaceRoot)}\n`);
    }
    return 0;
  },
});

/** The manifest with the path of its file, for scripts. */
function manifestJson(manifestFile: string, manifest: CaptureManifest): string {
  return `${JSON.stringify({ manifestFile, ...manifest }, null, 2)}\n`;
}

function parseQuorum(value: string): number {
  const quorum = parseFraction(value);
  if (!(quorum > 0 && quorum <= 1)) throw new UsageError(`--quorum must be a fraction in (0, 1] like 0.6 or 60%, got '${value}'`, COMMAND);
  return quorum;
}
