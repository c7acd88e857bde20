// The top-level functions and methods a Go package declares, and the call sites in their bodies,
// read from source without a full parser: a tokenizer that knows comments, interpreted and raw
// strings, runes and Go's automatic semicolons, and tracks bracket depth. A `func` keyword is a
// declaration only at depth 0 right after a semicolon (or at the start of the file), so
// `var f = func() {…}` and function literals inside bodies are not. Validation uses it to tell
// whether the functions a profile names still exist, and whether the lines PGO's call edges
// point at still hold calls.
//
// Calls are what go/parser makes a CallExpr of: a `(` right after an operand, i.e. after an
// identifier that is not a keyword, a literal, `)`, `]` or `}` (conversions such as `[]byte(s)`
// included: only types tell them apart). Signatures are skipped (parameter and result lists are
// not calls), and so are interface bodies (method specs). A function literal's body is its own
// function, as the compiler sees it: the n-th literal directly in F's body is `F.func<n>`, the
// n-th inside that one `F.func<k>.<n>`. A `func` right after an identifier, `]`, `*` or `chan`
// is a type (`var f func()`, `[]func(){…}`), never a literal.
import { GoScanError } from './go-error';

export interface GoReceiver {
  /** The receiver's base type name, without `*` or type parameters: `Set` for `(s *Set[T])`. */
  type: string;
  pointer: boolean;
}

export interface GoFuncBody {
  /** Lines of the `(` of each call in the body, outside nested function literals; ascending, once each. */
  callLines: number[];
  /** The function literals directly in the body, in source order: the compiler's func1, func2, … */
  closures: GoClosure[];
}

export interface GoClosure extends GoFuncBody {
  /** 1-based line of the literal's `func` keyword (the closure's start_line). */
  line: number;
}

export interface GoFuncDecl {
  name: string;
  /** Present for methods. */
  receiver?: GoReceiver;
  /** 1-based line of the `func` keyword. */
  line: number;
  /** Absent for declarations without a body (assembly, //go:linkname). */
  body?: GoFuncBody;
}

/** The function and method declarations of one .go file; `file` names it in errors. */
export function scanFuncDecls(text: string, file: string): GoFuncDecl[] {
  const tokens = new DeclTokenizer(text, file);
  const decls: GoFuncDecl[] = [];
  let depth = 0;
  let atDeclStart = true;
  for (let token = tokens.next(); token.kind !== 'eof'; token = tokens.next()) {
    if (depth === 0 && atDeclStart && isKeyword(token, 'func')) {
      const decl = funcDecl(tokens, token.line);
      if (decl !== undefined) decls.push(decl);
      // What follows the declaration (a semicolon) is read below.
      token = tokens.next();
      if (token.kind === 'eof') break;
    }
    if (token.kind === 'punct') {
      if (OPENERS.has(token.text)) depth++;
      else if (CLOSERS.has(token.text)) depth = Math.max(0, depth - 1);
    }
    atDeclStart = isPunct(token, ';');
  }
  return decls;
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

const isPunct = (token: Token, text: string): boolean => token.kind === 'punct' && token.text === text;
const isKeyword = (token: Token, text: string): boolean => token.kind === 'ident' && token.text === text;
const isName = (token: Token): boolean => token.kind === 'ident' && !KEYWORDS.has(token.text);

/** After `func` at the start of a declaration: receiver, name, signature and body. */
function funcDecl(tokens: DeclTokenizer, line: number): GoFuncDecl | undefined {
  let token = tokens.next();
  let receiver: GoReceiver | undefined;
  if (isPunct(token, '(')) {
    receiver = receiverOf(tokens);
    token = tokens.next();
  }
  if (token.kind !== 'ident') {
    tokens.unread(token);
    return undefined;
  }
  const decl: GoFuncDecl = { name: token.text, ...(receiver !== undefined && { receiver }), line };
  if (isPunct(tokens.peek(), '[')) skipBalanced(tokens, tokens.next());
  signature(tokens);
  if (isPunct(tokens.peek(), '{')) decl.body = body(tokens, tokens.next());
  return decl;
}

/**
 * Reads a receiver up to its closing parenthesis: `(s *Set[K, V])`, `(T)`, `(p (*T))`. The
 * base type is the last identifier outside type-parameter brackets; a `*` there makes it a
 * pointer receiver.
 */
function receiverOf(tokens: DeclTokenizer): GoReceiver | undefined {
  let parens = 1;
  let brackets = 0;
  let type: string | undefined;
  let pointer = false;
  for (let token = tokens.next(); token.kind !== 'eof'; token = tokens.next()) {
    if (token.kind === 'punct') {
      if (token.text === '(') parens++;
      else if (token.text === ')' && --parens === 0) break;
      else if (token.text === '[') brackets++;
      else if (token.text === ']') brackets--;
      else if (token.text === '*' && brackets === 0) pointer = true;
    } else if (token.kind === 'ident' && brackets === 0) {
      type = token.text;
    }
  }
  return type === undefined ? undefined : { type, pointer };
}

/** Skips from an opening bracket (already read) to its closing one. */
function skipBalanced(tokens: DeclTokenizer, open: Token): void {
  let depth = 1;
  for (let token = tokens.next(); token.kind !== 'eof'; token = tokens.next()) {
    if (token.kind !== 'punct') continue;
    if (OPENERS.has(token.text)) depth++;
    else if (CLOSERS.has(token.text) && --depth === 0) return;
  }
  throw tokens.error(`'${open.text}' opened on line ${open.line} is never closed`);
}

/** Parameters and results of a function (after its name or `func`); leaves a body unread. */
function signature(tokens: DeclTokenizer): void {
  const open = tokens.next();
  if (!isPunct(open, '(')) {
    tokens.unread(open);
    return;
  }
  skipBalanced(tokens, open);
  const next = tokens.peek();
  if (isPunct(next, '(')) skipBalanced(tokens, tokens.next());
  else if (startsType(next)) skipType(tokens);
}

function startsType(token: Token): boolean {
  if (token.kind === 'ident') return isName(token) || TYPE_KEYWORDS.has(token.text);
  return token.kind === 'punct' && (token.text === '*' || token.text === '[' || token.text === '(' || token.text === '<-');
}

const TYPE_KEYWORDS = new Set(['func', 'map', 'chan', 'struct', 'interface']);

/** Skips one type: a name with type arguments, or a pointer, slice, array, map, channel, function, struct or interface type. */
function skipType(tokens: DeclTokenizer): void {
  const token = tokens.next();
  if (isName(token)) {
    if (isPunct(tokens.peek(), '.')) {
      tokens.next();
      tokens.next();
    }
    if (isPunct(tokens.peek(), '[')) skipBalanced(tokens, tokens.next());
  } else if (isPunct(token, '*')) {
    skipType(tokens);
  } else if (isPunct(token, '[') || isKeyword(token, 'map')) {
    skipBalanced(tokens, isPunct(token, '[') ? token : tokens.next());
    skipType(tokens);
  } else if (isKeyword(token, 'chan') || isPunct(token, '<-')) {
    const next = tokens.next();
    if (!(isPunct(next, '<-') || isKeyword(next, 'chan'))) tokens.unread(next);
    skipType(tokens);
  } else if (isKeyword(token, 'func')) {
    signature(tokens);
  } else if (isKeyword(token, 'struct') || isKeyword(token, 'interface')) {
    skipBalanced(tokens, tokens.next());
  } else if (isPunct(token, '(')) {
    skipBalanced(tokens, token);
  } else {
    tokens.unread(token);
  }
}

/** A function body from its `{` (already read) to the matching `}`: its calls and its literals. */
function body(tokens: DeclTokenizer, open: Token): GoFuncBody {
  const calls = new Set<number>();
  const closures: GoClosure[] = [];
  let depth = 0;
  let previous = open;
  for (let token = tokens.next(); token.kind !== 'eof'; previous = tokens.last, token = tokens.next()) {
    if (token.kind === 'ident') {
      if (token.text === 'func') {
        const literal = !(isName(previous) || isPunct(previous, ']') || isPunct(previous, '*') || isKeyword(previous, 'chan'));
        signature(tokens);
        if (literal && isPunct(tokens.peek(), '{')) closures.push({ line: token.line, ...body(tokens, tokens.next()) });
      } else if (token.text === 'interface' && isPunct(tokens.peek(), '{')) {
        skipBalanced(tokens, tokens.next());
      }
    } else if (token.kind === 'punct') {
      if (token.text === '(') {
        if (isName(previous) || previous.kind === 'literal' || isPunct(previous, ')') || isPunct(previous, ']') || isPunct(previous, '}')) calls.add(token.line);
        depth++;
      } else if (token.text === '[' || token.text === '{') {
        depth++;
      } else if (CLOSERS.has(token.text)) {
        if (depth === 0) return { callLines: [...calls].sort((a, b) => a - b), closures };
        depth--;
      }
    }
  }
  throw tokens.error(`the body opened on line ${open.line} is never closed`);
}

interface Token {
  kind: 'ident' | 'literal' | 'punct' | 'eof';
  /** The identifier or punctuation; empty for literals (their value never matters here). */
  text: string;
  line: number;
}

const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const NUMBER = /\.?[0-9][0-9a-zA-Z_.]*/y;
/** Keywords after which a newline ends the statement (Go spec, "Semicolons"). */
const ENDING_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);

/** Go's tokens, coarsely: what matters is where declarations start, how brackets nest and what precedes a `(`. */
class DeclTokenizer {
  private pos: number;
  private line = 1;
  /** Whether a newline here inserts a semicolon: the previous token can end a statement. */
  private canEnd = false;
  /** Tokens read ahead (peek) or given back (unread), the next one last. */
  private readonly ahead: Token[] = [];
  /** The token next() returned last, and the one before (what unread() makes last again). */
  last: Token = { kind: 'punct', text: ';', line: 1 };
  private beforeLast: Token = this.last;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  next(): Token {
    const token = this.ahead.pop() ?? this.read();
    this.beforeLast = this.last;
    this.last = token;
    return token;
  }

  peek(): Token {
    if (this.ahead.length === 0) this.ahead.push(this.read());
    return this.ahead[this.ahead.length - 1]!;
  }

  /** Gives back the token next() just returned. */
  unread(token: Token): void {
    this.ahead.push(token);
    this.last = this.beforeLast;
  }

  private read(): Token {
    const token = this.scan();
    if (token.text !== ';' || token.kind !== 'punct') {
      this.canEnd =
        token.kind === 'literal' ||
        (token.kind === 'ident' && (!KEYWORDS.has(token.text) || ENDING_KEYWORDS.has(token.text))) ||
        (token.kind === 'punct' && (token.text === ')' || token.text === ']' || token.text === '}' || token.text === '++' || token.text === '--'));
    } else {
      this.canEnd = false;
    }
    return token;
  }

  private scan(): Token {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '\n') {
        const line = this.line++;
        this.pos++;
        if (this.canEnd) return { kind: 'punct', text: ';', line };
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '/' && text[this.pos + 1] === '/') {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (c === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) throw this.error('comment not terminated: add "*/"');
        const line = this.line;
        const newlines = this.countLines(this.pos, end);
        this.pos = end + 2;
        // A comment spanning lines acts like a newline.
        if (newlines > 0 && this.canEnd) return { kind: 'punct', text: ';', line };
      } else {
        return this.token(c);
      }
    }
    // The end of the file ends the last statement too.
    if (this.canEnd) return { kind: 'punct', text: ';', line: this.line };
    return { kind: 'eof', text: '', line: this.line };
  }

  private token(c: string): Token {
    const line = this.line;
    const start = this.pos;
    if (c === '"' || c === "'") {
      this.quoted(c);
      return { kind: 'literal', text: '', line };
    }
    if (c === '`') {
      const end = this.text.indexOf('`', start + 1);
      if (end < 0) throw this.error('raw string literal not terminated: add "`"');
      this.countLines(start, end);
      this.pos = end + 1;
      return { kind: 'literal', text: '', line };
    }
    IDENT.lastIndex = start;
    if (IDENT.test(this.text)) {
      this.pos = IDENT.lastIndex;
      return { kind: 'ident', text: this.text.slice(start, this.pos), line };
    }
    NUMBER.lastIndex = start;
    if (NUMBER.test(this.text)) {
      this.pos = NUMBER.lastIndex;
      return { kind: 'literal', text: '', line };
    }
    const two = this.text.slice(start, start + 2);
    this.pos += two === '++' || two === '--' || two === '<-' ? 2 : 1;
    return { kind: 'punct', text: this.text.slice(start, this.pos), line };
  }

  /** An interpreted string or rune literal starting at `pos`; escapes may hide the quote. */
  private quoted(quote: string): void {
    const text = this.text;
    let end = this.pos + 1;
    for (; end < text.length && text[end] !== quote && text[end] !== '\n'; end++) {
      if (text[end] === '\\') end++;
    }
    if (end >= text.length || text[end] !== quote) {
      throw this.error(`${quote === '"' ? 'string' : 'rune'} literal not terminated`);
    }
    this.pos = end + 1;
  }

  private countLines(from: number, to: number): number {
    let count = 0;
    for (let i = this.text.indexOf('\n', from); i >= 0 && i < to; i = this.text.indexOf('\n', i + 1)) count++;
    this.line += count;
    return count;
  }

  error(message: string): GoScanError {
    return new GoScanError('syntax', this.file, message, this.line);
  }
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

/** Where a function starts and which of its lines hold calls, as the source has them now. */
export interface GoFunctionSource {
  /** The line of its `func` keyword: the start_line the compiler gives it. */
  line: number;
  callLines: readonly number[];
}

/** The declarations of one package (all the files its build uses), for lookups by name. */
export class PackageDeclarations {
  private readonly funcs = new Map<string, GoFuncDecl>();
  /** Receiver base type → method name → declaration (pointer and value receivers alike). */
  private readonly methods = new Map<string, Map<string, GoFuncDecl>>();
  /** The `func init()` declarations in order: the compiler names them init.0, init.1, … */
  private readonly inits: GoFuncDecl[] = [];

  constructor(readonly decls: readonly GoFuncDecl[]) {
    for (const decl of decls) {
      if (decl.receiver !== undefined) {
        let names = this.methods.get(decl.receiver.type);
        if (names === undefined) this.methods.set(decl.receiver.type, (names = new Map()));
        names.set(decl.name, decl);
      } else if (decl.name === 'init') {
        this.inits.push(decl);
      } else {
        this.funcs.set(decl.name, decl);
      }
    }
  }

  get initCount(): number {
    return this.inits.length;
  }

  func(name: string): GoFuncDecl | undefined {
    return this.funcs.get(name);
  }

  method(type: string, name: string): GoFuncDecl | undefined {
    return this.methods.get(type)?.get(name);
  }

  /** The `index`-th `func init()` (init.<index>). */
  init(index: number): GoFuncDecl | undefined {
    return this.inits[index];
  }

  /** Scans `files` (text and the name for errors). */
  static fromSources(files: Iterable<{ text: string; file: string }>): PackageDeclarations {
    const decls: GoFuncDecl[] = [];
    for (const { text, file } of files) decls.push(...scanFuncDecls(text, file));
    return new PackageDeclarations(decls);
  }

  hasFunc(name: string): boolean {
    return this.funcs.has(name);
  }

  /**
   * Whether type `type` has method `name`, with either receiver kind: the compiler generates
   * `(*T).M` wrappers for value methods, so a profile may name either form.
   */
  hasMethod(type: string, name: string): boolean {
    return this.method(type, name) !== undefined;
  }
}
