// Programs the demo runs (Nx, go build) each lead their own process group, so that stopping one
// stops everything it started (Nx's task processes, the Go compiler) by the group's id, and a
// Ctrl-C in the terminal reaches the demo, which then stops them in order. Their output is
// streamed as it comes, each line indented under the demo's step line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface GroupRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written before each line the program prints. */
  indent: string;
  /** Receives every line, indented. */
  write: (line: string) => void;
}

export interface GroupResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Everything printed, stdout and stderr interleaved. */
  output: string;
}

/** How long a group gets to end after SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 5_000;

const running = new Set<ChildProcess>();

/** Runs `file` with `args` in a new process group and resolves when it exits. */
export function runInGroup(file: string, args: readonly string[], options: GroupRunOptions): Promise<GroupResult> {
  const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  const streams = [child.stdout, child.stderr].map(
    (stream) =>
      new Promise<void>((resolve) => {
        const reader = createInterface({ input: stream });
        reader.on('line', (line) => {
          lines.push(line);
          options.write(`${options.indent}${line}`);
        });
        reader.once('close', resolve);
      }),
  );
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      running.delete(child);
      void Promise.all(streams).then(() => resolve({ exitCode, signal, output: lines.join('\n') }));
    });
  });
}

/** Stops every group still running: SIGTERM, a grace period, then SIGKILL; resolves when each leader has exited. */
export async function stopGroups(): Promise<void> {
  await Promise.all([...running].map(stopGroup));
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), TERM_GRACE_MS).unref());
  await Promise.race([exited, timer]);
  // Also reaches what the leader started and left behind when it exited first.
  signalGroup(child, 'SIGKILL');
  await exited;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the whole group is gone already.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
