// For the go-pgo CLI, which gets only a directory: the binary's module (the nearest go.mod at or
// above it) and the workspace (the nearest go.work above that, else the module itself).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isInsideWorkspace } from '../config/workspace-path';
import { PgoBuildError } from './build-error';

export interface BinaryLocation {
  /** All absolute. */
  workspaceRoot: string;
  moduleRoot: string;
  binaryDir: string;
  /** The package relative to the module root, e.g. ./cmd/api. */
  pkg: string;
}

/**
 * `dir` as the user gave it, relative to `options.cwd`; `options.workspaceRoot` when the caller
 * knows the root better than go.work does. Messages name `dir` as given.
 */
export async function locateBinary(dir: string, options: { cwd: string; workspaceRoot?: string }): Promise<BinaryLocation> {
  const binaryDir = path.resolve(options.cwd, dir);
  if (!(await isDirectory(binaryDir))) {
    throw new PgoBuildError('bad-option', `${dir}: not a directory: give the directory of a Go binary, e.g. services/cmd/api`);
  }
  const moduleRoot = await findUp(binaryDir, 'go.mod');
  if (moduleRoot === undefined) {
    throw new PgoBuildError('bad-option', `${dir}: no go.mod in it or above it: give the directory of a binary inside a Go module`);
  }
  const root = options.workspaceRoot === undefined ? ((await findUp(moduleRoot, 'go.work')) ?? moduleRoot) : path.resolve(options.cwd, options.workspaceRoot);
  if (!isInsideWorkspace(root, moduleRoot)) {
    throw new PgoBuildError('bad-option', `${dir}: its module ${moduleRoot} is outside the workspace root ${root}: choose another root`);
  }
  const pkg = path.relative(moduleRoot, binaryDir).split(path.sep).join('/');
  return { workspaceRoot: root, moduleRoot, binaryDir, pkg: pkg === '' ? '.' : `./${pkg}` };
}

async function findUp(from: string, name: string): Promise<string | undefined> {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (await stat(path.join(dir, name)).then((s) => s.isFile(), () => false)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}
