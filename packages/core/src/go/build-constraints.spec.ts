import { BuildConstraintSyntaxError, evalBuildExpr, goodOSArchFile, parseGoBuildExpr, parsePlusBuildExpr, type BuildExpr } from './build-constraints';
import { buildContext, tagMatcher } from './build-context';
import { oracleConstraints, oracleContext, oracleFiles } from './go-oracle.spec-helper';

const GO_BUILD_EXPRS = [
  'linux',
  'linux && amd64',
  'linux || darwin',
  '!windows',
  '(linux || darwin) && !386',
  '!(a && b) || c',
  'a && (b || (c && !d))',
  'a&&b||c&&d',
  'a||b&&c',
  '!(!a)',
  '(((a)))',
  'a\t&&\tb',
  'go1.21 && !go1.99',
  'x.y_z || ünïcödé',
  '386 || amd64.v3',
  '',
  '&&',
  'a &',
  'a || ',
  '!!a',
  '( a',
  'a )',
  'a b',
  'a // comment',
  'a-b',
  Array.from({ length: 1001 }, (_, i) => `t${i}`).join(' || '),
];

const PLUS_BUILD_LINES = [
  '// +build linux,amd64 darwin',
  '// +build !windows',
  '// +build a,b,!c d',
  '//+build a',
  '// +build',
  '// +build !!a',
  '// +build !',
  '// +build bad-tag',
  '// +build !bad-tag',
  `// +build ${Array.from({ length: 60 }, (_, i) => `t${i},u${i}`).join(' ')}`,
];

const TAG_SETS = [[], ['linux', 'amd64'], ['a', 'b'], ['c'], ['darwin', '386'], ['a', 'd', 'ignore'], ['go1.21', 'x.y_z', 'amd64.v3']];

describe('build expressions agree with go/build/constraint', () => {
  const lines = [...GO_BUILD_EXPRS.map((expr) => `//go:build ${expr}`), ...PLUS_BUILD_LINES];

  test.each(TAG_SETS)('every line, with tags %j set', (...tags) => {
    const oracle = oracleConstraints(lines, tags);
    const matches = (tag: string): boolean => tags.includes(tag);
    const ours = lines.map((line) => {
      try {
        const expr = line.startsWith('//go:build') ? parseGoBuildExpr(line.slice('//go:build'.length).trim()) : parsePlusBuild(line);
        return expr === undefined ? { err: 'too complex' } : { value: evalBuildExpr(expr, matches) };
      } catch (error) {
        if (!(error instanceof BuildConstraintSyntaxError)) throw error;
        return { err: error.message };
      }
    });
    // Same values, same error messages; a // +build line Go finds too complex is one we skip.
    expect(ours.map((answer, i) => ({ line: lines[i], ...answer }))).toEqual(
      oracle.map((answer, i) => ({
        line: lines[i],
        ...(answer.err === undefined ? { value: answer.value } : { err: lines[i]!.startsWith('// +build') ? 'too complex' : answer.err }),
      })),
    );
  });

  test('precedence: && binds tighter than ||, ! tightest', () => {
    expect(show(parseGoBuildExpr('a || b && !c'))).toBe('(a || (b && !c))');
    expect(show(parseGoBuildExpr('!a && b || c'))).toBe('((!a && b) || c)');
  });

  test('syntax errors carry the offset into the expression', () => {
    const error = catchSyntax(() => parseGoBuildExpr('linux && (amd64'));
    expect(error).toMatchObject({ offset: 9, message: 'missing close paren' });
    expect(catchSyntax(() => parseGoBuildExpr('a & b'))).toMatchObject({ offset: 2, message: 'invalid syntax at &' });
  });
});

describe('GOOS/GOARCH file-name suffixes agree with go/build MatchFile', () => {
  const names = [
    'x_linux.go',
    'linux.go',
    'x_linux_amd64.go',
    'x_amd64_linux.go',
    'x_windows_test.go',
    'x_test_linux.go',
    'a.b_windows.go',
    'x_android.go',
    'x_unix.go',
    'x_solaris.go',
    'x_darwin.go',
    'x_linux_arm64.go',
    'x_wasm.go',
    'x_js_wasm.go',
    'x_nacl.go',
    'x_windows_386_test.go',
    'x_y_z.go',
    'x_.go',
  ];
  const targets = [
    ['linux', 'amd64'],
    ['windows', 'arm64'],
    ['android', 'arm64'],
    ['illumos', 'amd64'],
    ['ios', 'arm64'],
    ['js', 'wasm'],
  ];

  test.each(targets)('%s/%s', (goos, goarch) => {
    const context = buildContext({ goos: goos!, goarch: goarch! });
    const oracle = oracleFiles(
      names.map((name) => ({ name, content: 'package p\n' })),
      [oracleContext(context, 26)],
    );
    const matches = tagMatcher(context, 26);
    expect(names.map((name) => [name, goodOSArchFile(name, matches)])).toEqual(oracle.map((file) => [file.name, file.match[0]]));
  });
});

function parsePlusBuild(line: string): BuildExpr | undefined {
  return parsePlusBuildExpr(line.slice(2).trim().slice('+build'.length).trim());
}

function show(x: BuildExpr): string {
  switch (x.op) {
    case 'tag':
      return x.tag;
    case 'not':
      return `!${show(x.x)}`;
    default:
      return `(${show(x.x)} ${x.op === 'and' ? '&&' : '||'} ${show(x.y)})`;
  }
}

function catchSyntax(fn: () => unknown): BuildConstraintSyntaxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BuildConstraintSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}
