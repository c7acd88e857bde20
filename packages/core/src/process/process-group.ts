// Child processes that must not outlive the work that started them (kubectl port-forward, go test
// and the test binary it starts, the servers and load generators of a loadtest): each leads its
// own process group, and ending it signals the whole group by the leader's pid, never by name:
// SIGTERM, then SIGKILL after a grace period.
import execa from 'execa';

export const GRACE_MS = 2000;

export type GroupChild = execa.ExecaChildProcess<string>;

export interface SpawnGroupOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /**
   * Default true: execa keeps all output for the result. A long-running process (a server) sets
   * false and reads child.stdout/child.stderr itself, so its logs do not pile up in memory.
   */
  buffer?: boolean;
}

export function spawnGroup(file: string, args: string[], options: SpawnGroupOptions): GroupChild {
  const child = execa(file, args, { cwd: options.cwd, env: options.env, extendEnv: false, detached: true, stdin: 'ignore', buffer: options.buffer ?? true });
  // Exits and kills are handled through the events; an unobserved rejection would crash.
  child.catch(() => undefined);
  return child;
}

export function hasExited(child: GroupChild): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Ends the group led by `child` and waits for `child` to exit. Safe to call more than once. */
export async function endGroup(child: GroupChild, graceMs = GRACE_MS): Promise<void> {
  const pid = child.pid;
  // Once the leader is reaped its pid may be reused, so an exited group is not signalled.
  if (pid === undefined || hasExited(child)) return;
  signalGroup(pid, 'SIGTERM');
  if (!(await exited(child, graceMs))) {
    signalGroup(pid, 'SIGKILL');
    await exited(child, graceMs);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is gone already.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function exited(child: GroupChild, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
