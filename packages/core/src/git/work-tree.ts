// Whether the work tree is clean enough for go-pgo to commit or revert in it. Two questions:
// does anything touch the files we are about to change (untracked counts: a stray sidecar
// would be swept into our commit), and does anything else tracked have uncommitted changes
// (it would ride along into, or conflict with, our commit or revert). Untracked files elsewhere
// are left alone: neither `git commit <our files>` nor `git revert` reads them.
import { git, type GitOptions } from './run-git';
import { GitError } from './git-error';

/** The repository's top-level directory; a clear error outside a git repository. */
export async function repositoryRoot(options: GitOptions): Promise<string> {
  try {
    return await git(['rev-parse', '--show-toplevel'], options);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new GitError(`${options.cwd}: not inside a git repository (${error.message}): run it in a clone of the repository`, { cause: error });
  }
}

/**
 * Paths with uncommitted changes (staged, unstaged, or untracked when `untracked`), as git
 * prints them (relative to the repository root); limited to `pathspecs` when given.
 */
export async function uncommittedPaths(options: GitOptions, query: { pathspecs?: string[]; untracked: boolean }): Promise<string[]> {
  const args = ['status', '--porcelain=v1', '-z', `--untracked-files=${query.untracked ? 'all' : 'no'}`];
  const out = await git(query.pathspecs === undefined ? args : [...args, '--', ...query.pathspecs], options);
  const fields = out.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename or copy is followed by its original path in the next field.
    if (/^[RC]|^.[RC]/.test(entry)) i++;
  }
  return paths;
}

/**
 * Refuses (GitError) when `files` have any uncommitted change, or any other tracked file has;
 * `action` names what needs the clean tree ("pgo-refresh --commit").
 */
export async function assertCleanWorkTree(options: GitOptions, files: string[], action: string): Promise<void> {
  const ours = await uncommittedPaths(options, { pathspecs: files, untracked: true });
  if (ours.length > 0) {
    throw new GitError(`${ours.join(', ')}: uncommitted changes to the files ${action} would change: commit or discard them first`);
  }
  const others = await uncommittedPaths(options, { untracked: false });
  if (others.length > 0) {
    const listed = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
    throw new GitError(`the work tree has uncommitted changes (${listed}): ${action} needs a clean tree; commit or stash them first`);
  }
}
