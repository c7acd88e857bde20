// The few lines a person reads after a capture: how many instances succeeded, where the
// manifest is, and per instance its status and size or why it failed.
import { workspaceRelative } from '../config/workspace-path';
import { alignColumns, formatBytes } from '../text/format';
import type { CaptureResult } from './run-capture';

export function captureSummary(result: CaptureResult, workspaceRoot: string): string {
  const { manifest } = result;
  const rows = manifest.instances.map((entry) => [entry.status, entry.source, entry.instance, entry.status === 'ok' ? formatBytes(entry.bytes) : (entry.error ?? '')]);
  return [
    `captured ${manifest.project}: ${manifest.succeeded} of ${manifest.total} instances → ${workspaceRelative(workspaceRoot, result.manifestFile)}`,
    ...alignColumns(rows).map((line) => `  ${line}`),
  ].join('\n');
}
