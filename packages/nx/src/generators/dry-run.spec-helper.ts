// What `nx g --dry-run` relies on: Nx runs the generator on an FsTree over the real
// workspace, prints tree.listChanges() and writes nothing (flushChanges and the returned task
// run only without --dry-run). So a generator is honest under --dry-run when running it on an
// FsTree leaves the disk as it was and starts no process; these helpers check exactly that.
import childProcess from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChange, Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';

/**
 * Every way to start a process: the module's functions, as CommonJS callers (Nx, execa) reach
 * them, and ChildProcess#spawn, which every asynchronous one goes through, however it was
 * imported. (A synchronous call through an ES import binding taken before the spy would escape;
 * the generators import no child_process at all.)
 */
const PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

function spyOnProcesses(): { calls(): Record<string, number>; restore(): void } {
  const spies = [
    ...PROCESS_FUNCTIONS.map((name) => [name, jest.spyOn(childProcess, name)] as const),
    // Undocumented (not in @types/node), but every asynchronous child process starts there.
    ['ChildProcess#spawn', jest.spyOn(childProcess.ChildProcess.prototype as unknown as { spawn(options: object): void }, 'spawn')] as const,
  ];
  return {
    calls: () => Object.fromEntries(spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name, spy]) => [name, spy.mock.calls.length])),
    restore: () => spies.forEach(([, spy]) => spy.mockRestore()),
  };
}

/** Every file under `root` (relative '/'-paths) with its bytes. */
export function filesOnDisk(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(rel);
      else files.set(rel, readFileSync(path.join(root, rel)));
    }
  };
  visit('');
  return files;
}

export interface DryRun<T> {
  result: T;
  tree: Tree;
  changes: FileChange[];
}

/**
 * Runs `generate` as `nx g --dry-run` does, on an FsTree over `root`, and fails the test if
 * it wrote to the disk or started a process.
 */
export async function dryRun<T>(root: string, generate: (tree: Tree) => Promise<T>): Promise<DryRun<T>> {
  const before = filesOnDisk(root);
  const processes = spyOnProcesses();
  const tree = new FsTree(root, false);
  let result: T;
  let started: Record<string, number>;
  try {
    result = await generate(tree);
  } finally {
    // Read before restoring: mockRestore clears the recorded calls.
    started = processes.calls();
    processes.restore();
  }
  expect({ processesStarted: started }).toEqual({ processesStarted: {} });
  expect(filesOnDisk(root)).toEqual(before);
  return { result, tree, changes: tree.listChanges() };
}

/** The changes as path → type, for readable expectations. */
export function changeTypes(changes: readonly FileChange[]): Record<string, FileChange['type']> {
  return Object.fromEntries(changes.map((change) => [change.path, change.type]));
}
