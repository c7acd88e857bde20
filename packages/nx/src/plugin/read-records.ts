// Every file-system answer the graph was built from, recorded so that a later run can tell,
// mostly with stats alone, whether all of them still hold. Validity is a matter of content:
// a file whose stat changed is re-read and compared by hash, so a touch (mtime only) leaves
// the graph valid, and a directory whose mtime changed is re-listed and compared by names.
import { hash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { nodeFileReader, readHeadAndStats, readHeadBytes, type DirEntry, type EntryKind, type GoFileReader } from '@go-pgo/core/graph';

type StatKind = 'file' | 'dir' | 'other' | null;

/** Plain arrays, so the records go to JSON and back compactly. */
/** [path, size, mtimeMs, ino, sha1 of the bytes, how many bytes from the start were read (absent: all)]. */
export type FileRecord = [string, number, number, number, string, number?];

export interface ReadRecords {
  files: FileRecord[];
  /** [path, mtimeMs, sha1 of the listing]; a missing directory has mtime UNTRUSTED and its own hash. */
  dirs: [string, number, string][];
  /** [path, what it is; null when missing]. */
  stats: [string, StatKind][];
}

/** An mtime that matches no stat, so the entry is re-read and compared next time. */
const UNTRUSTED = -1;
/**
 * A file changed again within the file system's timestamp granularity keeps its mtime (ext4 and
 * APFS count nanoseconds, HFS+ seconds, FAT two): an entry this recent when read is not vouched
 * for by its stat, and is compared by content on the next run (git's "racy clean" rule).
 */
const RACY_MS = 2000;
const MISSING_DIR = 'missing';

/** Which directory entries a reader's user can see; the others cannot change its results. */
export type EntryFilter = (entry: DirEntry) => boolean;

interface Listing {
  mtime: number;
  /** Every entry, in the order the file system gives them; undefined for a missing directory. */
  entries: readonly DirEntry[] | undefined;
}

/**
 * A GoFileReader over node:fs that records what it answers. With `visible`, listings hold only
 * the entries it accepts, so entries the user would ignore anyway do not invalidate the records.
 * Without it, a stat of a path whose directory was listed is answered from the listing, whose
 * record covers it: one stat of the directory then checks many paths. Directories that the
 * `earlier` reader listed (in the same run) are taken from it rather than listed again.
 */
export class RecordingReader implements GoFileReader {
  readonly records: ReadRecords = { files: [], dirs: [], stats: [] };
  private readonly listed = new Map<string, Listing>();
  private readonly kinds = new Map<string, ReadonlyMap<string, EntryKind>>();

  constructor(
    private readonly visible?: EntryFilter,
    private readonly earlier?: RecordingReader,
  ) {}

  readFile(file: string): string {
    const stats = statSync(file);
    const bytes = readFileSync(file);
    this.records.files.push([file, stats.size, trustedMtime(stats), stats.ino, digest(bytes)]);
    return bytes.toString('utf8');
  }

  /** Records the bytes read: an edit past them (same size) leaves the facts valid. */
  readHead(file: string, maxBytes: number): { text: string; whole: boolean } {
    const { bytes, stats } = readHeadAndStats(file, maxBytes);
    const whole = bytes.length === stats.size;
    const record: FileRecord = [file, stats.size, trustedMtime(stats), stats.ino, digest(bytes)];
    if (!whole) record.push(bytes.length);
    this.records.files.push(record);
    return { text: bytes.toString('utf8'), whole };
  }

  /**
   * Records `record` (of an earlier scan) as this reader's own if the file's stat still matches
   * it: the caller then uses what that scan read instead of reading the file. False otherwise.
   */
  reuse(record: FileRecord): boolean {
    if (record[2] === UNTRUSTED) return false;
    const stats = statSync(record[0], { throwIfNoEntry: false });
    if (stats === undefined || stats.size !== record[1] || stats.mtimeMs !== record[2] || stats.ino !== record[3]) return false;
    this.records.files.push(record);
    return true;
  }

  readDir(dir: string): readonly DirEntry[] | undefined {
    let listing = this.earlier?.listed.get(dir);
    if (listing === undefined) {
      const stats = statSync(dir, { throwIfNoEntry: false });
      listing = { mtime: stats === undefined ? UNTRUSTED : trustedMtime(stats), entries: nodeFileReader.readDir(dir) };
    }
    this.listed.set(dir, listing);
    const entries = this.visible === undefined ? listing.entries : listing.entries?.filter(this.visible);
    this.records.dirs.push([dir, listing.mtime, listingHash(entries)]);
    if (this.visible === undefined && entries !== undefined) this.kinds.set(dir, new Map(entries.map((e) => [e.name, e.kind])));
    return entries;
  }

  stat(file: string): 'file' | 'dir' | 'other' | undefined {
    const kinds = this.kinds.get(path.dirname(file));
    if (kinds !== undefined) {
      const kind = kinds.get(path.basename(file));
      // A link is followed, which the listing does not do.
      if (kind === undefined || kind === 'file' || kind === 'dir') return kind;
    }
    const kind = nodeFileReader.stat(file);
    this.records.stats.push([file, kind ?? null]);
    return kind;
  }
}

export interface Revalidation {
  valid: boolean;
  /** Some stats changed while the content did not: the records were updated in place and are worth saving. */
  refreshed: boolean;
  /**
   * Invalid only because the contents of files that `editable` accepts changed: their records.
   * Whoever knows what was read of them may still find the results valid (header-cache.ts).
   */
  edited?: FileRecord[];
}

/** Stats of directories, shared by the revalidations of one run (directories appear in several records). */
export type DirStats = Map<string, Stats | undefined>;

/**
 * Whether every recorded answer still holds (listings seen through `visible`, as recorded);
 * stops at the first that does not, except for content changes of files that `editable`
 * accepts, which are collected.
 */
export function revalidate(records: ReadRecords, visible?: EntryFilter, dirStats: DirStats = new Map(), editable?: (file: string) => boolean): Revalidation {
  try {
    return check(records, visible, dirStats, editable);
  } catch (error) {
    // A path that cannot be read now (permissions, a loop of links): not valid; the rescan
    // reports the problem properly.
    if (typeof (error as NodeJS.ErrnoException).code === 'string') return { valid: false, refreshed: false };
    throw error;
  }
}

function check(records: ReadRecords, visible: EntryFilter | undefined, dirStats: DirStats, editable: ((file: string) => boolean) | undefined): Revalidation {
  let refreshed = false;
  for (const entry of records.stats) {
    if ((nodeFileReader.stat(entry[0]) ?? null) !== entry[1]) return { valid: false, refreshed };
  }
  for (const entry of records.dirs) {
    let stats = dirStats.get(entry[0]);
    if (stats === undefined && !dirStats.has(entry[0])) {
      stats = statSync(entry[0], { throwIfNoEntry: false });
      dirStats.set(entry[0], stats);
    }
    if (stats !== undefined && stats.mtimeMs === entry[1]) continue;
    const all = nodeFileReader.readDir(entry[0]);
    if (listingHash(visible === undefined ? all : all?.filter(visible)) !== entry[2]) return { valid: false, refreshed };
    const mtime = stats === undefined ? UNTRUSTED : trustedMtime(stats);
    refreshed ||= mtime !== entry[1];
    entry[1] = mtime;
  }
  const edited: FileRecord[] = [];
  for (const entry of records.files) {
    const stats = statSync(entry[0], { throwIfNoEntry: false });
    if (stats === undefined || !stats.isFile()) return { valid: false, refreshed };
    if (stats.size === entry[1] && stats.mtimeMs === entry[2] && stats.ino === entry[3]) continue;
    if (stats.size === entry[1]) {
      const bytes = entry[5] === undefined ? readFileSync(entry[0]) : readHeadBytes(entry[0], entry[5]);
      if (digest(bytes) === entry[4]) {
        entry[2] = trustedMtime(stats);
        entry[3] = stats.ino;
        refreshed = true;
        continue;
      }
    }
    if (editable?.(entry[0]) !== true) return { valid: false, refreshed };
    edited.push(entry);
  }
  return edited.length === 0 ? { valid: true, refreshed } : { valid: false, refreshed, edited };
}

function trustedMtime(stats: Stats): number {
  return Date.now() - stats.mtimeMs < RACY_MS ? UNTRUSTED : stats.mtimeMs;
}

function digest(bytes: Buffer | string): string {
  return hash('sha1', bytes, 'base64');
}

/**
 * In the order the file system lists them: an unchanged directory lists the same way, and a
 * reordering alone would only cost a rescan.
 */
function listingHash(entries: readonly DirEntry[] | undefined): string {
  if (entries === undefined) return MISSING_DIR;
  let text = '';
  for (const entry of entries) text += `${entry.name}\0${entry.kind}\n`;
  return digest(text);
}
