import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeFileReader, type GoFileReader } from './file-reader';
import { GoScanError } from './go-error';
import { readFileHeader } from './file-header';

describe('readFileHeader', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-header-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** nodeFileReader, counting whole reads. */
  const counting = (): GoFileReader & { wholeReads: number } => {
    const reader = { ...nodeFileReader, wholeReads: 0 };
    reader.readFile = (file: string) => (reader.wholeReads++, nodeFileReader.readFile(file));
    return reader;
  };

  test('a .go file: constraints, clause, imports with their lines and embeds found anywhere in the file', () => {
    const body = `${'// filler\n'.repeat(1000)}//go:embed static/*.html\nvar pages embed.FS\n`;
    writeFileSync(path.join(root, 'a.go'), `//go:build linux\n\npackage a\n\nimport (\n\t"embed"\n\t"fmt"\n)\n\n${body}`);
    const reader = counting();
    const header = readFileHeader(root, 'a.go', reader);
    expect(header.constraints).toEqual({ goBuild: { expr: 'linux', line: 1 }, plusBuild: [] });
    expect(header.clause).toEqual(
      expect.objectContaining({
        packageName: 'a',
        imports: [expect.objectContaining({ path: 'embed', line: 6 }), expect.objectContaining({ path: 'fmt', line: 7 })],
        embeds: [expect.objectContaining({ pattern: 'static/*.html' })],
      }),
    );
    // The imports fit in the first bytes; the embeds past them need the whole file, once.
    expect(reader.wholeReads).toBe(1);
  });

  test('an assembly file has constraints only; a small .go file without embed is never read whole', () => {
    writeFileSync(path.join(root, 'a_amd64.s'), '//go:build !purego\n\nTEXT ·f(SB),0,$0\n');
    writeFileSync(path.join(root, 'b.go'), 'package b\n\nimport "os"\n');
    const reader = counting();
    expect(readFileHeader(root, 'a_amd64.s', reader)).toEqual({ constraints: { goBuild: { expr: '!purego', line: 1 }, plusBuild: [] } });
    expect(readFileHeader(root, 'b.go', reader).clause?.imports.map((i) => i.path)).toEqual(['os']);
    expect(reader.wholeReads).toBe(0);
  });

  test('a header that does not parse, or a file that is gone: GoScanError naming the file', () => {
    writeFileSync(path.join(root, 'bad.go'), 'package\n');
    expect(() => readFileHeader(root, 'bad.go', nodeFileReader)).toThrow(GoScanError);
    expect(() => readFileHeader(root, 'gone.go', nodeFileReader)).toThrow(/gone\.go/);
  });
});
