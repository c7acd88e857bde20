// The environment every e2e child process starts from: this machine's PATH and HOME (so the
// real Go build cache and npm cache are shared and warm), without anything the outer run leaks
// in that would change what Nx, npm or Go do.
import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nestedRunEnv } from '../../../tools/test-support/child-env';
import { run } from './run';

export function baseEnv(): NodeJS.ProcessEnv {
  return { ...nestedRunEnv(), FORCE_COLOR: '0' };
}

/** PATH with every directory that holds a `go` executable removed. */
export function pathWithoutGo(pathValue: string): string {
  return pathValue
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !isExecutable(path.join(dir, 'go')))
    .join(path.delimiter);
}

/** The `go` that PATH resolves to, as an absolute path. */
export function realGo(pathValue: string): string {
  for (const dir of pathValue.split(path.delimiter)) {
    const candidate = path.join(dir, 'go');
    if (dir !== '' && isExecutable(candidate)) return candidate;
  }
  throw new Error('Go toolchain not found on PATH: the e2e tests build real binaries; install Go 1.22 or newer.');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What Go derives from HOME; pinned so that a test's own HOME keeps this user's Go. */
const HOME_DERIVED_GO_VARIABLES = ['GOENV', 'GOCACHE', 'GOMODCACHE', 'GOPATH'] as const;

/**
 * Pins Go's user settings (GOENV, e.g. a GOFLAGS written by `go env -w`) and caches to this
 * user's, in process.env so that every worker inherits them. A warm GOCACHE keeps builds fast.
 */
export async function pinGoEnvironment(): Promise<void> {
  const env = baseEnv();
  const { stdout } = await run(realGo(env.PATH ?? ''), ['env', '-json', ...HOME_DERIVED_GO_VARIABLES], {
    cwd: os.tmpdir(),
    env,
  });
  const values = JSON.parse(stdout) as Record<string, string>;
  for (const name of HOME_DERIVED_GO_VARIABLES) process.env[name] = values[name];
}
