// `go-pgo turbo init|check`: the go-pgo tasks for Turborepo (or plain npm workspaces), one
// workspace package per Go binary with its exact build inputs.
import path from 'node:path';
import { plural } from '../text/format';
import { turboInit, type TurboInitResult } from '../turbo/turbo-init';
import { TurboConfigError } from '../turbo/turbo-error';
import { expectPositionals, parseCommandArgs } from './args';
import { commandGroup, leafCommand, type CliIo } from './command';

const INIT = 'go-pgo turbo init';
const CHECK = 'go-pgo turbo check';

const ROOT_OPTION = { root: { type: 'string' } } as const;

const WHAT = `For every Go binary (a cmd/<name> directory of package main in a module of go.work or
any go.mod under the root) it manages:
  package.json            the binary's directory in "workspaces" (unless a glob covers it),
                          and "packageManager" (npm@<npm --version>) when missing, which
                          Turborepo requires
  turbo.json              tasks pgo-build, pgo-build:off (uncached), pgo-verify (after
                          pgo-build), pgo-validate, and pgo-bench / pgo-capture (uncached)
                          when a pgo.yaml configures them: the environment that changes a
                          build (GOOS, GOARCH, GOAMD64, CGO_ENABLED, GOFLAGS, GOEXPERIMENT,
                          GOTOOLCHAIN) and Go's caches passed through
  <binary>/package.json   scripts that run go-pgo from the binary's directory
  <binary>/turbo.json     extends the root; the inputs of the binary's tasks: the Go files of
                          every package of its import closure (for the GOOS/GOARCH and tags
                          'go env' reports), go.mod/go.sum of the modules the build loads,
                          go.work, the profile and pgo.yaml ($TURBO_ROOT$/... outside the
                          binary's directory); outputs: dist/go/<binary-dir>/<name> and its
                          .build.json, dist/pgo/<binary-dir>/bench
Keys it does not manage are kept; a file that would not change is not rewritten.`;

export const turboInitCommand = leafCommand({
  name: 'init',
  summary: 'write package.json and turbo.json files so Turborepo runs and caches go-pgo per binary',
  help: `Usage: ${INIT} [--root <dir>] [--dry-run]

Makes every Go binary of the repository a Turborepo workspace package whose tasks run go-pgo,
cached on exactly what the build reads: turbo run pgo-build builds every binary with its
profile, and a second run with nothing changed is a cache hit.

${WHAT}

Import closures change with the code: run it again after changing imports or adding a binary
(${CHECK} fails in CI when the files are stale). The scripts call go-pgo from the root's
node_modules/.bin: install it at the root (npm install -D @go-pgo/core turbo), and run npm
install after init adds workspaces. Needs Turborepo 2.4 or newer ($TURBO_ROOT$ in globs).

Options:
  --root <dir>    the repository root, holding package.json (default: the current directory)
  --dry-run       list the files it would create or update, and write nothing
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...ROOT_OPTION, 'dry-run': { type: 'boolean' } }, INIT);
    expectPositionals(positionals, { min: 0, max: 0 }, 'nothing', INIT);
    const result = await turboInit({ root: path.resolve(io.cwd, values.root ?? '.'), dryRun: values['dry-run'] === true });
    printResult(result, io);
    return 0;
  },
});

export const turboCheckCommand = leafCommand({
  name: 'check',
  summary: 'fail when the files go-pgo turbo init writes are missing or stale',
  help: `Usage: ${CHECK} [--root <dir>]

Plans what ${INIT} would write and fails (exit 1) when any file would change: a binary was
added, imports changed a closure, or pgo.yaml enabled another task. Writes nothing. Run it in
CI so that Turborepo never caches a build on stale inputs.

Options:
  --root <dir>    the repository root, holding package.json (default: the current directory)
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, ROOT_OPTION, CHECK);
    expectPositionals(positionals, { min: 0, max: 0 }, 'nothing', CHECK);
    const result = await turboInit({ root: path.resolve(io.cwd, values.root ?? '.'), dryRun: true });
    if (result.files.length > 0) {
      throw new TurboConfigError(
        `the Turborepo files of ${plural(result.files.length, 'file')} are stale (${result.files.map((f) => f.file).join(', ')}): run ${INIT} and commit the result`,
      );
    }
    io.stdout.write(`${CHECK}: the files of ${binaries(result.binaries.length)} are up to date\n`);
    return 0;
  },
});

export const turboCommand = commandGroup({
  path: 'go-pgo turbo',
  name: 'turbo',
  summary: 'generate and check Turborepo tasks (package.json, turbo.json) for every binary',
  commands: [turboInitCommand, turboCheckCommand],
});

function binaries(count: number): string {
  return count === 1 ? '1 binary' : `${count} binaries`;
}

function printResult(result: TurboInitResult, io: CliIo): void {
  const verb = (action: 'create' | 'update'): string => (result.written ? `${action}d` : `would ${action}`);
  const lines = [`${INIT}: ${binaries(result.binaries.length)}: ${result.binaries.map((b) => `${b.dir} (${result.packages.get(b.dir)})`).join(', ')}`];
  if (result.files.length === 0) lines.push('  every file is up to date');
  for (const file of result.files) lines.push(`  ${verb(file.action).padEnd(12)} ${file.file}`);
  if (!result.written) lines.push('dry run: nothing written');
  else if (result.files.length > 0) lines.push(...result.notes.map((note) => `note: ${note}`));
  io.stdout.write(`${lines.join('\n')}\n`);
}
