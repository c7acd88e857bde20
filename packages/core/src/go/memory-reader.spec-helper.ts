// An in-memory GoFileReader for tests: a workspace described as { 'path/file': 'content' },
// with a count of every call, so tests can check what the scanner reads and how often.
import type { DirEntry, GoFileReader } from './file-reader';

export const MEMORY_ROOT = '/ws';

export interface CountingReader extends GoFileReader {
  /** Calls per method and path, e.g. reads['/ws/a/go.mod'] === 1. */
  reads: Map<string, number>;
  readDirs: Map<string, number>;
}

/**
 * A reader over `files` (root-relative paths → content), rooted at MEMORY_ROOT. Directories
 * are implied by the paths; `symlinks` maps a root-relative path to the kind it resolves to
 * (give a link to a file its content in `files` as well).
 */
export function memoryReader(files: Record<string, string>, symlinks: Record<string, 'file' | 'dir'> = {}): CountingReader {
  const contents = new Map<string, string>();
  const dirs = new Map<string, Map<string, DirEntry>>();
  const addEntry = (full: string, kind: DirEntry['kind']): void => {
    const slash = full.lastIndexOf('/');
    const parent = full.slice(0, slash);
    const name = full.slice(slash + 1);
    if (!dirs.has(parent)) {
      dirs.set(parent, new Map());
      if (parent !== '') addEntry(parent, 'dir');
    }
    if (!dirs.get(parent)!.has(name)) dirs.get(parent)!.set(name, { name, kind });
  };
  // Links first, so that a link listed in `files` too (to give its content) stays a link.
  for (const rel of Object.keys(symlinks)) addEntry(normalize(`${MEMORY_ROOT}/${rel}`), 'symlink');
  for (const [rel, content] of Object.entries(files)) {
    contents.set(normalize(`${MEMORY_ROOT}/${rel}`), content);
    addEntry(normalize(`${MEMORY_ROOT}/${rel}`), 'file');
  }
  const reads = new Map<string, number>();
  const readDirs = new Map<string, number>();
  const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
  return {
    reads,
    readDirs,
    readFile(path) {
      count(reads, path);
      const content = contents.get(normalize(path));
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
    readDir(path) {
      count(readDirs, path);
      const entries = dirs.get(normalize(path));
      return entries && [...entries.values()];
    },
    stat(path) {
      const p = normalize(path);
      const link = Object.entries(symlinks).find(([rel]) => normalize(`${MEMORY_ROOT}/${rel}`) === p)?.[1];
      if (link !== undefined) return link;
      return contents.has(p) ? 'file' : dirs.has(p) ? 'dir' : undefined;
    },
  };
}

/** Resolves '.' and '..' segments: the scanner addresses '/ws/../outside' and the like. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}
