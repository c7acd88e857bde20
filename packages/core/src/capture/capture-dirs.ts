// Where captures live: `.pgo/captures/<project>/<UTC timestamp>/`, one directory per run.
import path from 'node:path';

/** `<workspaceRoot>/.pgo/captures/<project>`. */
export function capturesRoot(workspaceRoot: string, project: string): string {
  return path.join(workspaceRoot, '.pgo', 'captures', project);
}
