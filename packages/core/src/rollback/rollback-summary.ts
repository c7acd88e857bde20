// What rollback prints: the commit reverted (or, dry, to be reverted), its files, and what that
// means for the build. The CLI and the Nx executor print the same.
import type { RollbackResult } from './rollback-profile';

/** The few lines rollback prints: what is (or would be) reverted, and what that means. */
export function rollbackSummary(result: RollbackResult, profile: string, dryRun: boolean): string[] {
  const { target } = result;
  const lines = [
    `${dryRun ? 'would revert' : 'reverted'} ${target.sha.slice(0, 12)} "${target.subject}"${result.revert === undefined ? '' : ` with commit ${result.revert.slice(0, 12)}`}`,
    `  files: ${target.files.join(', ')}`,
  ];
  if (result.removesProfile) lines.push(`note: that commit added ${profile}; reverting it removes the profile, so the binary builds without PGO`);
  if (result.undoesRevert) lines.push(`note: that commit is itself a revert; reverting it re-applies the change it undid`);
  lines.push(dryRun ? 'nothing was changed (--dry-run)' : `${profile} is back to its content before that commit`);
  return lines;
}
