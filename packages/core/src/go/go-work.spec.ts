import { GoScanError } from './go-error';
import { goEditJson } from './go-oracle.spec-helper';
import { parseGoWork, type GoWorkFile } from './go-work';

interface GoWorkJson {
  Go?: string;
  Use: { DiskPath: string }[] | null;
  Replace: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[] | null;
}

function asGoJson(work: GoWorkFile): GoWorkJson {
  return {
    ...(work.goVersion !== undefined && { Go: work.goVersion }),
    Use: work.uses.length === 0 ? null : work.uses.map((use) => ({ DiskPath: use.dir })),
    Replace:
      work.replaces.length === 0
        ? null
        : work.replaces.map((r) => ({
            Old: { Path: r.path, ...(r.version !== undefined && { Version: r.version }) },
            New: { Path: r.newPath, ...(r.newVersion !== undefined && { Version: r.newVersion }) },
          })),
  };
}

const VALID: [string, string][] = [
  ['no use lines (as `go work init` writes)', 'go 1.22\n'],
  [
    'single and block use lines, quoted paths with spaces, comments, replacements, godebug',
    [
      '// the workspace',
      'go 1.22',
      'toolchain go1.26.0',
      '',
      'use (',
      '\t./a // first',
      '\t"../b c"',
      '',
      ')',
      'use ./d',
      'use /abs/e',
      'replace example.com/x v1.0.0 => ./x',
      'replace (',
      '\texample.com/y => example.com/y-fork v1.2.0',
      ')',
      'godebug default=go1.21',
      '',
    ].join('\n'),
  ],
];

describe('parseGoWork agrees with `go work edit -json`', () => {
  test.each(VALID)('%s', (_name, text) => {
    const { json, error } = goEditJson('work', text);
    expect(error).toBeUndefined();
    expect(asGoJson(parseGoWork(text, 'go.work'))).toEqual(json);
  });

  test('keeps the toolchain line and the line of each use', () => {
    const work = parseGoWork(VALID[1]![1], 'go.work');
    expect(work.toolchain).toBe('go1.26.0');
    expect(work.uses).toEqual([
      { dir: './a', line: 6 },
      { dir: '../b c', line: 7 },
      { dir: './d', line: 10 },
      { dir: '/abs/e', line: 11 },
    ]);
    expect(work.replaces.map((r) => [r.path, r.local, r.line])).toEqual([
      ['example.com/x', true, 12],
      ['example.com/y', false, 14],
    ]);
  });
});

describe('parseGoWork rejects what the go command rejects', () => {
  test.each([
    ['a use line with two words', 'go 1.22\nuse ./a v1\n', /go.work:2: the "use" directive takes 1 argument\(s\), found 2/],
    ['a replacement directory with a version', 'go 1.22\nreplace a => ./a v1.0.0\n', /go.work:2: the replacement directory ".\/a" cannot have a version/],
    ['an unclosed use block', 'go 1.22\nuse (\n./a\n', /go.work:2: the "use" block is not closed/],
  ])('%s', (_name, text, message) => {
    expect(goEditJson('work', text).error).toMatch(/errors parsing go.work/);
    expect(() => parseGoWork(text, 'go.work')).toThrow(GoScanError);
    expect(() => parseGoWork(text, 'go.work')).toThrow(message);
  });
});
