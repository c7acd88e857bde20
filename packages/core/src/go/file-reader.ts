// All file access of the scanner goes through this interface, so a caller can cache reads
// (the Nx plugin, by content hash) and tests can count or fake them. The default reads
// synchronously with node:fs, as Nx's createNodes is happiest with synchronous work.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent, type Stats } from 'node:fs';
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
  /**
   * The first `maxBytes` bytes of the file as text, and whether that is the whole file; the
   * scanner reads headers this way, sparing the rest of large (generated) files. Optional: a
   * reader without it is asked for whole files.
   */
  readHead?(path: string, maxBytes: number): { text: string; whole: boolean };
  /** The directory's entries; undefined when it does not exist or is not a directory. */
  readDir(path: string): readonly DirEntry[] | undefined;
  /** What `path` is, following symbolic links; undefined when it does not exist. */
  stat(path: string): 'file' | 'dir' | 'other' | undefined;
}

export const nodeFileReader: GoFileReader = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readHead(path, maxBytes) {
    const bytes = readHeadBytes(path, maxBytes);
    return { text: bytes.toString('utf8'), whole: bytes.length < maxBytes };
  },
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

/** Reused by readHeadBytes: one allocation instead of one per file (the scan reads thousands). */
let scratch = Buffer.allocUnsafe(0);

/**
 * Up to `maxBytes` bytes from the start of the file; fewer when the file is shorter. The bytes
 * are valid until the next call: decode or hash them at once.
 */
export function readHeadBytes(path: string, maxBytes: number): Buffer {
  return readHeadAndStats(path, maxBytes, false).bytes;
}

/** readHeadBytes, and the file's stats (from the open file: no second lookup of the path). */
export function readHeadAndStats(path: string, maxBytes: number): { bytes: Buffer; stats: Stats };
export function readHeadAndStats(path: string, maxBytes: number, withStats: false): { bytes: Buffer; stats: undefined };
export function readHeadAndStats(path: string, maxBytes: number, withStats = true): { bytes: Buffer; stats: Stats | undefined } {
  const fd = openSync(path, 'r');
  try {
    const stats = withStats ? fstatSync(fd) : undefined;
    if (scratch.length < maxBytes) scratch = Buffer.allocUnsafe(maxBytes);
    let length = 0;
    for (let n = -1; n !== 0 && length < maxBytes; length += n) n = readSync(fd, scratch, length, maxBytes - length, length);
    return { bytes: scratch.subarray(0, length), stats };
  } finally {
    closeSync(fd);
  }
}

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
