// File globs for the file source (Node 20 has no fs.glob): `*`, `?`, `[abc]`/`[!abc]` within
// one path segment, `**` for any number of directories. As in shells, wildcards do not match a
// leading dot. Patterns use `/`; relative ones resolve against `cwd`.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = /[*?[]/;

/** The files (not directories) matching `pattern`, absolute and sorted. */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, pattern.split('/').join(path.sep));
  const root = path.parse(absolute).root;
  const segments = path.relative(root, absolute).split(path.sep).filter((s) => s !== '');
  const found = new Set<string>();
  await walk(root, segments, found);
  return [...found].sort();
}

async function walk(dir: string, segments: string[], found: Set<string>): Promise<void> {
  if (segments.length === 0) {
    if (await isFile(dir)) found.add(dir);
    return;
  }
  const [segment, ...rest] = segments as [string, ...string[]];
  if (segment === '**') {
    await walk(dir, rest, found);
    for (const child of await subdirectories(dir)) await walk(path.join(dir, child), segments, found);
    return;
  }
  if (!MAGIC.test(segment)) return walk(path.join(dir, segment), rest, found);
  const matcher = segmentPattern(segment);
  for (const entry of await entries(dir)) {
    if (matcher.test(entry)) await walk(path.join(dir, entry), rest, found);
  }
}

/** One segment's wildcards as a regular expression. */
function segmentPattern(segment: string): RegExp {
  let source = segment.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' && segment.indexOf(']', i + 2) > 0) {
      const end = segment.indexOf(']', i + 2);
      const body = segment.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      source += `[${negate ? '^' : ''}${(negate ? body.slice(1) : body).replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

async function subdirectories(dir: string): Promise<string[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => []);
  // Hidden directories (.git) are skipped, as `*` skips them.
  return list.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}
