// The go-pgo command line. `main` never exits the process and never throws: it returns the exit
// code, so bin/go-pgo.js stays a one-liner and tests run every command in process.
//
// Exit codes: 0 success; 1 the input or output is unusable (one line on stderr naming the file
// and what to do) or an unexpected failure (with its stack); 2 the command line is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MergeError, ProfileFormatError, TransformError } from '@go-pgo/pprof';
import { GoPgoError } from '../errors/go-pgo-error';
import { UsageError } from './args';
import { commandGroup, lazyCommand, type CliIo } from './command';
import type { TextSink } from '../text/text-sink';

/** The top-level commands; each loads its module only when dispatched. Exported for its spec. */
export const COMMANDS = [
  lazyCommand({ name: 'build', summary: 'build a cmd/<name> binary with its PGO profile, and write a build report', load: async () => (await import('./build')).buildCommand }),
  lazyCommand({ name: 'verify', summary: 'check with go version -m that a built binary carries PGO', load: async () => (await import('./verify')).verifyCommand }),
  lazyCommand({ name: 'capture', summary: 'capture CPU profiles of a binary from its configured sources', load: async () => (await import('./capture')).captureCommand }),
  lazyCommand({ name: 'merge', summary: 'merge a capture directory into one candidate profile, with a JSON summary', load: async () => (await import('./merge')).mergeCommand }),
  lazyCommand({ name: 'validate', summary: "check a binary's profile against its thresholds and the current source", load: async () => (await import('./validate')).validateCommand }),
  lazyCommand({ name: 'bench', summary: "A/B benchmark a binary's packages with -pgo=off and with its profile, with gates", load: async () => (await import('./bench')).benchCommand }),
  lazyCommand({ name: 'loadtest', summary: 'A/B the service binary itself under load: -pgo=off against its profile, CPU per request, with gates', load: async () => (await import('./loadtest')).loadtestCommand }),
  lazyCommand({ name: 'canary', summary: "compare a canary and a baseline deployment's CPU per request from Prometheus, with a gate", load: async () => (await import('./canary')).canaryCommand }),
  lazyCommand({ name: 'refresh', summary: 'capture, merge, validate and compare a new profile; replace the committed one, with PR text', load: async () => (await import('./refresh')).refreshCommand }),
  lazyCommand({ name: 'rollback', summary: "revert the last commit that changed a binary's profile", load: async () => (await import('./rollback')).rollbackCommand }),
  lazyCommand({ name: 'roi', summary: "estimate PGO's monthly savings for a binary's fleet, payback and a recommendation", load: async () => (await import('./roi')).roiCommand }),
  lazyCommand({ name: 'turbo', summary: 'generate and check Turborepo tasks (package.json, turbo.json) for every binary', load: async () => (await import('./turbo')).turboCommand }),
  lazyCommand({ name: 'profile', summary: 'inspect, merge, compact, rename and sanitize pprof profiles', load: async () => (await import('./profile/profile-command')).profileCommand }),
];

const root = commandGroup({
  path: 'go-pgo',
  name: 'go-pgo',
  summary: 'Go profile-guided optimization as release engineering.',
  commands: COMMANDS,
  footer: `Options:
  -h, --help     show help (also after any command)
  --version      print the go-pgo version

Exit codes: 0 success, 1 unusable input or output (or an internal error), 2 wrong usage.`,
});

export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
  };
  try {
    if (argv[0] === '--version') {
      full.stdout.write(`${version()}\n`);
      return 0;
    }
    return await root.run(argv, full);
  } catch (error) {
    return report(error, full.stderr);
  }
}

function report(error: unknown, stderr: TextSink): number {
  if (error instanceof UsageError) {
    stderr.write(`${error.command}: ${error.message}\nRun '${error.command} --help' for usage.\n`);
    return 2;
  }
  if (isExpected(error)) {
    // One line, whatever the message holds: scripts grep it and people read it in CI logs.
    stderr.write(`go-pgo: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
  stderr.write(`go-pgo: internal error, please report it with the command line you ran:\n${stackOf(error)}\n`);
  return 1;
}

function isExpected(error: unknown): error is Error {
  return (
    error instanceof GoPgoError ||
    // Commands add the file name to these; should one escape without it, it is still no crash.
    error instanceof ProfileFormatError ||
    error instanceof MergeError ||
    error instanceof TransformError
  );
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** From package.json, which sits two levels up from both src/cli and dist/cli. */
function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
