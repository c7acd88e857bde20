// Paths as go-pgo shows and records them: relative to the workspace root with '/' separators,
// so messages, reports and cache keys read the same on every machine and OS.
import path from 'node:path';

/** `file` (absolute) relative to `workspaceRoot`, '/'-separated; '.' for the root itself. */
export function workspaceRelative(workspaceRoot: string, file: string): string {
  const rel = path.relative(workspaceRoot, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** Whether `file` (absolute) is the workspace root or below it. */
export function isInsideWorkspace(workspaceRoot: string, file: string): boolean {
  const rel = path.relative(workspaceRoot, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}
