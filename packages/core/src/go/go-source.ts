// The header of one .go file, read without parsing the whole file: the build constraint lines,
// and (for files the build uses) the package clause and the import paths. Comments and string
// literals are tokenized properly, so a cgo preamble full of quotes or a `/* import "x" */`
// cannot confuse it. Two functions, as go/build ignores syntax errors in excluded files.
import { GoScanError } from './go-error';
import { unquoteGoString } from './go-string';

export interface GoImport {
  path: string;
  line: number;
}

export interface ConstraintLine {
  /** The expression after `//go:build` or `// +build`. */
  expr: string;
  line: number;
}

export interface GoConstraintLines {
  /** The `//go:build` line; when present it alone decides. */
  goBuild?: ConstraintLine;
  /** `// +build` lines of the leading comment block (which must end with a blank line). */
  plusBuild: ConstraintLine[];
}

export interface GoPackageClause {
  packageName: string;
  imports: GoImport[];
}

/**
 * The build constraint lines of `text`, found as go/build's parseFileHeader finds them;
 * `file` names it in errors. Only the leading comments are read.
 */
export function scanConstraintLines(text: string, file: string): GoConstraintLines {
  return scanConstraintHeader(text, file).lines;
}

/**
 * scanConstraintLines, and whether the header ended inside `text` (at a line that is not a
 * comment): when `text` is only the start of a file, an unfinished header needs the rest.
 */
export function scanConstraintHeader(text: string, file: string): { lines: GoConstraintLines; complete: boolean } {
  let complete = false;
  let goBuild: ConstraintLine | undefined;
  // +build lines count only above the last blank line before the first non-comment line.
  let lastBlankLine = 0;
  let ended = false;
  let inSlashStar = false;
  const plusBuild: ConstraintLine[] = [];
  let pos = 0;
  let lineNo = 0;
  lines: while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    let line = text.slice(pos, lineEnd).trim();
    pos = lineEnd + 1;
    lineNo++;
    if (line === '' && !ended) {
      lastBlankLine = lineNo;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inSlashStar) {
      const expr = directiveExpr(line, '//go:build');
      if (expr !== undefined) {
        if (goBuild !== undefined) {
          throw new GoScanError('syntax', file, `second //go:build line (the first is on line ${goBuild.line}): merge them into one`, lineNo);
        }
        goBuild = { expr, line: lineNo };
      } else if (!ended && line.startsWith('//')) {
        const plus = directiveExpr(`//${line.slice(2).trim()}`, '//+build');
        if (plus !== undefined) plusBuild.push({ expr: plus, line: lineNo });
      }
    }
    while (line.length > 0) {
      if (inSlashStar) {
        const close = line.indexOf('*/');
        if (close < 0) continue lines;
        inSlashStar = false;
        line = line.slice(close + 2).trim();
      } else if (line.startsWith('//')) {
        continue lines;
      } else if (line.startsWith('/*')) {
        inSlashStar = true;
        line = line.slice(2).trim();
      } else {
        complete = true;
        break lines;
      }
    }
  }
  return {
    lines: {
      ...(goBuild !== undefined && { goBuild }),
      plusBuild: plusBuild.filter((constraint) => constraint.line < lastBlankLine),
    },
    complete,
  };
}

/**
 * The package clause and imports of `text`, stopping at the first declaration after the
 * imports; `file` names it in errors.
 */
export function scanPackageClause(text: string, file: string): GoPackageClause {
  return scanPackageHeader(text, file).clause;
}

/**
 * scanPackageClause, and whether the imports ended inside `text` (at a token that is not an
 * import): when `text` is only the start of a file, imports that run to its end need the rest.
 */
export function scanPackageHeader(text: string, file: string): { clause: GoPackageClause; complete: boolean } {
  const lexer = new GoLexer(text, file);
  const keyword = lexer.next();
  if (keyword.kind !== 'ident' || keyword.text !== 'package') {
    throw lexer.error(`expected the package clause, found ${describe(keyword)}: is this a Go source file?`, keyword.line);
  }
  const name = lexer.next();
  if (name.kind !== 'ident') throw lexer.error(`expected a package name, found ${describe(name)}`, name.line);
  const imports: GoImport[] = [];
  for (;;) {
    const token = lexer.next();
    if (token.kind === 'punct' && token.text === ';') continue;
    if (token.kind !== 'ident' || token.text !== 'import') return { clause: { packageName: name.text, imports }, complete: token.kind !== 'eof' };
    const first = lexer.next();
    if (first.kind !== 'punct' || first.text !== '(') {
      imports.push(importSpec(lexer, first));
      continue;
    }
    for (;;) {
      const spec = lexer.next();
      if (spec.kind === 'punct' && spec.text === ')') break;
      if (spec.kind === 'punct' && spec.text === ';') continue;
      imports.push(importSpec(lexer, spec));
    }
  }
}

/** The text after `prefix` when `line` is that directive (prefix alone, or followed by space). */
function directiveExpr(line: string, prefix: string): string | undefined {
  if (!line.startsWith(prefix)) return undefined;
  const rest = line.slice(prefix.length);
  if (rest !== '' && rest.trimStart() === rest) return undefined;
  return rest.trim();
}

/** ImportSpec = [ "." | "_" | identifier ] ImportPath, starting at `token`. */
function importSpec(lexer: GoLexer, token: Token): GoImport {
  const pathToken = token.kind === 'ident' || (token.kind === 'punct' && token.text === '.') ? lexer.next() : token;
  if (pathToken.kind !== 'string') throw lexer.error(`expected an import path, found ${describe(pathToken)}`, pathToken.line);
  if (!isValidImportPath(pathToken.text)) throw lexer.error(`invalid import path ${JSON.stringify(pathToken.text)}`, pathToken.line);
  return { path: pathToken.text, line: pathToken.line };
}

/** go/build's isValidImport. */
function isValidImportPath(path: string): boolean {
  return path !== '' && !/[!"#$%&'()*,:;<=>?[\\\]^{|}`\uFFFD\s\p{C}]/u.test(path);
}

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'eof';
  /** Identifier, unquoted string value, or punctuation character. */
  text: string;
  line: number;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file';
    case 'string':
      return `the string ${JSON.stringify(token.text)}`;
    default:
      return `"${token.text}"`;
  }
}

const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const NEWLINE = 10;
const SLASH = 47;
const STAR = 42;

/** Just enough of Go's lexer for a file header: identifiers, strings, punctuation; comments skipped. */
class GoLexer {
  private pos: number;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  next(): Token {
    this.skipSpaceAndComments();
    const text = this.text;
    const line = this.line;
    if (this.pos >= text.length) return { kind: 'eof', text: '', line };
    const c = text[this.pos]!;
    if (c === '"' || c === '`') return { kind: 'string', text: this.string(c), line };
    IDENT.lastIndex = this.pos;
    if (IDENT.test(text)) {
      const start = this.pos;
      this.pos = IDENT.lastIndex;
      return { kind: 'ident', text: text.slice(start, this.pos), line };
    }
    this.pos++;
    return { kind: 'punct', text: c, line };
  }

  error(message: string, line: number): GoScanError {
    return new GoScanError('syntax', this.file, message, line);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === NEWLINE) {
        this.line++;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13) {
        this.pos++;
      } else if (c === SLASH && text.charCodeAt(this.pos + 1) === SLASH) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (c === SLASH && text.charCodeAt(this.pos + 1) === STAR) {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) throw this.error('comment not terminated: add "*/"', this.line);
        this.countLines(this.pos, end);
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  /** The value of the string literal at `pos`, which starts with `quote`. */
  private string(quote: string): string {
    const text = this.text;
    const start = this.pos;
    let end = start + 1;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === quote) break;
      if (quote === '"') {
        if (c === '\n') break;
        if (c === '\\') end++;
      }
    }
    if (end >= text.length || text[end] !== quote) throw this.error('string literal not terminated', this.line);
    const value = unquoteGoString(text.slice(start, end + 1));
    if (value === undefined) throw this.error('invalid escape in string literal', this.line);
    this.countLines(start, end);
    this.pos = end + 1;
    return value;
  }

  private countLines(from: number, to: number): void {
    for (let i = this.text.indexOf('\n', from); i >= 0 && i < to; i = this.text.indexOf('\n', i + 1)) this.line++;
  }
}
