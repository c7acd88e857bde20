// `go-pgo verify <binary>`: pgo-verify for teams without Nx.
import path from 'node:path';
import { locateBinary } from '../build/locate-binary';
import { locateProfile } from '../config/resolve-profile';
import { verifyPgo } from '../verify/verify-pgo';
import { expectPositionals, parseCommandArgs, UsageError } from './args';
import { leafCommand } from './command';

const COMMAND = 'go-pgo verify';

const OPTIONS = {
  'profile-configured': { type: 'boolean' },
  source: { type: 'string' },
} as const;

export const verifyCommand = leafCommand({
  name: 'verify',
  summary: 'check with go version -m that a built binary carries PGO',
  help: `Usage: ${COMMAND} <binary> [--profile-configured | --source <binary-dir>]

Reads the build settings of <binary> with 'go version -m' and prints its -pgo= setting. When a
profile is configured for the binary and the settings have no -pgo= (it was built with
-pgo=off, or restored from a cache made before the profile existed), it fails.

Options:
  --profile-configured     a profile is configured: fail unless the binary has a -pgo= setting
  --source <binary-dir>    the binary's cmd/<name> directory: a profile is configured when its
                           pgo.yaml names one or its default.pgo exists, and -pgo= must name
                           that file

With neither, no profile is expected: it passes and says so.
Exit codes: 0 verified, 1 the binary lacks PGO or cannot be read, 2 wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the binary to verify', COMMAND);
    if (values['profile-configured'] && values.source !== undefined) {
      throw new UsageError('give --profile-configured or --source, not both', COMMAND);
    }
    const binary = path.resolve(io.cwd, positionals[0]!);
    const expected = values.source === undefined ? undefined : await configuredFor(values.source, io.cwd);
    const { message } = await verifyPgo({
      binary,
      workspaceRoot: expected?.workspaceRoot ?? io.cwd,
      profileConfigured: expected?.profile !== undefined || values['profile-configured'] === true,
      profile: expected?.profile,
      rebuildCommand: `go-pgo build ${values.source ?? '<its cmd/<name> directory>'}`,
    });
    io.stdout.write(`${message}\n`);
    return 0;
  },
});

/** The workspace of a binary directory, and its profile when one is configured or present. */
async function configuredFor(dir: string, cwd: string): Promise<{ workspaceRoot: string; profile: string | undefined }> {
  const { workspaceRoot, binaryDir } = await locateBinary(dir, { cwd });
  const location = await locateProfile({ workspaceRoot, binaryDir });
  return { workspaceRoot, profile: location.configured || location.exists ? location.path : undefined };
}
