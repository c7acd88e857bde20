// The environment of every benchmark child: this machine's PATH and Go caches (warm), its own
// HOME (Nx 24 keeps its task cache under ~/.nx, and refuses a home under /tmp), no Nx daemon,
// and nothing an outer npm/nx run leaks in.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GO_BUILD_VARIABLES = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS', 'GOWORK'];
const HOME_DERIVED_GO_VARIABLES = ['GOENV', 'GOCACHE', 'GOMODCACHE', 'GOPATH'];

export const benchHome = path.join(os.homedir(), '.cache', 'go-pgo-bench-graph', 'home');

export function benchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('NX_') || name.startsWith('npm_') || GO_BUILD_VARIABLES.includes(name)) continue;
    env[name] = value;
  }
  const goEnv = JSON.parse(execFileSync('go', ['env', '-json', ...HOME_DERIVED_GO_VARIABLES], { encoding: 'utf8' })) as Record<string, string>;
  mkdirSync(benchHome, { recursive: true });
  return {
    ...env,
    ...goEnv,
    HOME: benchHome,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    GOTOOLCHAIN: 'local',
    GIT_AUTHOR_NAME: 'go-pgo bench',
    GIT_AUTHOR_EMAIL: 'bench@go-pgo.invalid',
    GIT_COMMITTER_NAME: 'go-pgo bench',
    GIT_COMMITTER_EMAIL: 'bench@go-pgo.invalid',
  };
}
