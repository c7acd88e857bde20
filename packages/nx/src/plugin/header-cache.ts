// The scanner's per-file cache between graph computations (Nx 24 starts a fresh plugin worker
// for each, so it lives on disk): what a scan read of each source file, its build constraints,
// package clause, imports and embed patterns, kept with the file's record in
// graph-<key>.headers.json. A rescan takes a file's header from there while the file's stat is
// what it was, so an edit of one .go file reads that file (and lists its directory) again, not
// the workspace. And an edit that leaves a file's header as it was (a function body, a comment
// below the imports: most edits) leaves the facts as they were: editsKeepHeaders tells, with no
// rescan at all. Read only when the facts' records fail: a warm graph never parses it.
import path from 'node:path';
import { goSourceKind, GoScanError, readFileHeader, scannerSees, type GoFileHeader, type GoHeaderCache } from '@go-pgo/core/graph';
import { readCacheFile, writeCacheFile } from './cache-file';
import { RecordingReader, type FileRecord, type ReadRecords } from './read-records';

const FORMAT = 2;

interface StoredHeaders {
  format: number;
  /** The scan that stored them (the facts' entry names it too): editsKeepHeaders needs the headers the facts were made from. */
  scan: string;
  /** Root-relative file → its record and header. */
  files: Record<string, [FileRecord, GoFileHeader]>;
}

/** The cache file beside the facts' cache file `factsFile`. */
export function headersFile(factsFile: string): string {
  return factsFile.replace(/\.json$/, '.headers.json');
}

/** A header cache over what the last scan stored; hits are recorded in `reader`, as reads would be. */
export function storedHeaderCache(file: string, reader: RecordingReader): GoHeaderCache | undefined {
  const stored = readCacheFile<StoredHeaders>(file);
  if (stored?.format !== FORMAT) return undefined;
  return {
    get(rel) {
      const entry = stored.files[rel];
      return entry !== undefined && reader.reuse(entry[0]) ? entry[1] : undefined;
    },
  };
}

/** Stores the headers of the scan `scan` with the records of the files they were read from. */
export async function storeHeaders(file: string, scan: string, root: string, headers: ReadonlyMap<string, GoFileHeader>, records: ReadRecords): Promise<void> {
  const byPath = new Map(records.files.map((record) => [record[0], record]));
  const files: StoredHeaders['files'] = {};
  for (const [rel, header] of headers) {
    const record = byPath.get(path.join(root, rel));
    // A header whose file was read whole and partly (its embeds) has the last record: the whole file.
    if (record !== undefined) files[rel] = [record, header];
  }
  await writeCacheFile(file, JSON.stringify({ format: FORMAT, scan, files } satisfies StoredHeaders), 'the per-file scan cache', 'the next rescan will read every source file');
}

/** Whether the file's contents are read for a header, which editsKeepHeaders can check. */
export function hasHeader(file: string): boolean {
  return goSourceKind(path.basename(file)) !== undefined;
}

/**
 * Whether each edited source file (`edited`: records of the facts' scan whose files' contents
 * changed since) still has the header that scan stored for it, read as the scan reads it. If
 * so, the facts still hold, and the files' records in `records` are replaced by those of the
 * reads just made, which vouch for the files as they are now. A .go file the build leaves out
 * by its constraints has no stored clause: its edit is not vouched for here (a rescan decides).
 * Headers stored by another scan than the facts' (`scan`; its write failed) vouch for nothing.
 */
export function editsKeepHeaders(file: string, scan: string, root: string, records: ReadRecords, edited: readonly FileRecord[]): boolean {
  const stored = readCacheFile<StoredHeaders>(file);
  if (stored?.format !== FORMAT || stored.scan !== scan) return false;
  const reader = new RecordingReader(scannerSees);
  const paths = new Set(edited.map((record) => record[0]));
  for (const absolute of paths) {
    const rel = path.relative(root, absolute).split(path.sep).join('/');
    const before = stored.files[rel]?.[1];
    if (before === undefined || (rel.endsWith('.go') && before.clause === undefined)) return false;
    let now: GoFileHeader;
    try {
      now = readFileHeader(root, rel, reader);
    } catch (error) {
      // A header that no longer parses: the rescan reports it.
      if (error instanceof GoScanError) return false;
      throw error;
    }
    if (JSON.stringify(now) !== JSON.stringify(before)) return false;
  }
  records.files = [...records.files.filter((record) => !paths.has(record[0])), ...reader.records.files];
  return true;
}
