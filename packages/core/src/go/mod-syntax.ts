// The line-oriented syntax shared by go.mod and go.work (golang.org/x/mod/modfile): one
// directive per line, `verb (` … `)` blocks whose lines repeat the verb, `//` comments, words
// and "double-quoted" strings (modfile lexes `raw` strings but then rejects them). This file
// turns text into directive lines; what each verb means is for go-mod.ts and go-work.ts.
import { GoScanError } from './go-error';
import { unquoteGoString } from './go-string';

export interface ModToken {
  /** The token's value: unquoted for a string literal. */
  text: string;
  /** Punctuation `( ) [ ] { } ,` as opposed to a word or string. */
  punct: boolean;
}

export interface ModDirective {
  verb: string;
  /** Tokens after the verb (inside a block: every token of the line). */
  args: ModToken[];
  /** 1-based line of the directive. */
  line: number;
}

const PUNCT = '()[]{},';

/** Directives of a go.mod or go.work text, in order; `file` is only for messages. */
export function parseModSyntax(text: string, file: string): ModDirective[] {
  const directives: ModDirective[] = [];
  let block: { verb: string; line: number } | undefined;
  for (const { tokens, line } of tokenLines(text, file)) {
    const first = tokens[0]!;
    if (block !== undefined) {
      if (tokens.length === 1 && isPunct(first, ')')) {
        block = undefined;
      } else if (tokens.some((token) => isPunct(token, '(') || isPunct(token, ')'))) {
        throw syntaxError(file, line, `unexpected parenthesis inside the "${block.verb}" block opened on line ${block.line}`);
      } else {
        directives.push({ verb: block.verb, args: tokens, line });
      }
      continue;
    }
    if (first.punct) throw syntaxError(file, line, `unexpected "${first.text}" at the start of a line`);
    const last = tokens[tokens.length - 1]!;
    if (tokens.length === 2 && isPunct(last, '(')) {
      block = { verb: first.text, line };
    } else if (tokens.length === 3 && isPunct(tokens[1]!, '(') && isPunct(last, ')')) {
      // `verb ()`: an empty block.
    } else {
      directives.push({ verb: first.text, args: tokens.slice(1), line });
    }
  }
  if (block !== undefined) throw syntaxError(file, block.line, `the "${block.verb}" block is not closed: add a line with ")"`);
  return directives;
}

/** Non-empty lines of tokens, comments dropped. */
function tokenLines(text: string, file: string): { tokens: ModToken[]; line: number }[] {
  const lines: { tokens: ModToken[]; line: number }[] = [];
  let tokens: ModToken[] = [];
  let line = 1;
  let i = 0;
  const endLine = (): void => {
    if (tokens.length > 0) lines.push({ tokens, line });
    tokens = [];
    line++;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      endLine();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
      i++;
    } else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      throw syntaxError(file, line, 'go.mod and go.work files allow only // comments, not /* */');
    } else if (PUNCT.includes(c)) {
      tokens.push({ text: c, punct: true });
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const value = end < 0 ? undefined : unquoteGoString(text.slice(i, end));
      if (value === undefined) throw syntaxError(file, line, 'unterminated or invalid string: close it with " on the same line');
      tokens.push({ text: value, punct: false });
      i = end;
    } else {
      const start = i;
      while (i < text.length && isWordChar(text[i]!) && !text.startsWith('//', i)) i++;
      if (i === start) throw syntaxError(file, line, `unexpected character ${JSON.stringify(c)}`);
      const word = text.slice(start, i);
      if (/["'`]/.test(word)) throw syntaxError(file, line, `quote inside ${word}: quote a whole path with "…", or not at all`);
      tokens.push({ text: word, punct: false });
    }
  }
  endLine();
  return lines;
}

/** Index just past the closing quote of the literal starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return -1;
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

function isPunct(token: ModToken, text: string): boolean {
  return token.punct && token.text === text;
}

function isWordChar(c: string): boolean {
  // As modfile lexes: a quote inside a word belongs to the word (and makes it invalid).
  return !PUNCT.includes(c) && !/\s/.test(c) && c >= ' ';
}

export function syntaxError(file: string, line: number, message: string): GoScanError {
  return new GoScanError('syntax', file, message, line);
}
