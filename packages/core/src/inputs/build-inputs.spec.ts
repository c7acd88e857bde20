import type { GoFacts } from '../go/workspace-facts';
import { BuildInputSets, type InputFormat } from './build-inputs';

const PLAIN: InputFormat<string> = {
  tracked: (glob, negated) => `${negated ? '!' : ''}${glob}`,
  untracked: (glob, negated) => `${negated ? '!' : ''}untracked:${glob}`,
};
const OTHER = '*.{c,cc,cpp,cxx,m,h,hh,hpp,hxx,f,F,for,f90,s,S,sx,swig,swigcxx,syso}';

const facts: GoFacts = {
  work: false,
  modules: [
    { dir: 'app', path: 'example.com/app', workspace: true },
    { dir: '../outside', path: 'example.com/out', workspace: false },
  ],
  packages: [
    { dir: 'app/cmd/a', module: 0 },
    { dir: 'app/web', module: 0, excluded: ['web_windows.go', '_x.go'], embeds: ['static', 'all:tmpl', 'VERSION'] },
    { dir: '../outside/lib', module: 1 },
    { dir: 'app/vendor/example.com/v', module: 0 },
  ],
  binaries: [
    { dir: 'app/cmd/a', name: 'a', importPath: 'example.com/app/cmd/a', module: 0, files: ['app/cmd/a/main.go'], closure: [0, 1, 2, 3], modulesTxt: 'app/vendor/modules.txt' },
    { dir: 'app/cmd/b', name: 'b', importPath: 'example.com/app/cmd/b', module: 0, files: [], closure: [0], problems: ['app/cmd/b/main.go:3: imports "example.com/app/gone": …'] },
  ],
};

test('per package: sources as globs, what the build leaves out as exclusions, embeds as untracked globs; then module files, go.work, modules.txt', () => {
  expect(new BuildInputSets(facts, PLAIN).of(facts.binaries[0]!)).toEqual([
    'app/cmd/a/*.go',
    '!app/cmd/a/*_test.go',
    `app/cmd/a/${OTHER}`,
    'app/web/*.go',
    '!app/web/*_test.go',
    `app/web/${OTHER}`,
    '!app/web/web_windows.go',
    '!app/web/_x.go',
    'untracked:app/web/static',
    'untracked:app/web/static/**',
    '!untracked:app/web/static/**/.*',
    '!untracked:app/web/static/**/.*/**',
    '!untracked:app/web/static/**/_*',
    '!untracked:app/web/static/**/_*/**',
    'untracked:app/web/tmpl',
    'untracked:app/web/tmpl/**',
    // A name may be a file or a directory: the directory rules apply below it.
    'untracked:app/web/VERSION',
    'untracked:app/web/VERSION/**',
    '!untracked:app/web/VERSION/**/.*',
    '!untracked:app/web/VERSION/**/.*/**',
    '!untracked:app/web/VERSION/**/_*',
    '!untracked:app/web/VERSION/**/_*/**',
    // ../outside/lib: outside the root, which no tool can hash.
    'app/vendor/example.com/v/*.go',
    '!app/vendor/example.com/v/*_test.go',
    `app/vendor/example.com/v/${OTHER}`,
    'app/go.mod',
    'app/go.sum',
    'untracked:go.work',
    'untracked:go.work.sum',
    'untracked:app/vendor/modules.txt',
  ]);
});

test('a binary whose closure is known only in part also gets every file of its module', () => {
  expect(new BuildInputSets(facts, PLAIN).of(facts.binaries[1]!)).toEqual([
    'app/cmd/a/*.go',
    '!app/cmd/a/*_test.go',
    `app/cmd/a/${OTHER}`,
    'app/**',
    'app/go.mod',
    'app/go.sum',
    'untracked:go.work',
    'untracked:go.work.sum',
  ]);
});

test('entries are made once per package and shared between binaries', () => {
  const sets = new BuildInputSets(facts, { tracked: (glob) => ({ glob }), untracked: (glob) => ({ glob }) });
  const [a, b] = [sets.of(facts.binaries[0]!), sets.of(facts.binaries[1]!)];
  expect(a[0]).toBe(b[0]);
});
