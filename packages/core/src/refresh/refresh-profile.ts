// pgo-refresh: capture → merge into a candidate → validate it (a gate) → compare it with the
// committed profile → only then replace the committed profile and its sidecar, and write the
// pull request text. With `commit`, on a new branch `pgo/refresh-<project>-<date>` with exactly
// those two files; with `openPr`, push it and open the PR with gh. One refresh per project at a
// time (refresh-lock.ts). Whatever fails, the committed profile, the sidecar and git (branch,
// index, HEAD) are as they were: nothing is written over them before every check passed, and a
// git failure before the commit puts files and checkout back.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { decode } from '@go-pgo/pprof';
import { readGoTarget } from '../build/go-env';
import { MANIFEST_FILE } from '../capture/manifest-types';
import { runCapture } from '../capture/run-capture';
import type { ProgressOutput } from '../capture/progress';
import { compareProfiles, type ProfileComparison } from '../compare/compare-profiles';
import type { PgoSettings } from '../config/pgo-settings';
import { workspaceRelative } from '../config/workspace-path';
import { atomicWrite } from '../fs/atomic-write';
import type { BuildContextOptions } from '../go/build-context';
import { branchExists, createBranch, currentCheckout, deleteBranch, restoreCheckout, type Checkout } from '../git/branches';
import { commitPaths } from '../git/commits';
import { GitError } from '../git/git-error';
import { git, type GitOptions } from '../git/run-git';
import { assertCleanWorkTree, repositoryRoot } from '../git/work-tree';
import { readCaptureManifest } from '../merge/capture-manifest';
import { mergeCaptures } from '../merge/merge-captures';
import { readProfile } from '../profile/read-profile';
import { formatValidationReport } from '../validate/report-table';
import { validateProfile } from '../validate/validate-profile';
import type { ValidationReport } from '../validate/validation-report';
import { openPullRequest, type PullRequestOutcome } from './open-pull-request';
import { refreshTitle, renderPrBody } from './pr-body';
import { RefreshError } from './refresh-error';
import { acquireRefreshLock } from './refresh-lock';
import { replaceFiles, type Undo } from './replace-files';
import { buildSidecar, sidecarFile, type ProfileSidecar } from './sidecar';

export const PR_BODY_FILE = 'refresh-pr.md';

export interface RefreshProfileOptions {
  /** The binary's project name: captures, lock and branch are named after it. */
  project: string;
  /** All absolute. */
  workspaceRoot: string;
  binaryDir: string;
  moduleRoot: string;
  /** The binary's full settings; `settings.profile` is the committed profile. */
  settings: PgoSettings;
  /** Use this capture directory (absolute) instead of capturing. */
  captureDir?: string;
  /** Adopt a candidate that fails validation (the PR says so). */
  warnOnly?: boolean;
  /** Commit the profile and sidecar on a new branch. */
  commit?: boolean;
  /** Push the branch and open a pull request with gh (needs `commit`). */
  openPr?: boolean;
  /** The PR body file (absolute); default `<capture dir>/refresh-pr.md`. */
  prBodyFile?: string;
  /** The environment git, gh and go run with; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The refresh's clock: the date in branch and commit, the sidecar's refreshedAt. */
  now?: Date;
  signal?: AbortSignal;
  progress?: ProgressOutput;
  /** Progress lines for the person: capture notes, the validation table, the lock note. */
  log?(line: string): void;
  /** The build whose sources validation checks; default linux/amd64. */
  buildContext?: BuildContextOptions;
}

export interface RefreshResult {
  /** Absolute paths. */
  profile: string;
  sidecarFile: string;
  sidecar: ProfileSidecar;
  captureDir: string;
  candidate: string;
  prBodyFile: string;
  prBody: string;
  validation: ValidationReport;
  comparison: ProfileComparison;
  commit?: { branch: string; sha: string; message: string };
  pullRequest?: PullRequestOutcome;
}

export async function refreshProfile(options: RefreshProfileOptions): Promise<RefreshResult> {
  const { project, workspaceRoot: root, settings } = options;
  if (options.openPr && !options.commit) throw new RefreshError(`refresh ${project}: opening a pull request needs the commit: add --commit (commit: true)`);
  const now = options.now ?? new Date();
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const shown = (file: string): string => workspaceRelative(root, file);
  const profile = settings.profile;
  const sidecarPath = sidecarFile(profile);

  const lock = await acquireRefreshLock(root, project, now);
  if (lock.note !== undefined) log(lock.note);
  try {
    const date = now.toISOString().slice(0, 10);
    const title = refreshTitle(project, date);
    const gitOptions: GitOptions = { cwd: root, env };
    const branch = `pgo/refresh-${project}-${date}`;
    // Refused up front, before minutes of capture: a commit needs a clean tree and a free branch name.
    const checkout = options.commit ? await prepareCommit(gitOptions, [shown(profile), shown(sidecarPath)], branch) : undefined;

    const captureDir = options.captureDir ?? (await capture(options, now)).dir;
    const manifest = await readCaptureManifest(shown(captureDir), root);
    const manifestFile = path.join(captureDir, MANIFEST_FILE);
    if (!manifest.quorumMet) {
      throw new RefreshError(`${shown(manifestFile)}: this capture missed its quorum (${manifest.succeeded} of ${manifest.total} instances): capture again`);
    }
    const merged = await mergeCaptures({ captureDir: shown(captureDir), settings: settings.merge, cwd: root, protect: [profile, sidecarPath] });
    const candidate = path.resolve(root, merged.output);

    const committed = existsSync(profile);
    const validation = await validateProfile({
      workspaceRoot: root,
      binaryDir: options.binaryDir,
      profile: candidate,
      settings: settings.validate,
      ...(committed && { committedProfile: profile }),
      ...(options.buildContext !== undefined && { buildContext: options.buildContext }),
    });
    log(formatValidationReport(validation).trimEnd());
    if (!validation.passed && !options.warnOnly) {
      const failed = validation.checks.filter((c) => c.status === 'fail').map((c) => c.label);
      throw new RefreshError(
        `${shown(candidate)} failed validation (${failed.join(', ')}): ${shown(profile)} is unchanged; see the table above, capture again, or adopt it anyway with --warn-only`,
      );
    }

    const bytes = await readFile(candidate);
    const before = committed ? await readProfile(shown(profile), root) : undefined;
    const comparison = compareProfiles(before && { profile: before.profile, bytes: before.size }, { profile: decode(bytes), bytes: bytes.length });
    const { goVersion } = await readGoTarget({ cwd: options.moduleRoot, env });
    const sidecar = buildSidecar({
      project,
      profile: shown(profile),
      refreshedAt: now,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      goVersion,
      manifest,
      manifestFile: shown(manifestFile),
      merge: settings.merge,
      comparison,
      validation,
    });
    const prBody = renderPrBody({ title, sidecar, validation, binaryDir: shown(options.binaryDir) });
    const prBodyFile = options.prBodyFile ?? path.join(captureDir, PR_BODY_FILE);
    await atomicWrite(prBodyFile, prBody);

    const replacements = [
      { file: profile, data: bytes },
      { file: sidecarPath, data: `${JSON.stringify(sidecar, null, 2)}\n` },
    ];
    const result: RefreshResult = { profile, sidecarFile: sidecarPath, sidecar, captureDir, candidate, prBodyFile, prBody, validation, comparison };
    if (checkout === undefined) {
      await replaceFiles(replacements);
      return result;
    }
    const sha = await commitOnBranch(gitOptions, checkout, branch, title, async () => replaceFiles(replacements), [shown(profile), shown(sidecarPath)]);
    result.commit = { branch, sha, message: title };
    if (options.openPr) {
      result.pullRequest = await openPullRequest({ branch, title, bodyFile: prBodyFile, bodyShown: shown(prBodyFile), cwd: root, env });
    }
    return result;
  } finally {
    await lock.release();
  }
}

function capture(options: RefreshProfileOptions, now: Date): ReturnType<typeof runCapture> {
  return runCapture({
    project: options.project,
    settings: options.settings.capture,
    context: { workspaceRoot: options.workspaceRoot, binaryDir: options.binaryDir, moduleRoot: options.moduleRoot, env: options.env, now },
    signal: options.signal,
    progress: options.progress,
    log: options.log,
  });
}

/** Checks that a commit can be made: a repository, a clean tree, a free branch name. */
async function prepareCommit(gitOptions: GitOptions, files: string[], branch: string): Promise<Checkout> {
  await repositoryRoot(gitOptions);
  await assertCleanWorkTree(gitOptions, files, 'pgo-refresh --commit');
  const checkout = await currentCheckout(gitOptions);
  if (await branchExists(branch, gitOptions)) {
    throw new GitError(`branch ${branch} exists already (a refresh of today): merge or delete it (git branch -D ${branch}) and refresh again`);
  }
  return checkout;
}

/**
 * Creates `branch`, writes the files and commits exactly `files`. A failure before the commit
 * exists puts the files, the index and the original checkout back, and deletes the branch.
 */
async function commitOnBranch(gitOptions: GitOptions, checkout: Checkout, branch: string, message: string, write: () => Promise<Undo>, files: string[]): Promise<string> {
  await createBranch(branch, gitOptions);
  let undo: Undo | undefined;
  try {
    undo = await write();
    return await commitPaths(files, message, gitOptions);
  } catch (error) {
    await undo?.();
    await git(['reset', '--quiet'], gitOptions);
    await restoreCheckout(checkout, gitOptions);
    await deleteBranch(branch, gitOptions);
    throw error;
  }
}
