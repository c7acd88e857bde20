// The build the graph is inferred for, as `go build` run from this environment would see it:
// GOOS, GOARCH, their level variable and CGO_ENABLED from the environment (unset GOOS/GOARCH
// mean this machine's platform, as for the go command), and the build tags of the plugin
// options, else GOFLAGS' -tags (a -tags flag on the command line overrides GOFLAGS).
import os from 'node:os';
import { buildContextOptionsFromEnv, type BuildContextOptions } from '@go-pgo/core/graph';

/** Node's names for platforms whose GOOS/GOARCH differ. */
const GOOS_OF_PLATFORM: Partial<Record<NodeJS.Platform, string>> = { win32: 'windows', sunos: 'solaris' };
const GOARCH_OF_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', mipsel: 'mipsle' };

export function buildOptionsFor(env: NodeJS.ProcessEnv, tags: readonly string[] | undefined): BuildContextOptions {
  // The host fills in before the level variable is picked: GOARM64 matters on an arm64 host.
  const options = buildContextOptionsFromEnv({
    ...env,
    GOOS: env['GOOS'] || (GOOS_OF_PLATFORM[process.platform] ?? process.platform),
    GOARCH: env['GOARCH'] || hostGoarch(),
  });
  if (tags !== undefined) options.tags = tags;
  return options;
}

function hostGoarch(): string {
  const arch = GOARCH_OF_ARCH[process.arch] ?? process.arch;
  return arch === 'ppc64' && os.endianness() === 'LE' ? 'ppc64le' : arch;
}
