// pgo-rollback: undo the last change of a binary's profile with one revert. The commit is the
// newest one that changed the profile or its sidecar (`git log -n 1 -- <profile> <sidecar>`);
// it is reverted with `git revert --no-edit`. A dirty work tree is refused up front, a revert
// that conflicts is aborted, so either the revert commit exists or nothing changed.
import { workspaceRelative } from '../config/workspace-path';
import { commitInfo, lastCommitOf, revertCommit, type CommitInfo } from '../git/commits';
import { GitError } from '../git/git-error';
import { gitResult, type GitOptions } from '../git/run-git';
import { assertCleanWorkTree, repositoryRoot } from '../git/work-tree';
import { sidecarFile } from '../refresh/sidecar';

export interface RollbackProfileOptions {
  /** Absolute. */
  workspaceRoot: string;
  /** The committed profile (absolute). */
  profile: string;
  /** Say what would be reverted; change nothing. */
  dryRun?: boolean;
  /** The environment git runs with; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface RollbackResult {
  /** The commit reverted (or, with dryRun, to be reverted). */
  target: CommitInfo;
  /** The revert commit's sha; undefined with dryRun. */
  revert: string | undefined;
  /** The profile does not exist once reverted: the binary builds without PGO. */
  removesProfile: boolean;
  /** `target` is itself a revert: reverting it re-applies the commit it undid. */
  undoesRevert: boolean;
}

export async function rollbackProfile(options: RollbackProfileOptions): Promise<RollbackResult> {
  const root = options.workspaceRoot;
  const gitOptions: GitOptions = { cwd: root, env: options.env ?? process.env };
  const files = [options.profile, sidecarFile(options.profile)].map((file) => workspaceRelative(root, file));
  await repositoryRoot(gitOptions);
  await assertCleanWorkTree(gitOptions, files, 'pgo-rollback');
  const sha = await lastCommitOf(files, gitOptions);
  if (sha === undefined) {
    throw new GitError(`${files[0]}: no commit changed it or ${files[1]}: there is nothing to roll back (to build without PGO: nx run <project>:pgo-build:off)`);
  }
  const target = await commitInfo(sha, gitOptions);
  // The commit that added the profile: reverting it deletes the profile.
  const removesProfile = !(await existedBefore(sha, files[0]!, gitOptions));
  const undoesRevert = /^Revert "/.test(target.subject);
  if (options.dryRun) return { target, revert: undefined, removesProfile, undoesRevert };
  const revert = await revertCommit(sha, gitOptions);
  return { target, revert, removesProfile, undoesRevert };
}

/** Whether `file` existed in the parent of `sha` (false for a root commit). */
async function existedBefore(sha: string, file: string, gitOptions: GitOptions): Promise<boolean> {
  // `./`: the path is relative to the directory git runs in, not to the repository's top.
  return (await gitResult(['cat-file', '-e', `${sha}^:./${file}`], gitOptions)).exitCode === 0;
}
