// Runs git through execa with an argument array, in a given directory. Failures become a
// GitError naming the git subcommand and git's own first line of complaint.
import execa from 'execa';
import { GitError } from './git-error';

export interface GitOptions {
  /** Directory git runs in (inside the repository). */
  cwd: string;
  /** The whole environment git sees; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `git <args>`; stdout with its final newline stripped. Throws a GitError on a non-zero exit. */
export async function git(args: string[], options: GitOptions): Promise<string> {
  const result = await gitResult(args, options);
  if (result.exitCode !== 0) throw new GitError(`git ${args[0] ?? ''} failed in ${options.cwd}: ${firstLine(result.stderr) ?? `exit code ${result.exitCode}`}`);
  return result.stdout;
}

/** `git <args>` whose non-zero exit the caller interprets (a missing ref, a conflicting revert). */
export async function gitResult(args: string[], options: GitOptions): Promise<GitResult> {
  const result = await execa('git', args, { cwd: options.cwd, env: options.env ?? process.env, extendEnv: false, reject: false, stdin: 'ignore' });
  if (result.exitCode === undefined) {
    // Not started (git missing, or cwd gone) or killed: no exit code to interpret.
    const missing = (result as unknown as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GitError(
      missing
        ? `git ${args[0] ?? ''}: the git command was not found on PATH (or ${options.cwd} does not exist): install git`
        : `git ${args[0] ?? ''} did not finish (${result.signal ?? result.command})`,
    );
  }
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** git's first non-empty line of stderr, without a leading `fatal: `/`error: `. */
export function firstLine(stderr: string): string | undefined {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('hint:'));
  return line?.replace(/^(fatal|error): /, '');
}
