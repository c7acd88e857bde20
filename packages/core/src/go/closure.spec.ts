import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildContextOptions } from './build-context';
import type { GoClosure } from './closure';
import { GoScanError } from './go-error';
import { goEnv, goMinor } from './go-oracle.spec-helper';
import { MEMORY_ROOT, memoryReader } from './memory-reader.spec-helper';
import { GoWorkspaceScanner } from './scanner';

const repo = path.resolve(__dirname, '../../../..');
const fixture = path.join(repo, 'e2e/fixtures/go-monorepo');
const testSupportModule = path.join(repo, 'tools/test-support/fixtures/go');

/** Package directory (absolute) → the .go files the build compiles, as `go list -deps` reports. */
type FilesByDir = Record<string, string[]>;

/**
 * The go command's answer: the non-standard packages `importPath` depends on, run in
 * `moduleDir` (a go.work above it applies unless GOWORK says otherwise).
 */
function goListClosure(moduleDir: string, importPath: string, env: Record<string, string>): FilesByDir {
  const format = '{{if not .Standard}}{{.Dir}}|{{join .GoFiles ","}}|{{join .CgoFiles ","}}{{end}}';
  const run = spawnSync('go', ['list', '-deps', '-f', format, importPath], {
    cwd: moduleDir,
    env: { ...goEnv, GOWORK: '', GOFLAGS: '', ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`go list ${importPath} in ${moduleDir} failed: ${run.stderr}`);
  const result: FilesByDir = {};
  for (const line of run.stdout.split('\n')) {
    if (line === '') continue;
    const [dir, goFiles, cgoFiles] = line.split('|') as [string, string, string];
    result[dir] = [...goFiles.split(','), ...cgoFiles.split(',')].filter((f) => f !== '').sort();
  }
  return result;
}

function ourClosure(root: string, closure: GoClosure): FilesByDir {
  const result: FilesByDir = {};
  for (const pkg of closure.packages) result[path.join(root, pkg.dir)] = pkg.files.map((f) => path.basename(f)).sort();
  return result;
}

/** The go command's environment for the same build as `options`. */
function goBuildEnv(options: BuildContextOptions): Record<string, string> {
  return {
    GOOS: options.goos ?? 'linux',
    GOARCH: options.goarch ?? 'amd64',
    CGO_ENABLED: options.cgoEnabled === undefined ? '' : options.cgoEnabled ? '1' : '0',
    ...(options.tags !== undefined && { GOFLAGS: `-tags=${options.tags.join(',')}` }),
  };
}

const BUILDS: BuildContextOptions[] = [
  {},
  { goos: 'windows', goarch: 'amd64' },
  { tags: ['acme_fast'] },
  { goos: 'linux', goarch: 'arm64', tags: ['acme_fast'] },
  { goos: 'darwin', goarch: 'arm64' },
  { goos: 'linux', goarch: '386', tags: ['acme_fast'] },
];

describe('closures of the e2e fixture equal `go list -deps` (go.work mode)', () => {
  test.each(BUILDS)('build %j: every binary', (options) => {
    const scanner = new GoWorkspaceScanner(fixture, { ...options, goVersion: `1.${goMinor()}` });
    const { binaries, modules } = scanner.workspace();
    expect(binaries).toHaveLength(4);
    for (const binary of binaries) {
      const moduleDir = path.join(fixture, modules.find((m) => m.path === binary.module)!.dir);
      expect({ binary: binary.dir, closure: ourClosure(fixture, scanner.closure(binary.dir)) }).toEqual({
        binary: binary.dir,
        closure: goListClosure(moduleDir, binary.importPath, goBuildEnv(options)),
      });
    }
  });
});

describe('what the fixture exercises', () => {
  const dirs = (scanner: GoWorkspaceScanner, binary: string): string[] => scanner.closure(binary).packages.map((p) => p.dir);
  const linux = new GoWorkspaceScanner(fixture);

  test('files excluded by //go:build ignore, _test.go and build constraints bring none of their imports', () => {
    expect(dirs(linux, 'services/cmd/worker')).not.toContain('libs/legacy');
    expect(dirs(linux, 'services/cmd/api')).not.toContain('services/internal/testutil');
    expect(dirs(linux, 'services/cmd/api')).not.toContain('services/internal/winsvc');
    expect(dirs(new GoWorkspaceScanner(fixture, { goos: 'windows' }), 'services/cmd/api')).toContain('services/internal/winsvc');
    expect(dirs(linux, 'tools/cmd/report')).not.toContain('tools/internal/fastpath');
    expect(dirs(new GoWorkspaceScanner(fixture, { tags: ['acme_fast'] }), 'tools/cmd/report')).toContain('tools/internal/fastpath');
    expect(linux.closure('services/internal/orders').packages.find((p) => p.dir === 'services/internal/orders')!.files).toEqual([
      'services/internal/orders/orders.go',
      'services/internal/orders/region_other.go',
    ]);
  });

  test('some packages belong to one binary only, so editing them affects only that binary', () => {
    const owners = new Map<string, string[]>();
    for (const binary of linux.workspace().binaries) {
      for (const dir of dirs(linux, binary.dir)) owners.set(dir, [...(owners.get(dir) ?? []), binary.dir]);
    }
    expect(owners.get('services/internal/pricing')).toEqual(['services/cmd/api']);
    expect(owners.get('services/internal/queue')).toEqual(['services/cmd/worker']);
    expect(owners.get('tools/internal/tabulate')).toEqual(['tools/cmd/report']);
    expect(owners.get('libs/runner')).toHaveLength(4);
  });

  test('closure packages carry their import path and module', () => {
    const runner = linux.closure('tools/cmd/api').packages.find((p) => p.dir === 'libs/runner');
    expect(runner).toEqual({
      dir: 'libs/runner',
      importPath: 'example.com/acme/libs/runner',
      module: 'example.com/acme/libs',
      moduleDir: 'libs',
      vendored: false,
      files: ['libs/runner/runner.go'],
      otherFiles: [],
      excluded: [],
      embeds: [],
    });
  });
});

describe('without go.work each module builds alone, through its own local replacements', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-nowork-'));
    cpSync(fixture, copy, { recursive: true });
    rmSync(path.join(copy, 'go.work'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  test('services binaries resolve libs through `replace … => ../libs`, as `GOWORK=off go list` does', () => {
    const scanner = new GoWorkspaceScanner(copy, { goVersion: `1.${goMinor()}` });
    expect(scanner.workspace().work).toBeUndefined();
    for (const binary of ['services/cmd/api', 'services/cmd/worker']) {
      const closure = scanner.closure(binary);
      expect(closure.packages.map((p) => p.dir)).toContain('libs/runner');
      expect(ourClosure(copy, closure)).toEqual(
        goListClosure(path.join(copy, 'services'), `example.com/acme/${binary}`, { GOWORK: 'off', GOFLAGS: '-mod=mod' }),
      );
    }
  });

  test('tools has no replacement for libs: libs is then an external module, not in its closure', () => {
    const scanner = new GoWorkspaceScanner(copy);
    expect(scanner.closure('tools/cmd/report').packages.map((p) => p.dir)).toEqual(['tools/cmd/report', 'tools/internal/report', 'tools/internal/tabulate']);
  });
});

describe('tools/test-support/fixtures/go (the profile fixtures)', () => {
  test('has no cmd/<name> mains, so no binaries; the closure of each main package still equals go list', () => {
    const scanner = new GoWorkspaceScanner(testSupportModule, { goVersion: `1.${goMinor()}` });
    const workspace = scanner.workspace();
    expect(workspace.modules.map((m) => m.path)).toEqual(['gopgo.test/fixtures']);
    expect(workspace.binaries).toEqual([]);
    const mains = ['closures', 'labels', 'service', 'shapes'];
    for (const main of mains) {
      expect(ourClosure(testSupportModule, scanner.closure(main))).toEqual(
        goListClosure(testSupportModule, `gopgo.test/fixtures/${main}`, { GOWORK: 'off' }),
      );
    }
  });
});

describe('closures of an edge-case module equal `go list -deps`', () => {
  // One module (no go.work) with a nested module, a local replacement inside the root, cgo and
  // non-cgo variants, a `package documentation` file, a // +build-only file, release tags and a
  // symbolic link to a .go file.
  const files: Record<string, string> = {
    'go.mod': 'module example.com/edge\n\ngo 1.22\n\ntoolchain go1.23.0\n\nrequire example.com/ext v0.0.0\n\nreplace example.com/ext => ./third_party/ext\n',
    'cmd/edge/main.go': 'package main\n\nimport (\n\t"example.com/edge/cgopkg"\n\t"example.com/edge/rel"\n\t"example.com/edge/plain"\n\t"example.com/ext"\n)\n\nfunc main() { cgopkg.F(); rel.F(); plain.F(); ext.F() }\n',
    'cgopkg/a.go': 'package cgopkg\n\nfunc F() {}\n',
    'cgopkg/b_cgo.go': 'package cgopkg\n\n/*\n#include <stdlib.h>\nstatic const char *s = "import \\"example.com/edge/fake\\"";\n*/\nimport "C"\n\nimport _ "example.com/edge/viacgo"\n',
    'cgopkg/c_nocgo.go': '//go:build !cgo\n\npackage cgopkg\n\nimport _ "example.com/edge/vianocgo"\n',
    'cgopkg/doc.go': '// Command documentation, ignored by go/build.\npackage documentation\n\nimport _ "example.com/edge/viadoc"\n',
    'cgopkg/old.go': '// +build !windows\n\npackage cgopkg\n\nimport _ "example.com/edge/plusbuild"\n',
    // Not Go at all, but excluded by its name on every build tested: go/build never parses it.
    'cgopkg/broken_plan9.go': 'this is not Go\n',
    'plain/linked.src': 'package cgopkg\n\nimport _ "example.com/edge/vialink"\n',
    'rel/r.go': 'package rel\n\nfunc F() {}\n',
    'rel/r123.go': '//go:build go1.23\n\npackage rel\n\nimport _ "example.com/edge/go123"\n',
    'rel/r125.go': '//go:build go1.25 && (linux || windows) && !(386 || arm)\n\npackage rel\n\nimport _ "example.com/edge/go125"\n',
    'plain/p.go': 'package plain\n\nfunc F() {}\n',
    'nested/go.mod': 'module example.com/edge/nested\n\ngo 1.22\n',
    'nested/n.go': 'package nested\n',
    'third_party/ext/go.mod': 'module example.com/ext\n\ngo 1.22\n',
    'third_party/ext/ext.go': 'package ext\n\nfunc F() {}\n',
    ...Object.fromEntries(['viacgo', 'vianocgo', 'viadoc', 'plusbuild', 'vialink', 'go123', 'go125'].map((p) => [`${p}/${p}.go`, `package ${p}\n`])),
  };
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-edge-'));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
    symlinkSync('../plain/linked.src', path.join(root, 'cgopkg/linked.go'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each<BuildContextOptions>([
    { cgoEnabled: true },
    { cgoEnabled: false },
    { goos: 'windows', goarch: 'amd64' },
    { goos: 'linux', goarch: '386', cgoEnabled: false },
  ])('build %j', (options) => {
    const scanner = new GoWorkspaceScanner(root, { ...options, goVersion: `1.${goMinor()}` });
    expect(scanner.workspace().modules.map((m) => m.dir)).toEqual(['.', 'nested', 'third_party/ext']);
    expect(ourClosure(root, scanner.closure('cmd/edge'))).toEqual(goListClosure(root, 'example.com/edge/cmd/edge', { ...goBuildEnv(options), GOWORK: 'off' }));
  });

  test('what it exercises: cgo, documentation, // +build, the link, the replacement', () => {
    const dirs = (options: BuildContextOptions): string[] =>
      new GoWorkspaceScanner(root, { ...options, goVersion: '1.26' }).closure('cmd/edge').packages.map((p) => p.dir);
    expect(dirs({ cgoEnabled: true })).toEqual(['cgopkg', 'cmd/edge', 'go123', 'go125', 'plain', 'plusbuild', 'rel', 'third_party/ext', 'viacgo', 'vialink']);
    expect(dirs({ cgoEnabled: false })).toEqual(['cgopkg', 'cmd/edge', 'go123', 'go125', 'plain', 'plusbuild', 'rel', 'third_party/ext', 'vialink', 'vianocgo']);
    expect(dirs({ goos: 'windows' })).not.toContain('plusbuild');
  });

  test('without a Go version, release tags go up to the module\'s toolchain line only (go1.23 here)', () => {
    const dirs = new GoWorkspaceScanner(root).closure('cmd/edge').packages.map((p) => p.dir);
    expect(dirs).toContain('go123');
    expect(dirs).not.toContain('go125');
  });
});

describe('closure problems name the importing file and line; the walk goes on', () => {
  const files = {
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'cmd/app/main.go': 'package main\n\nimport (\n\t"fmt"\n\t"example.com/m/internal/gone"\n)\n\nfunc main() { fmt.Println() }\n',
    'cmd/excluded/main.go': 'package main\n\nimport "example.com/m/internal/winonly"\n\nfunc main() {}\n',
    'internal/winonly/w_windows.go': 'package winonly\n',
    'cmd/relative/main.go': 'package main\n\nimport "./sibling"\n\nfunc main() {}\n',
    'cmd/empty/main.go': 'package main\n\nimport _ "example.com/m/internal"\n\nfunc main() {}\n',
    'internal/sub/x.go': 'package sub\n',
  };
  const scanner = new GoWorkspaceScanner(MEMORY_ROOT, { reader: memoryReader(files) });

  test.each([
    ['cmd/app', 'missing-package', 'cmd/app/main.go:5: imports "example.com/m/internal/gone", but internal/gone does not exist: fix the import path or the package'],
    [
      'cmd/excluded',
      'no-go-files',
      'cmd/excluded/main.go:3: imports "example.com/m/internal/winonly", but build constraints exclude all 1 .go files of internal/winonly for this GOOS/GOARCH and tags: fix the import path or the package',
    ],
    ['cmd/relative', 'relative-import', 'cmd/relative/main.go:3: relative import "./sibling" is not allowed in module mode: import it by its full path'],
    ['cmd/empty', 'no-go-files', 'cmd/empty/main.go:3: imports "example.com/m/internal", but internal has no non-test .go files: fix the import path or the package'],
  ])('%s: %s', (dir, code, message) => {
    const closure = scanner.closure(dir);
    expect(closure.problems).toHaveLength(1);
    expect(closure.problems[0]).toBeInstanceOf(GoScanError);
    expect(closure.problems[0]).toMatchObject({ code, message });
    // The binary's own package is still there, with what resolved.
    expect(closure.packages.map((p) => p.dir)).toEqual([dir]);
  });

  test.each([
    ['internal/nothing', 'missing-package', 'internal/nothing: not a Go package: internal/nothing does not exist'],
    ['../elsewhere', 'not-in-workspace', '../elsewhere: not inside a module of the workspace: add its module to go.work, or scan another root'],
  ])('a closure of %s, which is no package of the workspace, is refused: %s', (dir, code, message) => {
    expect(() => scanner.closure(dir)).toThrow(expect.objectContaining({ code, message }) as Error);
  });
});
