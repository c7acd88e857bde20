// The top-level functions and methods a Go package declares, read from its source without a
// full parser: a tokenizer that knows comments, interpreted and raw strings, runes and Go's
// automatic semicolons, and tracks bracket depth. A `func` keyword is a declaration only at
// depth 0 right after a semicolon (or at the start of the file), so `var f = func() {…}` and
// function literals inside bodies are not. Validation uses it to tell whether the functions a
// profile names still exist in the current source.
import { GoScanError } from './go-error';

export interface GoReceiver {
  /** The receiver's base type name, without `*` or type parameters: `Set` for `(s *Set[T])`. */
  type: string;
  pointer: boolean;
}

export interface GoFuncDecl {
  name: string;
  /** Present for methods. */
  receiver?: GoReceiver;
  /** 1-based line of the `func` keyword. */
  line: number;
}

/** The function and method declarations of one .go file; `file` names it in errors. */
export function scanFuncDecls(text: string, file: string): GoFuncDecl[] {
  const tokens = new DeclTokenizer(text, file);
  const decls: GoFuncDecl[] = [];
  let depth = 0;
  let atDeclStart = true;
  for (let token = tokens.next(); token.kind !== 'eof'; token = tokens.next()) {
    if (depth === 0 && atDeclStart && token.kind === 'ident' && token.text === 'func') {
      const decl = funcDecl(tokens, token.line);
      if (decl !== undefined) decls.push(decl.decl);
      // The receiver's parentheses were consumed; what follows (parameters, body) is tracked below.
      token = decl?.next ?? tokens.next();
      if (token.kind === 'eof') break;
    }
    if (token.kind === 'punct') {
      if (OPENERS.has(token.text)) depth++;
      else if (CLOSERS.has(token.text)) depth = Math.max(0, depth - 1);
    }
    atDeclStart = token.kind === 'punct' && token.text === ';';
  }
  return decls;
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/** After `func` at the start of a declaration: the name and receiver, and the token after the name. */
function funcDecl(tokens: DeclTokenizer, line: number): { decl: GoFuncDecl; next: Token } | undefined {
  let token = tokens.next();
  let receiver: GoReceiver | undefined;
  if (token.kind === 'punct' && token.text === '(') {
    receiver = receiverOf(tokens);
    token = tokens.next();
  }
  if (token.kind !== 'ident') return undefined;
  const decl: GoFuncDecl = { name: token.text, ...(receiver !== undefined && { receiver }), line };
  return { decl, next: tokens.next() };
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

/** Go's tokens, coarsely: what matters is where declarations start and how brackets nest. */
class DeclTokenizer {
  private pos: number;
  private line = 1;
  /** Whether a newline here inserts a semicolon: the previous token can end a statement. */
  private canEnd = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  next(): Token {
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
    this.pos += two === '++' || two === '--' ? 2 : 1;
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

  private error(message: string): GoScanError {
    return new GoScanError('syntax', this.file, message, this.line);
  }
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

/** The declarations of one package (all the files its build uses), for lookups by name. */
export class PackageDeclarations {
  private readonly funcs = new Set<string>();
  /** Receiver base type → method names (pointer and value receivers alike). */
  private readonly methods = new Map<string, Set<string>>();
  /** Number of `func init()` declarations: the compiler names them init.0, init.1, … */
  readonly initCount: number;

  constructor(readonly decls: readonly GoFuncDecl[]) {
    let inits = 0;
    for (const decl of decls) {
      if (decl.receiver !== undefined) {
        let names = this.methods.get(decl.receiver.type);
        if (names === undefined) this.methods.set(decl.receiver.type, (names = new Set()));
        names.add(decl.name);
      } else if (decl.name === 'init') {
        inits++;
      } else {
        this.funcs.add(decl.name);
      }
    }
    this.initCount = inits;
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
    return this.methods.get(type)?.has(name) ?? false;
  }
}
