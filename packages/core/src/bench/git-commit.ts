// The commit a run measured, for the history: `git rev-parse HEAD`, or undefined outside a git
// repository (or before its first commit, or without git installed).
import execa from 'execa';

export async function headCommit(cwd: string): Promise<string | undefined> {
  const result = await execa('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd, reject: false, stdin: 'ignore' }).catch(() => undefined);
  const commit = result?.exitCode === 0 ? result.stdout.trim() : '';
  return /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
}
