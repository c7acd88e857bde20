// Which directory gets `cmd/<name>`: the one given, which must lie inside a module of the Go
// workspace (else the plugin would never see the binary), or the workspace's only module.
// Modules are found by core's scanner reading the Tree, with the rules the inference uses:
// go.work `use` lines when there is a go.work, else every go.mod outside skipped directories.
import type { Tree } from '@nx/devkit';
import { buildContextOptionsFromEnv, GoWorkspaceScanner, type GoWorkspace } from '@go-pgo/core';
import { BinaryOptionsError } from './binary-options';
import { treeFileReader } from './tree-file-reader';

export function scanGoWorkspace(tree: Tree): GoWorkspace {
  return new GoWorkspaceScanner(tree.root, { ...buildContextOptionsFromEnv(process.env), reader: treeFileReader(tree) }).workspace();
}

/** `directory` as given (normalized), or the only module's directory; '.' is the root. */
export function resolveTargetDirectory(workspace: GoWorkspace, directory: string | undefined): string {
  const dirs = workspace.modules.map((module) => module.dir);
  if (dirs.length === 0) {
    throw new BinaryOptionsError(
      'no Go module found in the workspace (no go.mod outside node_modules, dist, vendor, testdata and hidden directories): create one with `go mod init <module path>` first',
    );
  }
  if (directory === undefined) {
    if (dirs.length === 1) return dirs[0]!;
    throw new BinaryOptionsError(`the workspace has ${dirs.length} Go modules (${dirs.join(', ')}): pass --directory with the one that gets cmd/<name>`);
  }
  if (!dirs.some((dir) => dir === '.' || directory === dir || directory.startsWith(`${dir}/`))) {
    const fix = workspace.work !== undefined ? `add its module to go.work (go work use <dir>), or choose one of: ${dirs.join(', ')}` : `create a module there (go mod init), or choose one of: ${dirs.join(', ')}`;
    throw new BinaryOptionsError(`--directory ${directory} is not inside a Go module of the workspace: ${fix}`);
  }
  return directory;
}
