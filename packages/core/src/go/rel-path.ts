// Paths in the scanner's data model are '/'-separated and relative to the workspace root ('.'
// for the root itself; a module or replacement outside the root starts with '..'), so results
// are the same on every OS and can key caches. These helpers convert and combine them.
import path from 'node:path';

/** The path the file reader is called with for `rel`. */
export function fsPath(root: string, rel: string): string {
  return rel === '.' ? root : `${root}/${rel}`;
}

/**
 * `target` as written in go.work or go.mod (relative to `baseRel`, or absolute; either slash),
 * as a root-relative path.
 */
export function resolveRel(root: string, baseRel: string, target: string): string {
  if (path.isAbsolute(target) || path.win32.isAbsolute(target)) {
    return toRel(path.relative(root, target));
  }
  return toRel(path.posix.join(baseRel, target.replace(/\\/g, '/')));
}

/** `dir/name` for a root-relative dir. */
export function joinRel(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Whether `rel` is `dir` or below it. */
export function isWithin(dir: string, rel: string): boolean {
  return dir === '.' ? !rel.startsWith('../') && rel !== '..' : rel === dir || rel.startsWith(`${dir}/`);
}

/** `rel` relative to `dir`, which contains it ('' when equal). */
export function relativeTo(dir: string, rel: string): string {
  if (rel === dir) return '';
  return dir === '.' ? rel : rel.slice(dir.length + 1);
}

export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

export function parentRel(rel: string): string {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '.' : rel.slice(0, slash);
}

/** Code-unit order, the same on every machine (localeCompare is not). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRel(p: string): string {
  const normalized = path.posix.normalize(p.split(path.sep).join('/')).replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}
