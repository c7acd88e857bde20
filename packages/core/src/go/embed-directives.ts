// The //go:embed patterns of a Go file, found as go/build finds them: in files that import
// "embed", every line comment starting with `//go:embed` anywhere in the file (comments,
// strings, raw strings and rune literals are skipped properly, so a pattern-like text inside
// a string is not one). Arguments are space-separated, or Go string literals; a malformed line
// is ignored, as go/build ignores it (the compiler reports it).
import { unquoteGoString } from './go-string';

export interface EmbedPattern {
  /** As written, `all:` prefix included. */
  pattern: string;
  /** Root-relative file and 1-based line of the directive. */
  file: string;
  line: number;
}

const DIRECTIVE = '//go:embed';

export function scanEmbedPatterns(text: string, file: string): EmbedPattern[] {
  const patterns: EmbedPattern[] = [];
  let line = 1;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      if (text.startsWith(DIRECTIVE, i)) {
        const args = directiveArgs(text.slice(i + DIRECTIVE.length, end).replace(/\r/g, ''));
        for (const pattern of args ?? []) patterns.push({ pattern, file, line });
      }
      i = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      line += countNewlines(text, i, stop);
      i = stop;
    } else if (c === 34 || c === 39) {
      // "…" and '…': to the closing quote, skipping escapes; never past the line's end.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j + 1;
    } else if (c === 96) {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? n : end + 1;
      line += countNewlines(text, i, stop);
      i = stop;
    } else {
      i++;
    }
  }
  return patterns;
}

/**
 * The arguments after `//go:embed`, as go/ast's Directive.ParseArgs splits them; undefined
 * when the directive is malformed (the name runs on, a bad quoted argument).
 */
function directiveArgs(rest: string): string[] | undefined {
  if (rest !== '' && !isSpace(rest[0]!)) return undefined;
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (i < rest.length && isSpace(rest[i]!)) i++;
    if (i >= rest.length) return args;
    const quote = rest[i];
    let j = i + 1;
    if (quote === '"' || quote === '`') {
      while (j < rest.length && rest[j] !== quote) j += quote === '"' && rest[j] === '\\' ? 2 : 1;
      const value = j < rest.length ? unquoteGoString(rest.slice(i, j + 1)) : undefined;
      // A quoted argument must end at a space or the end of the line.
      if (value === undefined || (j + 1 < rest.length && !isSpace(rest[j + 1]!))) return undefined;
      args.push(value);
      i = j + 1;
    } else {
      while (j < rest.length && !isSpace(rest[j]!)) j++;
      args.push(rest.slice(i, j));
      i = j;
    }
  }
}

/** Go's unicode.IsSpace. */
function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
