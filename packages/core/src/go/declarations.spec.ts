// The declaration scanner, on tricky text and then against go/parser (the oracle) over every
// .go file of the installed Go's source tree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { go } from '../../../../tools/test-support/go-tool';
import { PackageDeclarations, scanFuncDecls, type GoFuncBody, type GoFuncDecl } from './declarations';
import { GoScanError } from './go-error';

const names = (text: string): string[] =>
  scanFuncDecls(text, 'x.go').map((d) => (d.receiver ? `(${d.receiver.pointer ? '*' : ''}${d.receiver.type}).${d.name}` : d.name));

describe('scanFuncDecls', () => {
  it.each<[string, string, string[]]>([
    ['functions and methods', 'package p\nfunc F() {}\nfunc (t T) M() {}\nfunc (t *T) P() {}\n', ['F', '(T).M', '(*T).P']],
    ['generic functions and receivers', 'package p\nfunc Map[K comparable, V any](m map[K]V) {}\nfunc (s *Set[T]) Add(v T) {}\nfunc (p Pair[K, V]) Key() K { return p.k }\n', ['Map', '(*Set).Add', '(Pair).Key']],
    ['receivers without a name, in parentheses, with a generic pointer base', 'package p\nfunc (*T) A() {}\nfunc (t (*T)) B() {}\nfunc (T) C() {}\nfunc (l *List[E]) D() {}\n', ['(*T).A', '(*T).B', '(T).C', '(*List).D']],
    ['body-less declarations (assembly, linkname)', 'package p\n\n//go:noescape\nfunc memmove(to, from uintptr, n uintptr)\nfunc G() int\n', ['memmove', 'G']],
    ['function literals are not declarations', 'package p\nvar f = func() int { return 1 }\nvar (\n\tg = func() {}\n)\nvar h =\n\tfunc() {}\nfunc F() { x := func() {}; _ = x }\n', ['F']],
    ['comments and strings hide code', 'package p\n// func A() {}\n/* func B() {\n*/\nvar s = "func C() {"\nvar r = `\nfunc D() {\n`\nfunc E() { _ = "}" }\n', ['E']],
    ['runes with quotes and braces', "package p\nvar rs = []rune{'{', '\\'', '\"', '}', '`'}\nfunc F() { _ = '}' }\nfunc G() {}\n", ['F', 'G']],
    ['a multi-line comment ends a statement', 'package p\nvar x = 1 /*\n*/ func F() {}\n', ['F']],
    ['semicolons on one line', 'package p; func A() {}; func B() {}', ['A', 'B']],
    ['nested bodies, init and types between', 'package p\ntype T struct{ f func() }\nfunc init() { if true { for {} } }\nfunc init() {}\nfunc (T) String() string { return "{" }\n', ['init', 'init', '(T).String']],
    ['unicode identifiers, a BOM, no newline at the end', '\ufeffpackage p\nfunc Größe() {}\nfunc (π *Kreis) Fläche() {}', ['Größe', '(*Kreis).Fläche']],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('records the line of each declaration', () => {
    expect(scanFuncDecls('package p\n\n/*\n*/\nfunc A() {}\n\nfunc (s *S[T]) B() {}\n', 'x.go')).toEqual<GoFuncDecl[]>([
      { name: 'A', line: 5, body: { callLines: [], closures: [] } },
      { name: 'B', receiver: { type: 'S', pointer: true }, line: 7, body: { callLines: [], closures: [] } },
    ]);
  });

  it.each([
    ['package p\n/* open', 'x.go:2: comment not terminated: add "*/"'],
    ['package p\nvar s = "open\n', 'x.go:2: string literal not terminated'],
    ["package p\nvar r = '\n", 'x.go:2: rune literal not terminated'],
    ['package p\nvar s = `open', 'x.go:2: raw string literal not terminated: add "`"'],
  ])('names the file and line of unterminated literals: %j', (text, message) => {
    expect(() => scanFuncDecls(text, 'x.go')).toThrow(new GoScanError('syntax', 'x.go', message.slice('x.go:2: '.length), 2));
  });
});

describe('scanFuncDecls: call sites and function literals', () => {
  const bodyOf = (text: string): GoFuncBody => scanFuncDecls(`package p\n${text}`, 'x.go')[0]!.body!;

  it.each<[string, string, number[]]>([
    ['calls, conversions and method expressions are calls', 'func F() {\n\tg()\n\t_ = []byte(s)\n\t(*T).M(t)\n\tfs[0](1)\n\tG[int](2)\n}', [3, 4, 5, 6, 7]],
    ['parentheses after keywords and operators, type assertions are not', 'func F() {\n\tif (a) {\n\t}\n\tx := (b + c)\n\t_ = v.(T)\n\treturn (x)\n}', []],
    ['a call spread over lines is on the line of its parenthesis', 'func F() {\n\tx.\n\t\tY(\n\t\t\t1,\n\t\t\tz(2))\n}', [4, 6]],
    ['results, interface method specs and func types are not calls', 'func F() (int, error) {\n\ttype I interface{ M(int) (bool) }\n\tvar f func(int) (int)\n\treturn 0, nil\n}', []],
    ['interface{}(x) and a literal called at once are', 'func F() {\n\t_ = interface{}(x)\n\tfunc() {}()\n}', [3, 4]],
  ])('%s', (_name, text, lines) => {
    expect(bodyOf(text).callLines).toEqual(lines);
  });

  it("numbers literals as the compiler names closures; a literal's calls are its own, its call and arguments the caller's", () => {
    const body = bodyOf(
      [
        'func F() {',
        '\tgo func(n int) {', //   F.func1, line 3
        '\t\th := func() { g() }', // F.func1.1, line 4
        '\t\th()',
        '\t}(k())', //            calls of F: the literal's call and k()
        '\tfor _, f := range []func(){a, b} {', // a composite of func values, not literals
        '\t\tf()',
        '\t}',
        '\tdefer func() { recover() }()', // F.func2, line 10
        '}',
      ].join('\n'),
    );
    expect(body).toEqual<GoFuncBody>({
      callLines: [6, 8, 10],
      closures: [
        { line: 3, callLines: [5], closures: [{ line: 4, callLines: [4], closures: [] }] },
        { line: 10, callLines: [10], closures: [] },
      ],
    });
  });

  it('a func type result is not a body', () => {
    const [decl] = scanFuncDecls('package p\nfunc F() func() int {\n\treturn func() int { return g() }\n}\n', 'x.go');
    expect(decl!.body).toEqual<GoFuncBody>({ callLines: [], closures: [{ line: 3, callLines: [3], closures: [] }] });
  });
});

describe('PackageDeclarations', () => {
  const decls = PackageDeclarations.fromSources([
    { text: 'package p\nfunc init() {}\nfunc F() {}\nfunc (s *Set[T]) Add(T) {}', file: 'a.go' },
    { text: 'package p\nfunc init() {}\nfunc (v Vec) Len() int { return 0 }', file: 'b.go' },
  ]);

  it('answers functions, methods of either receiver kind, and counts init functions', () => {
    expect(decls.hasFunc('F')).toBe(true);
    expect(decls.hasFunc('init')).toBe(false);
    expect(decls.hasFunc('Add')).toBe(false);
    expect([decls.hasMethod('Set', 'Add'), decls.hasMethod('Vec', 'Len'), decls.hasMethod('Vec', 'Add')]).toEqual([true, true, false]);
    expect(decls.initCount).toBe(2);
  });
});

describe('scanFuncDecls against go/parser', () => {
  const goroot = go(['env', 'GOROOT']).trim();
  const src = path.join(goroot, 'src');
  let oracle: Map<string, string[]>;

  beforeAll(() => {
    // A small Go program prints every FuncDecl of every .go file go/parser accepts.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-decls-'));
    try {
      writeFileSync(path.join(dir, 'go.mod'), 'module declsoracle\n\ngo 1.22\n');
      writeFileSync(path.join(dir, 'main.go'), ORACLE);
      const out = execFileSync('go', ['run', '.', src], {
        cwd: dir,
        env: { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' },
        encoding: 'utf8',
        maxBuffer: 256 << 20,
      });
      oracle = new Map();
      let current: string[] = [];
      for (const line of out.split('\n')) {
        const [tag, ...fields] = line.split('\t');
        if (tag === 'F') oracle.set(fields[0]!, (current = []));
        else if (tag === 'D' || tag === 'C') current.push(`${tag}\t${fields.join('\t')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("finds exactly go/parser's declarations, their function literals and their calls' lines in every standard library file", () => {
    expect(oracle.size).toBeGreaterThan(2500);
    const mismatches: string[] = [];
    let decls = 0;
    let calls = 0;
    for (const [file, expected] of oracle) {
      const found: string[] = [];
      const body = (prefix: string, line: number, b: GoFuncBody): void => {
        found.push(`C\t${prefix}\t${line}\t[${b.callLines.join(' ')}]`);
        calls += b.callLines.length;
        b.closures.forEach((c, i) => body(`${prefix}.${i + 1}`, c.line, c));
      };
      for (const d of scanFuncDecls(readFileSync(path.join(src, file), 'utf8'), file)) {
        found.push(`D\t${d.line}\t${d.receiver?.type ?? ''}\t${d.receiver?.pointer ?? false}\t${d.name}`);
        if (d.body !== undefined) body('', d.line, d.body);
        decls++;
      }
      if (found.join('\n') !== expected.join('\n')) mismatches.push(file);
    }
    expect(mismatches).toEqual([]);
    expect(decls).toBeGreaterThan(30_000);
    expect(calls).toBeGreaterThan(100_000);
  });
});

const ORACLE = `package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	root := os.Args[1]
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (p == filepath.Join(root, "cmd") || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(w, "F\\t%s\\n", filepath.ToSlash(rel))
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			recv, ptr := "", false
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				t := fd.Recv.List[0].Type
				for {
					if p, ok := t.(*ast.ParenExpr); ok {
						t = p.X
					} else if s, ok := t.(*ast.StarExpr); ok {
						ptr = true
						t = s.X
					} else {
						break
					}
				}
				switch x := t.(type) {
				case *ast.IndexExpr:
					t = x.X
				case *ast.IndexListExpr:
					t = x.X
				}
				if id, ok := t.(*ast.Ident); ok {
					recv = id.Name
				}
			}
			fmt.Fprintf(w, "D\\t%d\\t%s\\t%v\\t%s\\n", fset.Position(fd.Pos()).Line, recv, ptr, fd.Name.Name)
			if fd.Body != nil {
				calls(w, fset, "", fd.Pos(), fd.Body)
			}
		}
		return nil
	})
}

// calls prints the Lparen lines of the CallExprs of one function's body, outside its function
// literals, then each literal's the same way: C, the literal's path (.1, .1.2), its line, the lines.
func calls(w *bufio.Writer, fset *token.FileSet, path string, pos token.Pos, body *ast.BlockStmt) {
	lines := map[int]bool{}
	var literals []*ast.FuncLit
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			literals = append(literals, x)
			return false
		case *ast.CallExpr:
			lines[fset.Position(x.Lparen).Line] = true
		}
		return true
	})
	sorted := make([]int, 0, len(lines))
	for l := range lines {
		sorted = append(sorted, l)
	}
	sort.Ints(sorted)
	fmt.Fprintf(w, "C\\t%s\\t%d\\t%v\\n", path, fset.Position(pos).Line, sorted)
	for i, lit := range literals {
		calls(w, fset, fmt.Sprintf("%s.%d", path, i+1), lit.Pos(), lit.Body)
	}
}
`;
