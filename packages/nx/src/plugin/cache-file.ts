// The plugin's JSON cache files in Nx's workspace data directory. A cache only saves time: a
// file that is missing, unreadable or not JSON is a miss, and one that cannot be written costs
// the next graph the work, never this graph its result.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atomicWrite, OutputWriteError } from '@go-pgo/core/graph';

/** The parsed content of `file`, or undefined for a miss. The caller checks its shape (a format field). */
export function readCacheFile<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string') return undefined; // absent or unreadable
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // not ours, or from a crash of an old writer
    throw error;
  }
}

/** Writes `text` atomically; a file-system failure is a warning that says what the next graph will redo. */
export async function writeCacheFile(file: string, text: string, what: string, cost: string): Promise<void> {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // A cache need not survive a crash: an empty or partial file is a miss (readCacheFile).
    await atomicWrite(file, text, undefined, { durable: false });
  } catch (error) {
    const fsFailure = error instanceof OutputWriteError || typeof (error as NodeJS.ErrnoException).code === 'string';
    if (!fsFailure) throw error;
    // console, not @nx/devkit's logger: see create-nodes.ts on loading @nx/devkit.
    console.warn(`@go-pgo/nx: cannot save ${what} ${file} (${(error as Error).message}); ${cost}`);
  }
}
