import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandGlob } from './glob';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-glob-'));
  for (const file of ['a.pprof', 'b.pprof', 'c.txt', '.hidden.pprof', 'x1.pprof', 'x2.pprof', 'sub/d.pprof', 'sub/deep/e.pprof', '.git/f.pprof', 'sub.pprof/g.txt']) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const match = async (pattern: string): Promise<string[]> => (await expandGlob(pattern, root)).map((file) => path.relative(root, file).split(path.sep).join('/'));

test.each([
  ['*.pprof', ['a.pprof', 'b.pprof', 'x1.pprof', 'x2.pprof']], // not the hidden file, not the directory sub.pprof
  ['x?.pprof', ['x1.pprof', 'x2.pprof']],
  ['[ab].pprof', ['a.pprof', 'b.pprof']],
  ['[!ab].*', ['c.txt']],
  ['**/*.pprof', ['a.pprof', 'b.pprof', 'sub/d.pprof', 'sub/deep/e.pprof', 'x1.pprof', 'x2.pprof']],
  ['sub/**/e.pprof', ['sub/deep/e.pprof']],
  ['.hidden.pprof', ['.hidden.pprof']],
  ['sub/d.pprof', ['sub/d.pprof']],
  ['sub', []], // a directory is not a profile file
  ['nothing/*.pprof', []],
])('%s', async (pattern, expected) => {
  expect(await match(pattern)).toEqual(expected);
});

test('absolute patterns, and patterns that climb out of the directory', async () => {
  expect(await expandGlob(path.join(root, 'sub', '*.pprof'), '/')).toEqual([path.join(root, 'sub', 'd.pprof')]);
  expect(await expandGlob('../*.pprof', path.join(root, 'sub', 'deep'))).toEqual([path.join(root, 'sub', 'd.pprof')]);
});
