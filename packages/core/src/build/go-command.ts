// Runs the go command through execa with an argument array (never a shell string). Failures
// become a GoCommandError: go missing from PATH, or go exiting non-zero with its first message.
import { GoPgoError } from '../errors/go-pgo-error';
import { existsSync } from 'node:fs';
import execa from 'execa';

export type GoCommandErrorCode = 'go-not-found' | 'no-directory' | 'go-failed';

export class GoCommandError extends GoPgoError {
  override readonly name = 'GoCommandError';

  constructor(
    readonly code: GoCommandErrorCode,
    /** undefined when go did not start or was killed by a signal. */
    readonly exitCode: number | undefined,
    /** All go printed on stderr. */
    readonly stderr: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface GoRunOptions {
  /** Directory go runs in: it finds go.mod and go.work from there. */
  cwd: string;
  /** Variables set on top of this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Receives go's stdout and stderr as they come, for commands whose output a person watches. */
  onOutput?: (chunk: string) => void;
}

/** Runs `go <args>` and returns its stdout (final newline stripped). */
export async function runGo(args: string[], options: GoRunOptions): Promise<string> {
  const child = execa('go', args, { cwd: options.cwd, env: options.env, extendEnv: true, stdin: 'ignore' });
  const onOutput = options.onOutput;
  if (onOutput) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', onOutput);
    }
  }
  try {
    return (await child).stdout;
  } catch (error) {
    throw toGoCommandError(args, options.cwd, error as execa.ExecaError);
  }
}

function toGoCommandError(args: string[], cwd: string, error: execa.ExecaError): GoCommandError {
  const command = `go ${args[0] ?? ''}`.trim();
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    // Node reports a missing working directory as the program missing: tell them apart.
    if (!existsSync(cwd)) {
      return new GoCommandError('no-directory', undefined, '', `${command}: cannot run in ${cwd}: the directory does not exist`, { cause: error });
    }
    return new GoCommandError(
      'go-not-found',
      undefined,
      '',
      `${command}: the go command was not found on PATH: install Go (https://go.dev/dl/) and put its bin directory on PATH`,
      { cause: error },
    );
  }
  const stderr = error.stderr ?? '';
  const how = error.signal ? `was killed by ${error.signal}` : error.exitCode === undefined ? `did not run (${error.shortMessage})` : `exited with ${error.exitCode}`;
  const said = firstMessage(stderr);
  return new GoCommandError('go-failed', error.exitCode, stderr, `${command} ${how}${said ? `: ${said}` : ''}`, { cause: error });
}

/** go's first line that is not a `# package` heading: the one that says what went wrong. */
function firstMessage(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('#'));
}
