import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { buildContext, tagMatcher, type BuildContext } from './build-context';
import { GoScanError } from './go-error';
import { matchFile } from './go-package';
import { goEnv, oracleContext, oracleFiles, oracleTree, type OracleFile } from './go-oracle.spec-helper';
import { scanConstraintLines, scanPackageClause } from './go-source';

const RELEASE = 26;
const CONTEXTS: BuildContext[] = [
  buildContext({ goos: 'linux', goarch: 'amd64', cgoEnabled: true }),
  buildContext({ goos: 'windows', goarch: 'arm64', cgoEnabled: false }),
  buildContext({ goos: 'darwin', goarch: 'arm64', cgoEnabled: true, tags: ['purego'] }),
];

/** Our answer in the oracle's shape: package and imports if they scan, MatchFile per context. */
function ours(name: string, content: string): Omit<OracleFile, 'parseErr'> & { parseErr?: true } {
  const answer: Omit<OracleFile, 'parseErr'> & { parseErr?: true } = { name, match: [], matchErr: [] };
  try {
    const clause = scanPackageClause(content, name);
    answer.package = clause.packageName;
    if (clause.imports.length > 0) answer.imports = clause.imports.map(({ line, path }) => ({ line, path }));
  } catch (error) {
    if (!(error instanceof GoScanError)) throw error;
    answer.parseErr = true;
  }
  for (const context of CONTEXTS) {
    try {
      answer.match.push(matchFile(name, scanConstraintLines(content, name), tagMatcher(context, RELEASE)));
      answer.matchErr.push('');
    } catch (error) {
      if (!(error instanceof GoScanError)) throw error;
      answer.match.push(false);
      answer.matchErr.push('error');
    }
  }
  return answer;
}

/** The oracle's answer with error texts reduced to "there was one", as messages differ. */
function normalized(file: OracleFile): Omit<OracleFile, 'parseErr'> & { parseErr?: true } {
  const { parseErr, ...rest } = file;
  return { ...rest, ...(parseErr !== undefined && { parseErr: true }), matchErr: file.matchErr.map((e) => (e === '' ? '' : 'error')) };
}

const TRICKY: [string, string][] = [
  [
    'cgo.go',
    [
      '// Package c wraps a C library.',
      'package c',
      '',
      '/*',
      '#include <stdio.h>',
      '#define GREETING "import \\"fake\\""',
      "static const char *s = \"/* not a comment start\"; // a C comment with a quote \" and import \"x\"",
      '*/',
      'import "C"',
      '',
      'import (',
      '\t"fmt" // why',
      '\tstr "strings"',
      '\t. "math"',
      '\t_ "embed"',
      '\t/* "commented/out" */ "os"',
      ')',
      '',
      'var _ = fmt.Sprint(str.ToUpper(""), Pi, os.Args)',
      'import "after/decls"',
    ].join('\n'),
  ],
  ['semicolons.go', 'package p; import "a"; import ("b"; c "d"); func f() {}'],
  ['raw.go', 'package p\n\nimport `raw/path`\nimport "esc\\x2fpath\\u0041"\n'],
  ['bom_crlf.go', '\ufeff// Copyright\r\n\r\n//go:build linux\r\n\r\npackage p\r\n\r\nimport (\r\n\t"x/y"\r\n)\r\n'],
  ['after_block.go', '/* license */\n//go:build windows\n\npackage p\n'],
  ['after_package.go', 'package p\n\n//go:build ignore\n'],
  ['two.go', '//go:build linux\n//go:build amd64\n\npackage p\n'],
  ['notdirective.go', '//go:buildx ignore\n\npackage p\n'],
  ['trailing_space.go', '//go:build windows   \n\npackage p\n'],
  ['bare.go', '//go:build\n\npackage p\n'],
  ['plus_no_blank.go', '// +build ignore\npackage p\n'],
  ['plus_blank.go', '// +build windows,arm64 darwin\n\npackage p\n'],
  ['plus_two_lines.go', '// +build linux darwin\n// +build arm64\n\npackage p\n'],
  ['plus_and_gobuild.go', '//go:build linux\n// +build windows\n\npackage p\n'],
  ['plus_in_block.go', '/*\n// +build ignore\n*/\n\npackage p\n'],
  ['plus_after_comment_block.go', '// Copyright\n\n// +build ignore\n\n// Package p does x.\npackage p\n'],
  ['bad_expr.go', '//go:build linux &&\n\npackage p\n'],
  ['cgo_tag.go', '//go:build cgo && !purego\n\npackage p\n'],
  ['release.go', '//go:build go1.26 && !go1.27\n\npackage p\n'],
  ['x_windows_arm64.go', 'package p\n'],
  ['_hidden.go', 'package p\n'],
  ['no_package.go', '// just a comment\nfunc f() {}\n'],
  ['unterminated.go', 'package p\n/* never closed\nimport "x"\n'],
  ['unterminated_string.go', 'package p\nimport "x\n'],
  ['unicode.go', 'package π\nimport ( ü "example.com/ü" )\n'],
  // go/parser accepts these; go/build then rejects the file (the oracle reports that too).
  ['empty_import.go', 'package p\nimport ""\n'],
  ['space_import.go', 'package p\nimport "a b"\n'],
  // The compiler rejects it, not go/build: a package named _ is not main, nor importable.
  ['underscore.go', 'package _\n'],
  ['dot_in_group.go', 'package p\nimport (\n. "a"; _ "b"\n)\n'],
];

describe('scanning agrees with go/parser (imports) and go/build MatchFile (constraints)', () => {
  test('tricky headers', () => {
    const oracle = oracleFiles(
      TRICKY.map(([name, content]) => ({ name, content })),
      CONTEXTS.map((context) => oracleContext(context, RELEASE)),
    );
    expect(TRICKY.map(([name, content]) => ours(name, content))).toEqual(oracle.map(normalized));
  });

  test('every .go file of the Go distribution ($GOROOT/src)', () => {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { env: goEnv, encoding: 'utf8' }).trim();
    const src = path.join(goroot, 'src');
    const oracle = oracleTree(src, CONTEXTS.map((context) => oracleContext(context, RELEASE)));
    expect(oracle.length).toBeGreaterThan(5000);
    const mismatches: unknown[] = [];
    let parsed = 0;
    for (const file of oracle) {
      const expected = normalized(file);
      const actual = ours(file.name, readFileSync(path.join(src, file.name), 'utf8'));
      // Where go/parser rejects the header, it still reports what it parsed before the error;
      // we only require that we do not silently accept it differently for the constraints.
      if (expected.parseErr) {
        if (!isDeepStrictEqual(actual.match, expected.match)) mismatches.push({ expected, actual });
        continue;
      }
      parsed++;
      if (!isDeepStrictEqual(actual, expected)) mismatches.push({ expected, actual });
    }
    expect(mismatches).toEqual([]);
    expect(parsed).toBeGreaterThan(oracle.length * 0.95);
  }, 120_000);
});

describe('scanConstraintLines', () => {
  test('returns the expression and its line; +build lines only above the blank line that ends the header', () => {
    const text = '// Copyright\n\n// +build a\n// +build b\n\n// Package p.\n// +build c\npackage p\n';
    expect(scanConstraintLines(text, 'p.go')).toEqual({
      plusBuild: [
        { expr: 'a', line: 3 },
        { expr: 'b', line: 4 },
      ],
    });
    expect(scanConstraintLines('\n//go:build (a || b) && !c \n\npackage p', 'p.go')).toEqual({ goBuild: { expr: '(a || b) && !c', line: 2 }, plusBuild: [] });
  });

  test('a second //go:build line is an error naming both lines', () => {
    expect(() => scanConstraintLines('//go:build a\n//go:build b\n\npackage p\n', 'dir/p.go')).toThrow(
      'dir/p.go:2: second //go:build line (the first is on line 1): merge them into one',
    );
  });

  test('reads no further than the leading comments', () => {
    // A //go:build after code is not a constraint, however the rest of the file looks.
    expect(scanConstraintLines('package p\n//go:build ignore\n/* unterminated', 'p.go')).toEqual({ plusBuild: [] });
  });
});

describe('scanPackageClause', () => {
  test('import forms, with lines', () => {
    expect(scanPackageClause(TRICKY[0]![1], 'cgo.go')).toEqual({
      packageName: 'c',
      imports: [
        { path: 'C', line: 9 },
        { path: 'fmt', line: 12 },
        { path: 'strings', line: 13 },
        { path: 'math', line: 14 },
        { path: 'embed', line: 15 },
        { path: 'os', line: 16 },
      ],
    });
  });

  test.each([
    ['no_package.go', 'no_package.go:2: expected the package clause, found "func": is this a Go source file?'],
    ['unterminated.go', 'unterminated.go:2: comment not terminated: add "*/"'],
    ['unterminated_string.go', 'unterminated_string.go:2: string literal not terminated'],
    ['empty_import.go', 'empty_import.go:2: invalid import path ""'],
    ['space_import.go', 'space_import.go:2: invalid import path "a b"'],
  ])('%s is a syntax error saying where', (name, message) => {
    const content = TRICKY.find(([n]) => n === name)![1];
    expect(() => scanPackageClause(content, name)).toThrow(message);
    try {
      scanPackageClause(content, name);
    } catch (error) {
      expect(error).toMatchObject({ code: 'syntax', file: name });
    }
  });

  test('stops at the first declaration: the rest of the file is never tokenized', () => {
    const text = 'package p\nimport "a"\nvar s = "unterminated\n' + '`'.repeat(3);
    expect(scanPackageClause(text, 'p.go').imports).toEqual([{ path: 'a', line: 2 }]);
  });
});
