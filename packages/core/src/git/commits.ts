// Commits of a few paths: making one, finding the last one that touched them, reading what it
// was, and reverting it without leaving a half-done revert behind.
import { git, gitResult, firstLine, type GitOptions } from './run-git';
import { GitError } from './git-error';

export interface CommitInfo {
  sha: string;
  subject: string;
  /** Files the commit changed, relative to the repository root. */
  files: string[];
}

/** Stages exactly `paths` and commits them with `message`; returns the new commit's sha. */
export async function commitPaths(paths: string[], message: string, options: GitOptions): Promise<string> {
  await git(['add', '--', ...paths], options);
  await git(['commit', '--quiet', '-m', message], options);
  return (await git(['rev-parse', 'HEAD'], options)).trim();
}

/** The newest commit reachable from HEAD that changed any of `paths`, or undefined. */
export async function lastCommitOf(paths: string[], options: GitOptions): Promise<string | undefined> {
  const sha = (await git(['log', '-n', '1', '--format=%H', '--', ...paths], options)).trim();
  return sha === '' ? undefined : sha;
}

export async function commitInfo(sha: string, options: GitOptions): Promise<CommitInfo> {
  const subject = (await git(['show', '-s', '--format=%s', sha], options)).trim();
  const files = (await git(['show', '--name-only', '--no-renames', '--format=', sha], options)).split('\n').filter((line) => line !== '');
  return { sha, subject, files };
}

/**
 * `git revert --no-edit <sha>`; on failure (a conflict with later changes) the revert is aborted,
 * so the work tree, index and HEAD are as before, and a GitError says so.
 */
export async function revertCommit(sha: string, options: GitOptions): Promise<string> {
  const result = await gitResult(['revert', '--no-edit', sha], options);
  if (result.exitCode === 0) return (await git(['rev-parse', 'HEAD'], options)).trim();
  const inProgress = (await gitResult(['rev-parse', '--verify', '--quiet', 'REVERT_HEAD'], options)).exitCode === 0;
  if (inProgress) await git(['revert', '--abort'], options);
  const why = firstLine(result.stderr) ?? firstLine(result.stdout) ?? `exit code ${result.exitCode}`;
  throw new GitError(
    `git revert ${sha.slice(0, 12)} failed (${why})${inProgress ? '; the revert was aborted and nothing changed' : ''}: resolve it by hand with git revert ${sha.slice(0, 12)}`,
  );
}
