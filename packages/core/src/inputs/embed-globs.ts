// A //go:embed pattern as globs over the workspace, with Go's rules (cmd/go's resolveEmbed):
// the pattern is a path.Match glob relative to the package directory; a file it matches is
// embedded, a directory it matches is embedded recursively, leaving out names that start with
// . or _ below it unless the pattern has the `all:` prefix. Globs rather than the files found
// today, so a file added to an embedded directory changes the hash.

import { globLiteral } from './glob-text';

export interface EmbedGlob {
  glob: string;
  negated: boolean;
}

/**
 * The globs (root-relative, `/`-separated) for `pattern` in the package directory `dir`;
 * empty for a pattern the go command rejects (the build fails whatever the files).
 */
export function embedGlobs(dir: string, pattern: string): EmbedGlob[] {
  const all = pattern.startsWith('all:');
  const path = all ? pattern.slice(4) : pattern;
  const glob = translate(path);
  if (glob === undefined) return [];
  const base = dir === '.' ? glob : `${globLiteral(dir)}/${glob}`;
  const globs: EmbedGlob[] = [
    { glob: base, negated: false },
    { glob: `${base}/**`, negated: false },
  ];
  if (!all) {
    for (const hidden of ['.*', '_*']) {
      globs.push({ glob: `${base}/**/${hidden}`, negated: true }, { glob: `${base}/**/${hidden}/**`, negated: true });
    }
  }
  return globs;
}

/**
 * Go's path.Match syntax in the glob dialect of Nx: `*` and `?` carry over; a character class
 * of letters, digits and ranges carries over (`[^…]` becomes `[!…]`), and any other class
 * becomes `?`, which matches a superset (never a miss); a `\` escape and the characters Nx's
 * globs give a meaning are escaped with `\`. Undefined for what Go refuses: an invalid path
 * (empty, absolute, `.` or `..` elements, a trailing slash) or a malformed pattern.
 */
function translate(pattern: string): string | undefined {
  if (pattern === '' || pattern === '.' || pattern.startsWith('/') || pattern.endsWith('/')) return undefined;
  if (pattern.split('/').some((element) => element === '' || element === '.' || element === '..')) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      out += globLiteral(next);
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      out += simpleClass(pattern.slice(i + 1, end)) ?? '?';
      i = end;
    } else if (c === '*' || c === '?') {
      out += c;
    } else {
      out += globLiteral(c);
    }
  }
  return out;
}

/** `[…]` for a class body of letters, digits and ranges (after an optional ^); undefined otherwise. */
function simpleClass(body: string): string | undefined {
  const negated = body.startsWith('^');
  const items = negated ? body.slice(1) : body;
  if (!/^(?:[\p{L}\p{N}_](?:-[\p{L}\p{N}_])?)+$/u.test(items)) return undefined;
  return `[${negated ? '!' : ''}${items}]`;
}

/** The index of the `]` closing the class opened at `start`, or -1 (Go: ErrBadPattern). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') return -1;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === ']') return i;
    else if (c === '/') return -1;
  }
  return -1;
}
