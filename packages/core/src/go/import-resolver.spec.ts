import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GoScanError } from './go-error';
import { goEnv } from './go-oracle.spec-helper';
import { MEMORY_ROOT, memoryReader } from './memory-reader.spec-helper';
import { GoWorkspaceScanner } from './scanner';

const pkg = (name: string, ...imports: string[]): string => `package ${name}\n\n${imports.map((i) => `import _ "${i}"\n`).join('')}`;

function closureDirs(files: Record<string, string>, dir: string): string[] {
  return new GoWorkspaceScanner(MEMORY_ROOT, { reader: memoryReader(files) }).closure(dir).packages.map((p) => p.dir);
}

function closureProblems(files: Record<string, string>, dir: string): GoScanError[] {
  return new GoWorkspaceScanner(MEMORY_ROOT, { reader: memoryReader(files) }).closure(dir).problems;
}

describe('replacement precedence in a workspace, against `go list`', () => {
  // go.work replaces ex.com/r with ./r2, overriding a's ../r1 and b's ../r3 (which conflict);
  // a's replacement of the workspace module ex.com/b is ignored.
  const files: Record<string, string> = {
    'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace ex.com/r => ./r2\n',
    'a/go.mod': 'module ex.com/a\n\ngo 1.22\n\nrequire (\n\tex.com/b v0.0.0\n\tex.com/r v0.0.0\n)\n\nreplace ex.com/b => ../b2\n\nreplace ex.com/r => ../r1\n',
    'a/p/p.go': pkg('p', 'ex.com/b/p', 'ex.com/r/p'),
    'b/go.mod': 'module ex.com/b\n\ngo 1.22\n\nreplace ex.com/r => ../r3\n',
    'b/p/p.go': pkg('p'),
    ...Object.fromEntries(
      ['b2', 'r1', 'r2', 'r3'].flatMap((dir) => [
        [`${dir}/go.mod`, `module ${dir === 'b2' ? 'ex.com/b' : 'ex.com/r'}\n\ngo 1.22\n`],
        [`${dir}/p/p.go`, pkg('p')],
      ]),
    ),
  };
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-replace-'));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const goList = (workText?: string): { dirs?: string[]; error?: string } => {
    if (workText !== undefined) writeFileSync(path.join(root, 'go.work'), workText);
    const run = spawnSync('go', ['list', '-deps', '-f', '{{if not .Standard}}{{.Dir}}{{end}}', 'ex.com/a/p'], {
      cwd: path.join(root, 'a'),
      env: { ...goEnv, GOWORK: '', GOFLAGS: '' },
      encoding: 'utf8',
    });
    if (run.status !== 0) return { error: run.stderr };
    return { dirs: run.stdout.split('\n').filter((l) => l !== '').map((dir) => path.relative(root, dir)).sort() };
  };
  /** Our closure, or the first of its problems (which the go command refuses outright). */
  const ours = (): { dirs?: string[]; error?: string } => {
    const closure = new GoWorkspaceScanner(root).closure('a/p');
    return closure.problems.length > 0 ? { error: closure.problems[0]!.message } : { dirs: closure.packages.map((p) => p.dir) };
  };

  test('go.work overrides the modules; a workspace module is never replaced by a go.mod', () => {
    expect(goList(files['go.work'])).toEqual({ dirs: ['a/p', 'b/p', 'r2/p'] });
    expect(ours()).toEqual({ dirs: ['a/p', 'b/p', 'r2/p'] });
  });

  test('without the go.work replacement, the modules\' replacements conflict: both refuse', () => {
    expect(goList('go 1.22\n\nuse (\n\t./a\n\t./b\n)\n').error).toMatch(/conflicting replacements for ex.com\/r/);
    expect(ours().error).toBe('b/go.mod:5: ex.com/r is replaced by r3 here and by r1 in a/go.mod: add one replacement for it to go.work');
  });

  test('conflicting go.mod replacements of a workspace module are refused too, though neither would apply', () => {
    writeFileSync(path.join(root, 'b/go.mod'), 'module ex.com/b\n\ngo 1.22\n\nreplace ex.com/b => ../b3\n');
    try {
      expect(goList(files['go.work']).error).toMatch(/conflicting replacements for ex.com\/b/);
      expect(ours().error).toBe('b/go.mod:5: ex.com/b is replaced by b3 here and by b2 in a/go.mod: add one replacement for it to go.work');
    } finally {
      writeFileSync(path.join(root, 'b/go.mod'), files['b/go.mod']!);
    }
  });

  test('go.work may not replace a workspace module at all versions: both refuse', () => {
    expect(goList(`${files['go.work']}replace ex.com/b => ./b2\n`).error).toMatch(/workspace module ex.com\/b is replaced at all versions/);
    expect(ours().error).toBe('go.work:9: workspace module ex.com/b is replaced at all versions: remove the replacement, or give the version it applies to');
  });
});

describe('import paths resolve by the longest module path whose directory provides the package', () => {
  test('a module nested in another wins for its own paths; its tree is not the outer module\'s', () => {
    const files = {
      'go.work': 'use ./a\nuse ./a/b\n',
      'a/go.mod': 'module ex.com/a\n',
      'a/b/go.mod': 'module ex.com/a/b\n',
      'a/cmd/x/main.go': pkg('main', 'ex.com/a/b/y', 'ex.com/a/z'),
      'a/b/y/y.go': pkg('y'),
      'a/z/z.go': pkg('z'),
    };
    expect(closureDirs(files, 'a/cmd/x')).toEqual(['a/b/y', 'a/cmd/x', 'a/z']);
  });

  test('when the longer module lacks the package, a shorter one that has it provides it', () => {
    const files = {
      'go.work': 'use ./a\nuse ./elsewhere/b\n',
      'a/go.mod': 'module ex.com/a\n',
      'elsewhere/b/go.mod': 'module ex.com/a/b\n',
      'a/cmd/x/main.go': pkg('main', 'ex.com/a/b/only_in_a'),
      'a/b/only_in_a/o.go': pkg('only_in_a'),
    };
    expect(closureDirs(files, 'a/cmd/x')).toEqual(['a/b/only_in_a', 'a/cmd/x']);
  });

  test('a module path without a dot is still local; the standard library and external modules are left out', () => {
    const files = {
      'go.mod': 'module myapp\n',
      'cmd/x/main.go': pkg('main', 'fmt', 'net/http', 'myapp/internal/util', 'github.com/pkg/errors', 'golang.org/x/sync/errgroup'),
      'internal/util/u.go': pkg('util', 'myapp/internal/deeper'),
      'internal/deeper/d.go': pkg('deeper'),
    };
    expect(closureDirs(files, 'cmd/x')).toEqual(['cmd/x', 'internal/deeper', 'internal/util']);
  });

  test('a directory inside a nested module that is not in the workspace is not local', () => {
    const files = {
      'go.work': 'use ./a\n',
      'a/go.mod': 'module ex.com/a\n',
      'a/cmd/x/main.go': pkg('main', 'ex.com/a/plugin/p'),
      'a/plugin/go.mod': 'module ex.com/a/plugin\n',
      'a/plugin/p/p.go': pkg('p'),
    };
    expect(closureDirs(files, 'a/cmd/x')).toEqual(['a/cmd/x']);
  });

  test('without go.work another module is external unless the main module replaces it', () => {
    const files = {
      'a/go.mod': 'module ex.com/a\nreplace ex.com/lib => ../lib\n',
      'a/cmd/x/main.go': pkg('main', 'ex.com/lib/l', 'ex.com/other/o'),
      'lib/go.mod': 'module ex.com/lib\n',
      'lib/l/l.go': pkg('l'),
      'other/go.mod': 'module ex.com/other\n',
      'other/o/o.go': pkg('o'),
    };
    expect(closureDirs(files, 'a/cmd/x')).toEqual(['a/cmd/x', 'lib/l']);
  });

  test('a replacement directory without go.mod is an error naming the replace line', () => {
    const files = { 'go.mod': 'module m\n\nreplace ex.com/lib => ./lib\n', 'cmd/x/main.go': pkg('main', 'ex.com/lib/l'), 'lib/l/l.go': pkg('l') };
    expect(closureProblems(files, 'cmd/x')).toEqual([
      expect.objectContaining({
        code: 'missing-package',
        message: 'cmd/x/main.go:3: imports "ex.com/lib/l": the replacement of ex.com/lib is lib (go.mod:3), which has no go.mod: fix the path or create the module',
      }),
    ]);
  });
});

describe('the build list: requirements outside the workspace, and imports nothing provides', () => {
  const scan = (files: Record<string, string>, dir: string) => new GoWorkspaceScanner(MEMORY_ROOT, { reader: memoryReader(files) }).closure(dir);

  test('a required module nested under the main module\'s path is external, not a missing directory (example.com/x requires example.com/x/client/v2)', () => {
    const closure = scan(
      {
        'go.mod': 'module example.com/x\n\ngo 1.22\n\nrequire example.com/x/client/v2 v2.9.0\n',
        'cmd/x/main.go': pkg('main', 'example.com/x/client/v2', 'example.com/x/client/v2/local', 'example.com/x/internal/a'),
        'internal/a/a.go': pkg('a'),
      },
      'cmd/x',
    );
    expect(closure.problems).toEqual([]);
    expect(closure.packages.map((p) => p.dir)).toEqual(['cmd/x', 'internal/a']);
  });

  test('an import no module of the workspace or the require list provides is a problem naming the file and line; the rest resolves', () => {
    const closure = scan(
      {
        'go.mod': 'module example.com/x\n\ngo 1.22\n\nrequire github.com/known/lib v1.0.0\n',
        'cmd/x/main.go': pkg('main', 'github.com/known/lib/sub', 'github.com/unknown/lib', 'fmt', 'example.com/x/internal/a'),
        'internal/a/a.go': pkg('a'),
      },
      'cmd/x',
    );
    expect(closure.problems.map((p) => p.message)).toEqual([
      'cmd/x/main.go:4: imports "github.com/unknown/lib": no module of the workspace or of the go.mod require lists provides it: add the requirement (go get) or fix the import path',
    ]);
    expect(closure.packages.map((p) => p.dir)).toEqual(['cmd/x', 'internal/a']);
  });

  test('a module path without a dot is looked up in the workspace before the standard library', () => {
    const closure = scan({ 'go.mod': 'module myapp\n\ngo 1.22\n', 'cmd/x/main.go': pkg('main', 'myapp/internal/a', 'net/http'), 'internal/a/a.go': pkg('a') }, 'cmd/x');
    expect(closure.problems).toEqual([]);
    expect(closure.packages.map((p) => p.dir)).toEqual(['cmd/x', 'internal/a']);
  });

  test('with go.work, the require lists of every workspace module count', () => {
    const closure = scan(
      {
        'go.work': 'go 1.22\n\nuse ./a\nuse ./b\n',
        'a/go.mod': 'module example.com/a\n\ngo 1.22\n',
        'a/cmd/x/main.go': pkg('main', 'github.com/needed/by-b'),
        'b/go.mod': 'module example.com/b\n\ngo 1.22\n\nrequire github.com/needed/by-b v1.0.0\n',
      },
      'a/cmd/x',
    );
    expect(closure.problems).toEqual([]);
  });
});
