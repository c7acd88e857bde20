// Nx's spellings of workspace paths: `{workspaceRoot}/…` in inputs and outputs, and where a
// binary's build puts its files.

/** `{workspaceRoot}/<rel>`; `{workspaceRoot}` for the root itself. */
export function fromWorkspaceRoot(rel: string): string {
  return rel === '.' ? '{workspaceRoot}' : `{workspaceRoot}/${rel}`;
}

/** Workspace-relative directory of a binary's build outputs: dist/go/<project root>. */
export function outputDir(binaryDir: string): string {
  return binaryDir === '.' ? 'dist/go' : `dist/go/${binaryDir}`;
}

/** Workspace-relative directory of a binary's PGO work products (candidate, validation, bench): dist/pgo/<project root>. */
export function pgoOutputDir(binaryDir: string): string {
  return binaryDir === '.' ? 'dist/pgo' : `dist/pgo/${binaryDir}`;
}
