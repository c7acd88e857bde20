// The scanner's per-file cache between graph computations (Nx 24 starts a fresh plugin worker
// for each, so it lives on disk): what a scan read of each source file, its build constraints,
// package clause, imports and embed patterns, kept with the file's record in
// graph-<key>.headers.json. A rescan takes a file's header from there while the file's stat is
// what it was, so an edit of one .go file reads that file (and lists its directory) again, not
// the workspace. Read only when the facts have to be rescanned: a warm graph never parses it.
import path from 'node:path';
import type { GoFileHeader, GoHeaderCache } from '@go-pgo/core/graph';
import { readCacheFile, writeCacheFile } from './cache-file';
import type { FileRecord, ReadRecords, RecordingReader } from './read-records';

const FORMAT = 1;

interface StoredHeaders {
  format: number;
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

/** Stores the headers of a scan with the records of the files they were read from. */
export async function storeHeaders(file: string, root: string, headers: ReadonlyMap<string, GoFileHeader>, records: ReadRecords): Promise<void> {
  const byPath = new Map(records.files.map((record) => [record[0], record]));
  const files: StoredHeaders['files'] = {};
  for (const [rel, header] of headers) {
    const record = byPath.get(path.join(root, rel));
    // A header whose file was read whole and partly (its embeds) has the last record: the whole file.
    if (record !== undefined) files[rel] = [record, header];
  }
  await writeCacheFile(file, JSON.stringify({ format: FORMAT, files } satisfies StoredHeaders), 'the per-file scan cache', 'the next rescan will read every source file');
}
