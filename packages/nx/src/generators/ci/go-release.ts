// Which Go the CI jobs install: setup-go reads it from go.work or go.mod itself; GitLab's jobs
// download the release that file names (its toolchain line, else its go line as goX.Y.Z).
import type { Tree } from '@nx/devkit';
import { scanGoWorkspace } from '../binary/target-directory';
import { CiOptionsError } from './ci-options';

export function goVersionFile(tree: Tree): string {
  if (tree.isFile('go.work')) return 'go.work';
  const modules = scanGoWorkspace(tree).modules;
  if (modules.length === 0) throw new CiOptionsError('no go.work and no go.mod in the workspace: the PGO jobs need a Go module to build; create one with `go mod init <module path>` first');
  return modules[0]!.dir === '.' ? 'go.mod' : `${modules[0]!.dir}/go.mod`;
}

/** `go1.26.0` from `toolchain go1.26.0`, or from `go 1.26` / `go 1.26.1`. */
export function goRelease(tree: Tree, file: string): string {
  const text = tree.read(file, 'utf8') ?? '';
  const toolchain = /^toolchain\s+(go\d+\.\d+\.\d+)\s*$/m.exec(text);
  if (toolchain) return toolchain[1]!;
  const go = /^go\s+(\d+)\.(\d+)(?:\.(\d+))?\s*$/m.exec(text);
  if (!go) throw new CiOptionsError(`${file} has no go line naming the Go version: add one (go mod edit -go=1.26)`);
  return `go${go[1]}.${go[2]}.${go[3] ?? '0'}`;
}
