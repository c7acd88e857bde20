import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeFileReader } from './file-reader';

describe('nodeFileReader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-reader-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'a.go'), 'package a\n');
    symlinkSync('a.go', path.join(dir, 'link.go'));
    symlinkSync('sub', path.join(dir, 'linkdir'));
    symlinkSync('missing', path.join(dir, 'dangling'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('readDir reports kinds without following links', () => {
    const entries = [...nodeFileReader.readDir(dir)!].sort((x, y) => (x.name < y.name ? -1 : 1));
    expect(entries).toEqual([
      { name: 'a.go', kind: 'file' },
      { name: 'dangling', kind: 'symlink' },
      { name: 'link.go', kind: 'symlink' },
      { name: 'linkdir', kind: 'symlink' },
      { name: 'sub', kind: 'dir' },
    ]);
  });

  test('a missing directory, or a file, reads as undefined', () => {
    expect(nodeFileReader.readDir(path.join(dir, 'nope'))).toBeUndefined();
    expect(nodeFileReader.readDir(path.join(dir, 'a.go'))).toBeUndefined();
  });

  test('stat follows links; missing and dangling are undefined', () => {
    expect(nodeFileReader.stat(path.join(dir, 'link.go'))).toBe('file');
    expect(nodeFileReader.stat(path.join(dir, 'linkdir'))).toBe('dir');
    expect(nodeFileReader.stat(path.join(dir, 'dangling'))).toBeUndefined();
    expect(nodeFileReader.stat(path.join(dir, 'nope'))).toBeUndefined();
  });

  test('readFile gives text and throws the errno error otherwise', () => {
    expect(nodeFileReader.readFile(path.join(dir, 'link.go'))).toBe('package a\n');
    expect(() => nodeFileReader.readFile(path.join(dir, 'nope'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
