// The environment for a nested Nx/npm/go run (e2e workspaces, the demo's scratch copy): this
// machine's PATH and HOME (so Go's and npm's caches stay warm), without what an outer run leaks
// in that would steer Nx, npm or go build elsewhere.

/** Variables that are inputs of pgo-build: callers set them explicitly when they mean to. */
export const GO_BUILD_VARIABLES = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS', 'GOWORK'];

export function nestedRunEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // NX_* from an outer `nx test` would point Nx at the wrong workspace or cache; npm_* from
    // `npm test` would steer the nested npm.
    if (name.startsWith('NX_') || name.startsWith('npm_') || GO_BUILD_VARIABLES.includes(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    // Example and fixture go lines are older than the installed Go: never download a toolchain.
    GOTOOLCHAIN: 'local',
  };
}
