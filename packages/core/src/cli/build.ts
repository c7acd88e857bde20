// `go-pgo build <binary-dir>`: pgo-build for teams without Nx (Turborepo, plain CI scripts).
import path from 'node:path';
import { buildSummary } from '../build/build-report';
import { goBuild } from '../build/go-build';
import { locateBinary } from '../build/locate-binary';
import { defaultOffOutputPath, defaultOutputPath } from '../build/output-paths';
import { workspaceRelative } from '../config/workspace-path';
import { expectPositionals, parseCommandArgs, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo build';

const OPTIONS = {
  off: { type: 'boolean' },
  profile: { type: 'string' },
  ldflags: { type: 'string' },
  tags: { type: 'string', multiple: true },
  goos: { type: 'string' },
  goarch: { type: 'string' },
  output: { type: 'string', short: 'o' },
  root: { type: 'string' },
} as const;

export const buildCommand = leafCommand({
  name: 'build',
  summary: 'build a cmd/<name> binary with its PGO profile, and write a build report',
  help: `Usage: ${COMMAND} <binary-dir> [options] [-- <go build flags>]

Builds the Go binary whose main package is <binary-dir> (a cmd/<name> directory):
  go build -trimpath -pgo=<profile> -o <output> ./<package>
run in the binary's module, then writes <output>.build.json next to it (binary size and
sha256, build seconds, Go version, GOOS/GOARCH, profile path and sha256, the command).

The profile is --profile when given, else the "profile:" of <binary-dir>/pgo.yaml, else
<binary-dir>/default.pgo when it exists; with none of them the binary is built without PGO.
A profile that is given or configured but missing, or that go build -pgo cannot use, is an
error before go build runs.

Options:
  --off                  build the -pgo=off baseline
  --profile <file>       the profile to build with
  --ldflags=<flags>      go build -ldflags (write it with '=': its value starts with '-')
  --tags <a,b>           build tags (comma-separated, repeatable)
  --goos <os>            target GOOS; for windows the binary gets '.exe'
  --goarch <arch>        target GOARCH
  -o, --output <file>    the binary (default <root>/dist/go/<binary-dir>/<name>; with --off
                         <root>/dist/go/<binary-dir>/off/<name>, so both builds can exist)
  --root <dir>           the workspace root: report paths are relative to it, and pgo.yaml may
                         not name a profile outside it (default: the directory of the go.work
                         above <binary-dir>, else of its go.mod)
  -- <flags>             more go build flags, e.g. -- -race; -o and -pgo are refused
`,
  async run(argv, io) {
    const dash = argv.indexOf('--');
    const { values, positionals } = parseCommandArgs(dash < 0 ? argv : argv.slice(0, dash), OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary directory', COMMAND);
    if (values.off && values.profile !== undefined) {
      throw new UsageError('--off builds without a profile: give --off or --profile, not both', COMMAND);
    }
    const resolve = (file: string | undefined): string | undefined => (file === undefined ? undefined : path.resolve(io.cwd, file));
    const at = await locateBinary(positionals[0]!, { cwd: io.cwd, workspaceRoot: values.root });
    const defaultPath = values.off ? defaultOffOutputPath : defaultOutputPath;
    const output = resolve(values.output) ?? path.join(at.workspaceRoot, defaultPath(workspaceRelative(at.workspaceRoot, at.binaryDir)));
    const { report } = await goBuild({
      workspaceRoot: at.workspaceRoot,
      moduleRoot: at.moduleRoot,
      pkg: at.pkg,
      outputPath: output,
      profile: resolve(values.profile),
      pgo: values.off ? 'off' : 'auto',
      ldflags: values.ldflags,
      tags: values.tags?.flatMap((list) => list.split(',')).filter((tag) => tag !== ''),
      goos: values.goos,
      goarch: values.goarch,
      extraFlags: dash < 0 ? [] : argv.slice(dash + 1),
      log: { info: (line) => io.stderr.write(`${line}\n`), output: (chunk) => io.stderr.write(chunk) },
    });
    io.stdout.write(`${buildSummary(report)}\n`);
    return 0;
  },
});
