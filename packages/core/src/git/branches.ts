// What is checked out, and moving between branches: enough to make a branch for a commit and
// to put the original checkout back when anything fails before the commit.
import { git, gitResult, type GitOptions } from './run-git';
import { GitError } from './git-error';

/** The branch checked out (undefined when HEAD is detached) and its commit. */
export interface Checkout {
  branch: string | undefined;
  commit: string;
}

export async function currentCheckout(options: GitOptions): Promise<Checkout> {
  const head = await gitResult(['rev-parse', '--verify', '--quiet', 'HEAD'], options);
  if (head.exitCode !== 0) throw new GitError(`${options.cwd}: the repository has no commit yet: commit the workspace first`);
  const branch = await gitResult(['symbolic-ref', '--quiet', '--short', 'HEAD'], options);
  return { branch: branch.exitCode === 0 ? branch.stdout.trim() : undefined, commit: head.stdout.trim() };
}

export async function branchExists(name: string, options: GitOptions): Promise<boolean> {
  return (await gitResult(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`], options)).exitCode === 0;
}

/** Creates `name` at HEAD and checks it out; the work tree and index are carried over as they are. */
export async function createBranch(name: string, options: GitOptions): Promise<void> {
  await git(['switch', '--quiet', '--create', name], options);
}

/** Checks out `checkout` again: its branch, or its commit when it was detached. */
export async function restoreCheckout(checkout: Checkout, options: GitOptions): Promise<void> {
  await git(checkout.branch === undefined ? ['switch', '--quiet', '--detach', checkout.commit] : ['switch', '--quiet', checkout.branch], options);
}

export async function deleteBranch(name: string, options: GitOptions): Promise<void> {
  await git(['branch', '--quiet', '-D', name], options);
}
