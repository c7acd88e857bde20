import { GoScanError } from './go-error';
import { goEditJson } from './go-oracle.spec-helper';
import { parseGoMod, type GoModFile } from './go-mod';

interface GoModJson {
  Module: { Path: string };
  Go?: string;
  Toolchain?: string;
  Require: { Path: string; Version: string }[] | null;
  Replace: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[] | null;
}

/** Ours, in the shape of `go mod edit -json`, for the fields the scanner reads. */
function asGoJson(mod: GoModFile): GoModJson {
  return {
    Module: { Path: mod.module },
    ...(mod.goVersion !== undefined && { Go: mod.goVersion }),
    ...(mod.toolchain !== undefined && { Toolchain: mod.toolchain }),
    Require: mod.requires.length === 0 ? null : mod.requires.map((r) => ({ Path: r.path, Version: r.version })),
    Replace:
      mod.replaces.length === 0
        ? null
        : mod.replaces.map((r) => ({
            Old: { Path: r.path, ...(r.version !== undefined && { Version: r.version }) },
            New: { Path: r.newPath, ...(r.newVersion !== undefined && { Version: r.newVersion }) },
          })),
  };
}

function goParse(text: string): GoModJson {
  const { json, error } = goEditJson('mod', text);
  if (json === undefined) throw new Error(`go mod edit rejected the input: ${error}`);
  const { Module, Go, Toolchain, Require, Replace } = json as GoModJson;
  return {
    Module: { Path: Module.Path },
    ...(Go !== undefined && { Go }),
    ...(Toolchain !== undefined && { Toolchain }),
    Require: Require && Require.map(({ Path, Version }) => ({ Path, Version })),
    Replace,
  };
}

const VALID: [string, string][] = [
  ['minimal', 'module example.com/m\n'],
  [
    'blocks, comments, quoted paths, CRLF, a deprecation comment and directives the scanner skips',
    [
      '// Deprecated: use example.com/next',
      'module "example.com/quoted" // trailing comment',
      '',
      'go 1.22.3',
      'toolchain go1.26.1',
      'require (',
      '\texample.com/a v1.2.3 // indirect',
      '\t"example.com/b" v0.0.0-20200101000000-abcdefabcdef',
      ')',
      'require ()',
      'require example.com/c v1.0.0',
      'replace (',
      '\texample.com/a => ../a',
      '\texample.com/b v0.0.0-20200101000000-abcdefabcdef => ./vendored/b',
      '\texample.com/c => example.com/fork/c v1.1.0',
      ')',
      'replace "example.com/d" => "../d d" // a directory with a space',
      'replace example.com/e => /abs/e',
      'exclude example.com/x v1.0.0',
      'retract [v1.0.0, v1.1.0]',
      'godebug default=go1.21',
      'tool example.com/a/cmd/x',
      '',
    ].join('\r\n'),
  ],
  ['escapes in a quoted path, comment-only lines inside a block', 'module "example.com/\\x6d"\nrequire (\n\t// comment\n\texample.com/a v1.0.0\n\n)\n'],
  ['a go line with a release candidate', 'module m\ngo 1.21rc1\n'],
];

describe('parseGoMod agrees with `go mod edit -json`', () => {
  test.each(VALID)('%s', (_name, text) => {
    expect(asGoJson(parseGoMod(text, 'go.mod'))).toEqual(goParse(text));
  });

  test('local replacements are the directory paths (./, ../, absolute)', () => {
    const mod = parseGoMod(VALID[1]![1], 'go.mod');
    expect(mod.replaces.map((r) => [r.path, r.local])).toEqual([
      ['example.com/a', true],
      ['example.com/b', true],
      ['example.com/c', false],
      ['example.com/d', true],
      ['example.com/e', true],
    ]);
  });
});

const INVALID: [string, string, RegExp][] = [
  ['a replacement directory with a version', 'module x\nreplace a => ../a v1.0.0\n', /go.mod:2: the replacement directory "..\/a" cannot have a version/],
  ['a replacement module without a version', 'module x\nreplace a => b\n', /go.mod:2: the replacement "b" needs a version/],
  ['a malformed go version', 'module x\ngo 1.22.x\n', /go.mod:2: invalid go version "1.22.x"/],
  ['an unterminated block', 'module x\nrequire (\n a v1.0.0\n', /go.mod:2: the "require" block is not closed/],
  ['a /* */ comment', 'module x /* c */\n', /go.mod:1: go.mod and go.work files allow only \/\/ comments/],
  ['an unterminated string', 'module "x\n', /go.mod:1: unterminated or invalid string/],
  ['a stray )', 'module x\n)\n', /go.mod:2: unexpected "\)"/],
  ['a require without a version', 'module x\nrequire a\n', /go.mod:2: the "require" directive takes 2 argument\(s\), found 1/],
  ['two module lines', 'module x\nmodule y\n', /go.mod:2: repeated "module" directive/],
  ['a raw string, which modfile rejects', 'module `x`\n', /go.mod:1: quote inside `x`/],
];

describe('parseGoMod rejects what the go command rejects, saying where', () => {
  test.each(INVALID)('%s', (_name, text, message) => {
    expect(goEditJson('mod', text).error).toMatch(/errors parsing go.mod/);
    const error = catchError(() => parseGoMod(text, 'go.mod'));
    expect(error).toBeInstanceOf(GoScanError);
    expect(error).toMatchObject({ code: 'syntax', file: 'go.mod' });
    expect((error as Error).message).toMatch(message);
  });

  test('no module line is an error for us (go mod edit tolerates it, go build does not)', () => {
    expect(() => parseGoMod('go 1.22\n', 'a/go.mod')).toThrow(/^a\/go.mod: no "module" directive/);
  });
});

describe('leniency the scanner chooses over the go command', () => {
  test('an unknown directive is skipped, so a newer go.mod still scans', () => {
    expect(goEditJson('mod', 'module x\nfuture thing\n').error).toMatch(/unknown directive: future/);
    expect(parseGoMod('module x\nfuture thing\n', 'go.mod').module).toBe('x');
  });

  test('Windows replacement paths are local directories on every OS (Go accepts them only on Windows)', () => {
    const mod = parseGoMod('module x\nreplace a => ..\\a\nreplace b => C:\\b\n', 'go.mod');
    expect(mod.replaces.map((r) => [r.newPath, r.local])).toEqual([
      ['..\\a', true],
      ['C:\\b', true],
    ]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
