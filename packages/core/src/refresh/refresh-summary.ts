// The lines a person (or a CI log) looks for after a refresh: what was written, committed and
// opened. The CLI and the Nx executor print the same.
import { workspaceRelative } from '../config/workspace-path';
import { formatPercent } from '../text/format';
import type { RefreshResult } from './refresh-profile';

/** What was written, committed and opened: the lines a person (or CI log) looks for. */
export function refreshSummary(result: RefreshResult, workspaceRoot: string): string[] {
  const shown = (file: string): string => workspaceRelative(workspaceRoot, file);
  const overlap = result.comparison.edges.overlap;
  const lines = [
    `refreshed ${shown(result.profile)} (sha256 ${result.sidecar.sha256.slice(0, 12)}${overlap === null ? '' : `, call-edge overlap ${formatPercent(overlap)}`}) and ${shown(result.sidecarFile)}; PR body: ${shown(result.prBodyFile)}`,
  ];
  if (!result.validation.passed) lines.push(`warning: the new profile failed validation and was adopted because of --warn-only`);
  if (result.commit !== undefined) lines.push(`committed ${result.commit.sha.slice(0, 12)} "${result.commit.message}" on branch ${result.commit.branch}`);
  const pr = result.pullRequest;
  if (pr !== undefined) lines.push(pr.opened ? `opened ${pr.url}` : pr.reason);
  return lines;
}
