import { GoScanError } from './go-error';
import { MEMORY_ROOT, memoryReader } from './memory-reader.spec-helper';
import { GoWorkspaceScanner, type GoScannerOptions } from './scanner';

const main = 'package main\n\nfunc main() {}\n';

function scan(files: Record<string, string>, options: GoScannerOptions = {}, symlinks: Record<string, 'file' | 'dir'> = {}) {
  const reader = memoryReader(files, symlinks);
  return { workspace: new GoWorkspaceScanner(MEMORY_ROOT, { ...options, reader }).workspace(), reader };
}

function scanError(files: Record<string, string>): GoScanError {
  try {
    scan(files);
  } catch (error) {
    if (error instanceof GoScanError) return error;
    throw error;
  }
  throw new Error('expected a GoScanError');
}

describe('with go.work, the modules are its use lines', () => {
  const files = {
    'go.work': 'go 1.23\n\nuse (\n\t./svc\n\t./libs\n)\nuse ../outside\nreplace example.com/x => ./forks/x\n',
    'svc/go.mod': 'module example.com/svc\n\ngo 1.22\n\nreplace example.com/y => ../forks/y\n',
    'svc/cmd/api/main.go': main,
    'svc/internal/tools/cmd/gen/main.go': main,
    'svc/cmd/docs/docs.go': 'package docs\n',
    'svc/cmd/testonly/x_test.go': main,
    'svc/cmd/winonly/main_windows.go': main,
    'svc/cmd/ignored/main.go': '//go:build ignore\n\npackage main\n',
    'svc/vendor/example.com/v/cmd/v/main.go': main,
    'svc/testdata/cmd/t/main.go': main,
    'svc/node_modules/cmd/n/main.go': main,
    'svc/.git/cmd/g/main.go': main,
    'svc/_old/cmd/o/main.go': main,
    'svc/dist/cmd/d/main.go': main,
    'svc/plugin/go.mod': 'module example.com/svc/plugin\n',
    'svc/plugin/cmd/p/main.go': main,
    'svc/cmd/api/extra/cmd.go': main,
    'libs/go.mod': 'module example.com/libs\n',
    'libs/cmd/api/main.go': main,
    'notused/go.mod': 'module example.com/notused\n',
    'notused/cmd/n/main.go': main,
    '../outside/go.mod': 'module example.com/outside\n\ntoolchain go1.24.1\n',
    '../outside/cmd/out/main.go': main,
  };

  test('modules, with their go lines and local replacements resolved to root-relative directories', () => {
    const { workspace } = scan(files);
    expect(workspace.root).toBe(MEMORY_ROOT);
    expect(workspace.work).toEqual({ goVersion: '1.23', replaces: [{ path: 'example.com/x', dir: 'forks/x', file: 'go.work', line: 8 }] });
    expect(workspace.modules).toEqual([
      { dir: '../outside', path: 'example.com/outside', toolchain: 'go1.24.1', replaces: [], requires: [] },
      { dir: 'libs', path: 'example.com/libs', replaces: [], requires: [] },
      { dir: 'svc', path: 'example.com/svc', goVersion: '1.22', replaces: [{ path: 'example.com/y', dir: 'forks/y', file: 'svc/go.mod', line: 5 }], requires: [] },
    ]);
  });

  test('binaries: cmd/<name> at any depth whose buildable non-test files are package main', () => {
    const { workspace } = scan(files);
    expect(workspace.binaries).toEqual([
      { dir: '../outside/cmd/out', name: 'out', module: 'example.com/outside', importPath: 'example.com/outside/cmd/out' },
      { dir: 'libs/cmd/api', name: 'api', module: 'example.com/libs', importPath: 'example.com/libs/cmd/api' },
      { dir: 'svc/cmd/api', name: 'api', module: 'example.com/svc', importPath: 'example.com/svc/cmd/api' },
      { dir: 'svc/internal/tools/cmd/gen', name: 'gen', module: 'example.com/svc', importPath: 'example.com/svc/internal/tools/cmd/gen' },
    ]);
  });

  test('which files count depends on the build: a Windows-only main is a binary for GOOS=windows', () => {
    expect(scan(files, { goos: 'windows' }).workspace.binaries.map((b) => b.dir)).toContain('svc/cmd/winonly');
  });

  test('discovery reads go.work, the go.mod files and the .go files of cmd/* directories, each once', () => {
    const { reader } = scan(files);
    const read = [...reader.reads.keys()].map((p) => p.slice(MEMORY_ROOT.length + 1)).sort();
    expect(read).toEqual([
      '../outside/cmd/out/main.go',
      '../outside/go.mod',
      'go.work',
      'libs/cmd/api/main.go',
      'libs/go.mod',
      'svc/cmd/api/main.go',
      'svc/cmd/docs/docs.go',
      'svc/cmd/ignored/main.go',
      'svc/go.mod',
      'svc/internal/tools/cmd/gen/main.go',
    ]);
    expect([...reader.reads.values()].every((n) => n === 1)).toBe(true);
  });

  test('a module rooted at cmd/<name> is a binary too', () => {
    const { workspace } = scan({ 'go.work': 'use ./cmd/tool\n', 'cmd/tool/go.mod': 'module example.com/tool\n', 'cmd/tool/main.go': main });
    expect(workspace.binaries).toEqual([{ dir: 'cmd/tool', name: 'tool', module: 'example.com/tool', importPath: 'example.com/tool' }]);
  });

  test('links to directories are not followed', () => {
    const { workspace } = scan({ 'go.work': 'use ./m\n', 'm/go.mod': 'module m\n', 'm/cmd/real/main.go': main }, {}, { 'm/cmd/alias': 'dir' });
    expect(workspace.binaries.map((b) => b.dir)).toEqual(['m/cmd/real']);
  });
});

describe('without go.work, every go.mod under the root is a module', () => {
  test('nested modules own their subtrees; cmd dirs outside any module are not binaries', () => {
    const { workspace } = scan({
      'go.mod': 'module example.com/root\n',
      'cmd/root/main.go': main,
      'tools/go.mod': 'module example.com/tools\n',
      'tools/cmd/lint/main.go': main,
      'tools/deep/go.mod': 'module example.com/deep\n',
      'tools/deep/cmd/d/main.go': main,
      'vendor/go.mod': 'module example.com/vendored\n',
    });
    expect(workspace.work).toBeUndefined();
    expect(workspace.modules.map((m) => [m.dir, m.path])).toEqual([
      ['.', 'example.com/root'],
      ['tools', 'example.com/tools'],
      ['tools/deep', 'example.com/deep'],
    ]);
    expect(workspace.binaries.map((b) => [b.dir, b.importPath])).toEqual([
      ['cmd/root', 'example.com/root/cmd/root'],
      ['tools/cmd/lint', 'example.com/tools/cmd/lint'],
      ['tools/deep/cmd/d', 'example.com/deep/cmd/d'],
    ]);
    expect(scan({ 'cmd/orphan/main.go': main, 'm/go.mod': 'module m\n' }).workspace.binaries).toEqual([]);
  });
});

describe('workspace errors say which file and line, and what to do', () => {
  test('a go.work that does not parse stops the discovery', () => {
    expect(scanError({ 'go.work': 'use (\n./a\n' })).toMatchObject({ code: 'syntax', message: 'go.work:1: the "use" block is not closed: add a line with ")"' });
  });

  test.each([
    [{ 'go.work': 'go 1.22\nuse ./gone\nuse ./ok\n', 'ok/go.mod': 'module ok\n' }, 'missing-module', 'go.work:2: "use ./gone": gone has no go.mod: create it (go mod init) or remove the line'],
    [
      { 'go.work': 'use ./a\nuse ./b\nuse ./ok\n', 'a/go.mod': 'module same\n', 'b/go.mod': 'module same\n', 'ok/go.mod': 'module ok\n' },
      'syntax',
      'go.work:2: module same appears twice in the workspace (a and b): keep one "use" line',
    ],
    [{ 'go.mod': 'module m\ngo 1.x\n', 'ok/go.mod': 'module ok\n' }, 'syntax', 'go.mod:2: invalid go version "1.x": write it as 1.N or 1.N.P'],
  ])('a broken module is left out, the others stay: %j', (files, code, message) => {
    const { workspace } = scan({ ...files, 'ok/cmd/tool/main.go': main });
    expect(workspace.problems).toEqual([expect.objectContaining({ code, message })]);
    expect(workspace.binaries.map((b) => b.dir)).toEqual(['ok/cmd/tool']);
  });

  test.each([
    [
      { 'go.mod': 'module m\n', 'cmd/x/a.go': 'package main\n', 'cmd/x/b.go': 'package x\n' },
      'multiple-packages',
      'cmd/x: a.go declares package main but b.go declares package x: keep one package per directory, or exclude one file with a build constraint',
    ],
    [{ 'go.mod': 'module m\n', 'cmd/x/a.go': '//go:build linux &&\n\npackage main\n' }, 'syntax', 'cmd/x/a.go:1: invalid //go:build expression "linux &&" at column 9: unexpected end of expression'],
  ])('a package the scanner cannot read in full is a problem of the closures that reach it: %j', (files, code, message) => {
    const scanner = new GoWorkspaceScanner(MEMORY_ROOT, { reader: memoryReader(files) });
    expect(scanner.workspace().binaries.map((b) => b.dir)).toEqual(['cmd/x']);
    expect(scanner.closure('cmd/x').problems).toEqual([expect.objectContaining({ code, message })]);
  });

  test('an unreadable go.mod is a read error naming it; its module is left out', () => {
    const reader = memoryReader({ 'go.mod': 'module m\n', 'cmd/x/main.go': main });
    const failing = { ...reader, readFile: () => { throw Object.assign(new Error('denied'), { code: 'EACCES' }); } };
    const workspace = new GoWorkspaceScanner(MEMORY_ROOT, { reader: failing }).workspace();
    expect(workspace.problems).toEqual([expect.objectContaining({ code: 'read', file: 'go.mod', message: 'go.mod: cannot read (EACCES): check that it exists and is readable' })]);
    expect(workspace.modules).toEqual([]);
  });
});
