// Each pattern's globs, expanded by Nx's own matcher, against the files go list says the
// package embeds (EmbedFiles), on a tree with the names that make embedding tricky.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embedGlobs } from './embed-globs';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- Nx's native binding has no typed entry.
const { expandFilesInput } = require('nx/src/native') as { expandFilesInput: (root: string, globs: string[]) => string[] };

const TREE = [
  'pkg/static/site.css',
  'pkg/static/_draft.css',
  'pkg/static/.hidden',
  'pkg/static/img/logo.png',
  'pkg/static/_private/key.txt',
  'pkg/static/.cache/x',
  'pkg/static/deep/er/file.txt',
  'pkg/docs/a.md',
  'pkg/docs/b.txt',
  'pkg/docs/x{y}.md',
  'pkg/docs/c,d.md',
  'pkg/docs/with space.md',
  'pkg/docs/!bang.md',
  'pkg/abc.txt',
  'pkg/axc.txt',
  'pkg/_under.txt',
  'pkg/.dot.txt',
  'pkg/sub/one/leaf.txt',
  'pkg/sub/two/leaf.txt',
  'pkg/sub/two/other.txt',
];

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'go-pgo-embed-globs-')));
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/e\n\ngo 1.22\n');
  for (const file of TREE) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), file);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function goEmbedFiles(pattern: string): string[] {
  writeFileSync(path.join(root, 'pkg', 'e.go'), `package pkg\n\nimport "embed"\n\n//go:embed ${JSON.stringify(pattern)}\nvar f embed.FS\n`);
  const run = spawnSync('go', ['list', '-json=EmbedFiles,Error', './pkg'], { cwd: root, env: { ...process.env, GOWORK: 'off', GOFLAGS: '' }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const listed = JSON.parse(run.stdout) as { EmbedFiles?: string[]; Error?: { Err: string } };
  if (listed.Error) throw new Error(listed.Error.Err);
  return (listed.EmbedFiles ?? []).map((f) => `pkg/${f}`).sort();
}

function nxFiles(pattern: string): string[] {
  const globs = embedGlobs('pkg', pattern).map(({ glob, negated }) => (negated ? `!${glob}` : glob));
  return expandFilesInput(root, globs).sort();
}

test.each([
  'static',
  'all:static',
  'static/*',
  'docs/*.md',
  'docs/x{y}.md',
  'docs/c,d.md',
  'docs/with space.md',
  'docs/!bang.md',
  'a?c.txt',
  'a[bx]c.txt',
  'a[^b]c.txt',
  '_under.txt',
  '.dot.txt',
  '*.txt',
  'sub/*/leaf.txt',
  'sub',
  'static/deep',
])('%s: the files Go embeds, no more and no fewer', (pattern) => {
  expect(nxFiles(pattern)).toEqual(goEmbedFiles(pattern));
});

test.each(['', '.', '..', '/abs', 'a/../b', 'dir/', '[', 'a\\'])('%j is no valid pattern: no globs (the build fails whatever the files)', (pattern) => {
  expect(embedGlobs('pkg', pattern)).toEqual([]);
});

test.each(['a[!x]c.txt', 'a[\\]b]c.txt', '[_.]*.txt'])('%s: a class beyond letters and ranges matches a superset of what Go embeds, never less', (pattern) => {
  const ours = nxFiles(pattern);
  expect(ours).toEqual(expect.arrayContaining(goEmbedFiles(pattern)));
});

test('a package directory whose name is glob syntax is taken literally', () => {
  mkdirSync(path.join(root, 'odd{1,2}[x]'), { recursive: true });
  writeFileSync(path.join(root, 'odd{1,2}[x]', 'f.txt'), '');
  writeFileSync(path.join(root, 'odd{1,2}[x]', 'g.txt'), '');
  const globs = embedGlobs('odd{1,2}[x]', 'f.txt').map(({ glob, negated }) => (negated ? `!${glob}` : glob));
  expect(expandFilesInput(root, globs)).toEqual(['odd{1,2}[x]/f.txt']);
});
