// All file access of the scanner goes through this interface, so a caller can cache reads
// (the Nx plugin, by content hash) and tests can count or fake them. The default reads
// synchronously with node:fs, as Nx's createNodes is happiest with synchronous work.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { readError } from './go-error';
import { fsPath } from './rel-path';

/** `symlink` is reported as such: discovery does not follow links to directories, as `go build ./...` does not. */
export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: EntryKind;
}

export interface GoFileReader {
  /** The file's text (UTF-8). Throws the underlying error when it cannot be read. */
  readFile(path: string): string;
  /** The directory's entries; undefined when it does not exist or is not a directory. */
  readDir(path: string): readonly DirEntry[] | undefined;
  /** What `path` is, following symbolic links; undefined when it does not exist. */
  stat(path: string): 'file' | 'dir' | 'other' | undefined;
}

export const nodeFileReader: GoFileReader = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readDir(path) {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return entries.map((entry) => ({ name: entry.name, kind: entryKind(entry) }));
  },
  stat(path) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return undefined;
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : 'other';
  },
};

function entryKind(entry: Dirent): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  return entry.isSymbolicLink() ? 'symlink' : 'other';
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The text of the root-relative `file`, or undefined when it does not exist. */
export function readOptionalFile(reader: GoFileReader, root: string, file: string): string | undefined {
  const p = fsPath(root, file);
  try {
    if (reader.stat(p) !== 'file') return undefined;
    return reader.readFile(p);
  } catch (error) {
    throw readError(file, error);
  }
}
