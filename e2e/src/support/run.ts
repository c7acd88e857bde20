// Runs an external program with an argument array (never a shell string) and keeps everything
// it printed, so a failing e2e step shows the command, where it ran and what it said.
import execa from 'execa';

export interface RunOptions {
  cwd: string;
  /** The complete environment of the child: nothing is inherited implicitly. */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Resolve with the result on a nonzero exit instead of throwing (for expected failures). */
  allowFailure?: boolean;
}

export interface RunResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as printed. */
  output: string;
  ms: number;
}

const DEFAULT_TIMEOUT_MS = 300_000;
/** Enough of a failing command's output to see why, without flooding the Jest report. */
const SHOWN_OUTPUT_CHARS = 6000;

export async function run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const spawned = execa(file, [...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    all: true,
    reject: false,
    stripFinalNewline: false,
  });
  // Our own timer rather than execa's `timeout`, which execa 5 leaves running when the
  // program cannot be started (ENOENT), holding Jest open for the whole timeout.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    spawned.kill('SIGKILL');
  }, timeoutMs);
  const child = await spawned.finally(() => clearTimeout(timer));
  const result: RunResult = {
    command: [file, ...args].join(' '),
    exitCode: child.exitCode,
    stdout: child.stdout,
    stderr: child.stderr,
    output: child.all ?? `${child.stdout}${child.stderr}`,
    ms: Date.now() - started,
  };
  const failure = timedOut
    ? `timed out after ${timeoutMs} ms`
    : child.signal
      ? `was killed by ${child.signal}`
      : child.exitCode === undefined
        ? `could not start: ${(child as execa.ExecaError).shortMessage}`
        : child.exitCode !== 0 && !options.allowFailure
          ? `exited with ${child.exitCode}`
          : undefined;
  if (failure) throw new Error(formatRun(result, options.cwd, failure));
  return result;
}

/** The command, where it ran, what happened and the end of its output: for failure messages. */
export function formatRun(result: RunResult, cwd: string, what = `exited with ${result.exitCode}`): string {
  const output = result.output.length > SHOWN_OUTPUT_CHARS ? `…${result.output.slice(-SHOWN_OUTPUT_CHARS)}` : result.output;
  return `\`${result.command}\` (in ${cwd}) ${what}\n--- output ---\n${output.trimEnd()}\n--- end of output ---`;
}
