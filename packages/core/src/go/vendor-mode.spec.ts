// Whether a build reads vendor/, against the go command: each case is a real workspace whose
// vendor/ was made by `go mod vendor` or `go work vendor`, and go list says where the
// dependency's package comes from.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goEnv } from './go-oracle.spec-helper';
import { GoWorkspaceScanner } from './scanner';
import type { ModFlag } from './vendor-mode';

const DEP = { 'dep/go.mod': 'module example.com/dep\n\ngo 1.22\n', 'dep/p/p.go': 'package p\n' };
const app = (goLine: string): Record<string, string> => ({
  'app/go.mod': `module example.com/app\n\ngo ${goLine}\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ../dep\n`,
  'app/cmd/a/main.go': 'package main\n\nimport _ "example.com/dep/p"\n\nfunc main() {}\n',
});

function workspace(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'go-pgo-vendor-')));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const go = (root: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string =>
  execFileSync('go', args, { cwd: path.join(root, cwd), env: { ...goEnv, GOWORK: '', GOFLAGS: '', ...env }, encoding: 'utf8' }).trim();

/** Where go list finds example.com/dep/p, root-relative. */
function goDir(root: string, env: NodeJS.ProcessEnv): string {
  return path.relative(root, go(root, 'app', ['list', '-f', '{{.Dir}}', 'example.com/dep/p'], env)).split(path.sep).join('/');
}

function ourDir(root: string, mod?: ModFlag): string {
  const scanner = new GoWorkspaceScanner(root, { goVersion: '1.26', ...(mod !== undefined && { mod }) });
  return scanner.closure('app/cmd/a').packages.find((p) => p.importPath === 'example.com/dep/p')!.dir;
}

describe('vendor mode, decided as the go command decides', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>): string => {
    const root = workspace(files);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  test('a module with vendor/ and go >= 1.14 reads the replaced module from vendor/; -mod=mod and -mod=readonly turn it off', () => {
    const root = make({ ...DEP, ...app('1.22') });
    go(root, 'app', ['mod', 'vendor'], { GOWORK: 'off' });
    expect(goDir(root, { GOWORK: 'off' })).toBe('app/vendor/example.com/dep/p');
    expect(ourDir(root)).toBe('app/vendor/example.com/dep/p');
    expect(goDir(root, { GOWORK: 'off', GOFLAGS: '-mod=mod' })).toBe('dep/p');
    expect(ourDir(root, 'mod')).toBe('dep/p');
    expect(goDir(root, { GOWORK: 'off', GOFLAGS: '-mod=readonly' })).toBe('dep/p');
    expect(ourDir(root, 'readonly')).toBe('dep/p');
    const closure = new GoWorkspaceScanner(root).closure('app/cmd/a');
    expect(closure.packages.find((p) => p.dir === 'app/vendor/example.com/dep/p')).toMatchObject({ module: 'example.com/dep', moduleDir: 'app', vendored: true });
  });

  test('go < 1.14: vendor/ is not used by default', () => {
    const root = make({ ...DEP, 'dep/go.mod': 'module example.com/dep\n\ngo 1.13\n', ...app('1.13') });
    go(root, 'app', ['mod', 'vendor'], { GOWORK: 'off' });
    expect(goDir(root, { GOWORK: 'off' })).toBe('dep/p');
    expect(ourDir(root)).toBe('dep/p');
    // ...unless -mod=vendor says so.
    expect(goDir(root, { GOWORK: 'off', GOFLAGS: '-mod=vendor' })).toBe('app/vendor/example.com/dep/p');
    expect(ourDir(root, 'vendor')).toBe('app/vendor/example.com/dep/p');
  });

  test('with go.work: a module\'s own vendor/ is ignored; `go work vendor` makes one at the workspace root that is read', () => {
    const root = make({ ...DEP, ...app('1.22'), 'go.work': 'go 1.22\n\nuse ./app\n' });
    go(root, 'app', ['mod', 'vendor'], { GOWORK: 'off' });
    expect(goDir(root, {})).toBe('dep/p');
    expect(ourDir(root)).toBe('dep/p');
    go(root, '.', ['work', 'vendor']);
    expect(goDir(root, {})).toBe('vendor/example.com/dep/p');
    expect(ourDir(root)).toBe('vendor/example.com/dep/p');
  });

  test('the vendor directory and its modules.txt are reported for the inputs', () => {
    const root = make({ ...DEP, ...app('1.22') });
    go(root, 'app', ['mod', 'vendor'], { GOWORK: 'off' });
    expect(new GoWorkspaceScanner(root).vendorDirectory('app/cmd/a')).toMatchObject({ dir: 'app/vendor', modulesTxt: 'app/vendor/modules.txt' });
  });
});
