// Which capture pgo-merge takes when none is named: the newest complete run of the project.
// Run directories are UTC timestamps, which sort as text; a run in progress writes into a
// hidden `.…partial` directory and renames it when done, so it is never picked.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { capturesRoot } from '../capture/capture-dirs';
import { workspaceRelative } from '../config/workspace-path';
import { CaptureMergeError } from './merge-error';

const RUN_DIR = /^\d{8}T\d{6}Z/;

/** The newest capture run of `project` (absolute); an error saying how to make one when there is none. */
export async function latestCaptureDir(workspaceRoot: string, project: string): Promise<string> {
  const root = capturesRoot(workspaceRoot, project);
  let names: string[] = [];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && RUN_DIR.test(e.name)).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const newest = names.sort().at(-1);
  if (newest === undefined) {
    throw new CaptureMergeError(`${workspaceRelative(workspaceRoot, root)}: no capture of ${project} yet: run pgo-capture (go-pgo capture) first`);
  }
  return path.join(root, newest);
}
