// What a Go function name in a profile refers to in the source. The compiler names functions
// `<package path>.<rest>`: `F`, `(*T).M`, `T.M`, generic instances with their type arguments in
// brackets (`F[go.shape.int]`, or `[...]`), closures after their enclosing function
// (`F.func1.2`, `(*T).M.func3`, `F.G.func1` when G was inlined into F), `init` (the package
// initializer), `init.0` (the first `func init`), `glob..func1`/`init.func1` (closures in
// package-level variables), and suffixes after `-` (`-fm` method values, `-range1` loop bodies).
// Import paths may contain dots, so the package ends at the first `.` after the last `/`; the
// symbol escapes dots (and a few other bytes) of the last path element as `%2e`.
import type { GoFuncDecl, GoFunctionSource, PackageDeclarations } from '../go/declarations';

export type GoFunctionName =
  /**
   * `<pkg>.<rest>`: `path` holds the rest's dot-separated parts, brackets and `-` suffixes
   * removed; `suffixed` when there were `-` suffixes (a wrapper or a loop body, not the code of
   * the declaration itself).
   */
  | { kind: 'qualified'; pkg: string; receiver?: { type: string; pointer: boolean }; path: string[]; suffixed?: true }
  /** Made by the compiler, with no declaration of its own: `type:.eq.T`, `go:buildid`. */
  | { kind: 'generated' }
  /** No package: assembly-only symbols (`gogo`, `aeshashbody`), C functions, addresses. */
  | { kind: 'unqualified' };

const GENERATED_PREFIXES = ['type:', 'type..', 'go:', 'go.'];

export function parseFunctionName(name: string): GoFunctionName {
  if (GENERATED_PREFIXES.some((prefix) => name.startsWith(prefix))) return { kind: 'generated' };
  // Type arguments can hold anything, dots and slashes included (`[go.shape.struct { x a/b.T }]`).
  const bare = withoutBrackets(name);
  const dot = bare.indexOf('.', bare.lastIndexOf('/') + 1);
  if (dot <= 0 || dot === bare.length - 1) return { kind: 'unqualified' };
  const pkg = bare.slice(0, dot).replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  let rest = bare.slice(dot + 1);
  let receiver: { type: string; pointer: boolean } | undefined;
  const method = /^\((\*?)([^()]+)\)\.(.+)$/.exec(rest);
  if (method !== null) {
    receiver = { type: method[2]!, pointer: method[1] === '*' };
    rest = method[3]!;
  }
  const path = rest.split('.').map((part) => part.split('-', 1)[0]!);
  return { kind: 'qualified', pkg, ...(receiver !== undefined && { receiver }), path, ...(rest.includes('-') && { suffixed: true as const }) };
}

/** `name` with every balanced `[...]` group removed. */
function withoutBrackets(name: string): string {
  if (!name.includes('[')) return name;
  let out = '';
  let depth = 0;
  for (const c of name) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += c;
  }
  return out;
}

export type DeclarationLookup =
  /** The declaration the function belongs to exists: `F`, `T.M`, or the package itself. */
  | { found: true; declaration: string }
  | { found: false; declaration: string };

/**
 * Finds the top-level declaration a qualified name belongs to in `decls` (its package).
 * `declaration` is how it is written (`Crunch`, `(*Set).Add`, `init`).
 */
export function lookupDeclaration(name: Extract<GoFunctionName, { kind: 'qualified' }>, decls: PackageDeclarations): DeclarationLookup {
  const [first = '', second] = name.path;
  if (name.receiver !== undefined) {
    const { type, pointer } = name.receiver;
    return { found: decls.hasMethod(type, first), declaration: `(${pointer ? '*' : ''}${type}).${first}` };
  }
  if (first === 'init') {
    // `init`: the package initializer, always generated; `init.N`: the N-th `func init`;
    // `init.funcN`: a closure in a package-level variable (Go 1.22 and newer).
    const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : undefined;
    if (index === undefined) return { found: true, declaration: 'init' };
    return { found: index < decls.initCount, declaration: `init.${index}` };
  }
  if (first === 'glob' && second === '') return { found: true, declaration: 'package-level variables' };
  if (decls.hasFunc(first)) return { found: true, declaration: first };
  // A value-receiver method (`T.M`), or else a function that no longer exists.
  if (second !== undefined && decls.hasMethod(first, second)) return { found: true, declaration: `${first}.${second}` };
  return { found: false, declaration: first };
}

/**
 * The source of the function a qualified name denotes, as the compiler placed it: a declaration
 * (`F`, `(*T).M`, `T.M`, `init.N`) or one of its function literals (`F.func2`, `F.func2.1`).
 * Undefined for what the source does not hold as such: wrappers and loop bodies (`-fm`,
 * `-range1`), `go`/`defer` wrappers, closures named after inlined functions (`F.G.func1`),
 * package-level closures, and declarations without a body or that no longer exist.
 */
export function lookupFunctionSource(name: Extract<GoFunctionName, { kind: 'qualified' }>, decls: PackageDeclarations): GoFunctionSource | undefined {
  if (name.suffixed) return undefined;
  const [first = '', ...rest] = name.path;
  let decl: GoFuncDecl | undefined;
  if (name.receiver !== undefined) {
    decl = decls.method(name.receiver.type, first);
  } else if (first === 'init' && rest.length > 0 && /^\d+$/.test(rest[0]!)) {
    decl = decls.init(Number(rest.shift()));
  } else {
    decl = decls.func(first);
    if (decl === undefined && rest.length > 0) decl = decls.method(first, rest.shift()!);
  }
  if (decl?.body === undefined) return undefined;
  let source: GoFunctionSource = { line: decl.line, callLines: decl.body.callLines };
  let closures = decl.body.closures;
  for (const [i, part] of rest.entries()) {
    const index = (i === 0 ? /^func(\d+)$/ : /^(\d+)$/).exec(part);
    const closure = index === null ? undefined : closures[Number(index[1]) - 1];
    if (closure === undefined) return undefined;
    source = { line: closure.line, callLines: closure.callLines };
    closures = closure.closures;
  }
  return source;
}
