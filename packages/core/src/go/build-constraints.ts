// Build constraints as go/build reads them: `//go:build` expressions (&&, ||, !, parentheses),
// the older `// +build` lines, and the GOOS/GOARCH suffixes of file names. What a tag means
// (GOOS, cgo, go1.N, …) is decided by the caller's `matches` function (see build-context.ts).

/** A parsed constraint: a tree of tags under !, && and ||. */
export type BuildExpr =
  | { op: 'tag'; tag: string }
  | { op: 'not'; x: BuildExpr }
  | { op: 'and' | 'or'; x: BuildExpr; y: BuildExpr };

/** A //go:build expression that does not parse; `offset` is into the expression text. */
export class BuildConstraintSyntaxError extends Error {
  override readonly name = 'BuildConstraintSyntaxError';

  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export type TagMatcher = (tag: string) => boolean;

// From go/build's internal/syslist: only these names are recognized as file-name suffixes.
export const KNOWN_OS: ReadonlySet<string> = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(' '),
);
export const UNIX_OS: ReadonlySet<string> = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd solaris'.split(' '),
);
export const KNOWN_ARCH: ReadonlySet<string> = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);

/** Go caps expressions at 1000 operands, which also bounds our recursion depth. */
const MAX_SIZE = 1000;
/** And // +build lines at 100 operators. */
const MAX_PLUS_BUILD_SIZE = 100;
const TAG = /^[\p{L}\p{Nd}_.]+$/u;
const TAG_PREFIX = /[\p{L}\p{Nd}_.]+/uy;

export function evalBuildExpr(x: BuildExpr, matches: TagMatcher): boolean {
  switch (x.op) {
    case 'tag':
      return matches(x.tag);
    case 'not':
      return !evalBuildExpr(x.x, matches);
    case 'and':
      return evalBuildExpr(x.x, matches) && evalBuildExpr(x.y, matches);
    case 'or':
      return evalBuildExpr(x.x, matches) || evalBuildExpr(x.y, matches);
  }
}

/** Parses the expression of a `//go:build` line (the text after `//go:build`). */
export function parseGoBuildExpr(text: string): BuildExpr {
  return new ExprParser(text).parse();
}

/**
 * Parses the expression of a `// +build` line: space-separated options are ORed, the
 * comma-separated terms of an option ANDed. Like go/build, a malformed term becomes the tag
 * `ignore` instead of an error, so it never matches (and `!ignore` always does), and a line
 * with more than 100 operators is undefined: go/build then skips the line.
 */
export function parsePlusBuildExpr(text: string): BuildExpr | undefined {
  let size = 0;
  let x: BuildExpr | undefined;
  for (const option of text.split(/\s+/)) {
    if (option === '') continue;
    let y: BuildExpr | undefined;
    for (const term of option.split(',')) {
      const z = plusBuildTerm(term);
      if (y !== undefined && ++size > MAX_PLUS_BUILD_SIZE) return undefined;
      y = y === undefined ? z : { op: 'and', x: y, y: z };
    }
    if (x !== undefined && ++size > MAX_PLUS_BUILD_SIZE) return undefined;
    x = x === undefined ? y! : { op: 'or', x, y: y! };
  }
  return x ?? tag('ignore');
}

function plusBuildTerm(term: string): BuildExpr {
  if (term.startsWith('!!') || term === '!') return tag('ignore');
  const negated = term.startsWith('!');
  const name = negated ? term.slice(1) : term;
  const x = isValidTag(name) ? tag(name) : tag('ignore');
  return negated ? { op: 'not', x } : x;
}

/**
 * go/build's goodOSArchFile: false when the name (`x_GOOS.go`, `x_GOARCH.go`,
 * `x_GOOS_GOARCH.go`, each optionally before `_test`) carries a suffix `matches` rejects.
 * Only what follows the first underscore counts, so `linux.go` is not constrained.
 */
export function goodOSArchFile(name: string, matches: TagMatcher): boolean {
  const stem = name.split('.', 1)[0]!;
  const underscore = stem.indexOf('_');
  if (underscore < 0) return true;
  const parts = stem.slice(underscore).split('_');
  if (parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  const last = parts[n - 1]!;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]!) && KNOWN_ARCH.has(last)) {
    return matches(last) && matches(parts[n - 2]!);
  }
  if (n >= 1 && (KNOWN_OS.has(last) || KNOWN_ARCH.has(last))) return matches(last);
  return true;
}

function tag(name: string): BuildExpr {
  return { op: 'tag', tag: name };
}

function isValidTag(word: string): boolean {
  return TAG.test(word);
}

/** Recursive descent over go/build/constraint's grammar: or := and {'||' and}; and := not {'&&' not}. */
class ExprParser {
  private pos = 0;
  private tok = '';
  private tokPos = 0;
  private isTag = false;
  private size = 0;

  constructor(private readonly text: string) {}

  parse(): BuildExpr {
    const x = this.or();
    if (this.tok !== '') this.fail(this.tokPos, `unexpected token ${this.tok}`);
    return x;
  }

  private or(): BuildExpr {
    let x = this.and();
    while (this.tok === '||') x = { op: 'or', x, y: this.and() };
    return x;
  }

  private and(): BuildExpr {
    let x = this.not();
    while (this.tok === '&&') x = { op: 'and', x, y: this.not() };
    return x;
  }

  private not(): BuildExpr {
    if (++this.size > MAX_SIZE) this.fail(this.tokPos, 'build expression too large');
    this.lex();
    if (this.tok === '!') {
      this.lex();
      if (this.tok === '!') this.fail(this.tokPos, 'double negation not allowed');
      return { op: 'not', x: this.atom() };
    }
    return this.atom();
  }

  private atom(): BuildExpr {
    if (this.tok === '(') {
      const open = this.tokPos;
      const x = this.or();
      if (!this.at(')')) this.fail(open, 'missing close paren');
      this.lex();
      return x;
    }
    if (!this.isTag) this.fail(this.tokPos, this.tok === '' ? 'unexpected end of expression' : `unexpected token ${this.tok}`);
    const x = tag(this.tok);
    this.lex();
    return x;
  }

  /** Reads `tok` through a call, as TypeScript would otherwise keep it narrowed across or(). */
  private at(tok: string): boolean {
    return this.tok === tok;
  }

  private lex(): void {
    const s = this.text;
    this.isTag = false;
    while (this.pos < s.length && (s[this.pos] === ' ' || s[this.pos] === '\t')) this.pos++;
    this.tokPos = this.pos;
    if (this.pos >= s.length) {
      this.tok = '';
      return;
    }
    const c = s[this.pos]!;
    if (c === '(' || c === ')' || c === '!') {
      this.tok = c;
      this.pos++;
      return;
    }
    if (c === '&' || c === '|') {
      if (s[this.pos + 1] !== c) this.fail(this.pos, `invalid syntax at ${c}`);
      this.tok = c + c;
      this.pos += 2;
      return;
    }
    TAG_PREFIX.lastIndex = this.pos;
    const end = TAG_PREFIX.test(s) ? TAG_PREFIX.lastIndex : this.pos;
    if (end === this.pos) this.fail(this.pos, `invalid syntax at ${String.fromCodePoint(s.codePointAt(this.pos)!)}`);
    this.tok = s.slice(this.pos, end);
    this.pos = end;
    this.isTag = true;
  }

  private fail(offset: number, message: string): never {
    throw new BuildConstraintSyntaxError(offset, message);
  }
}
