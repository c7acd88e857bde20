// --open-pr: pushes the refresh branch and opens its pull request with GitHub's `gh`. Without
// gh on PATH nothing is pushed, and the caller gets one line saying how to open it by hand.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import execa from 'execa';
import { firstLine, git } from '../git/run-git';
import { RefreshError } from './refresh-error';

export type PullRequestOutcome = { opened: true; url: string } | { opened: false; reason: string };

export interface PullRequestSpec {
  branch: string;
  title: string;
  /** Absolute. */
  bodyFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Shown in messages instead of the absolute body file. */
  bodyShown: string;
}

export async function openPullRequest(spec: PullRequestSpec): Promise<PullRequestOutcome> {
  if ((await findOnPath('gh', spec.env)) === undefined) {
    return {
      opened: false,
      reason: `gh is not on PATH, so no pull request was opened: push ${spec.branch} and open one with the body in ${spec.bodyShown}`,
    };
  }
  const done = `committed on branch ${spec.branch}, but`;
  try {
    await git(['push', '--quiet', '--set-upstream', 'origin', spec.branch], { cwd: spec.cwd, env: spec.env });
  } catch (error) {
    throw new RefreshError(`${done} pushing it failed (${(error as Error).message}): push it and open the pull request by hand`, { cause: error });
  }
  const result = await execa('gh', ['pr', 'create', '--head', spec.branch, '--title', spec.title, '--body-file', spec.bodyFile], {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) {
    throw new RefreshError(`${done} gh pr create failed (${firstLine(result.stderr) ?? `exit code ${result.exitCode ?? result.signal}`}): open the pull request by hand with the body in ${spec.bodyShown}`);
  }
  return { opened: true, url: result.stdout.trim().split('\n').at(-1) ?? '' };
}

/** The first executable `name` in the PATH of `env`. */
async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const file = path.join(dir, candidate);
      if (await access(file, constants.X_OK).then(() => true, () => false)) return file;
    }
  }
  return undefined;
}
