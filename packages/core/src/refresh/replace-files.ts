// Replaces a few files together: each one atomically, in order; if one fails, the ones already
// written are put back as they were (or removed, when they did not exist) before the error is
// thrown. The returned undo does the same after a later failure (a git commit that fails).
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../fs/atomic-write';

export interface Replacement {
  /** Absolute. */
  file: string;
  data: Uint8Array | string;
}

/** Puts every replaced file back as it was before. */
export type Undo = () => Promise<void>;

export async function replaceFiles(replacements: Replacement[]): Promise<Undo> {
  const previous = await Promise.all(replacements.map((r) => readIfExists(r.file)));
  const written: number[] = [];
  const undo: Undo = async () => {
    for (const i of written.reverse()) {
      const before = previous[i];
      const file = replacements[i]!.file;
      if (before === undefined) await unlink(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      else await atomicWrite(file, before);
    }
    written.length = 0;
  };
  try {
    for (const [i, { file, data }] of replacements.entries()) {
      await atomicWrite(file, data, path.dirname(file));
      written.push(i);
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return undo;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
