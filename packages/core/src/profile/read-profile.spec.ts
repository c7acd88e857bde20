import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, ProfileFormatError } from '@go-pgo/pprof';
import { corpusDir, corpusFiles } from '../../../../tools/test-support/corpus';
import { ProfileReadError, readProfile } from './read-profile';

async function readError(file: string, cwd: string): Promise<ProfileReadError> {
  const error: unknown = await readProfile(file, cwd).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProfileReadError);
  return error as ProfileReadError;
}

describe.each(corpusFiles().map((f) => [f.name, f] as const))('%s', (_name, file) => {
  if (file.wellFormed) {
    test('reads and decodes it, relative to cwd, reporting the stored size', async () => {
      const { profile, size } = await readProfile(file.name, corpusDir);
      expect(size).toBe(file.bytes.length);
      const direct = decode(file.bytes);
      const shape = (p: typeof profile): number[] => [p.sample.length, p.location.length, p.function.length, p.mapping.length];
      expect(shape(profile)).toEqual(shape(direct));
      expect(profile.sample.length).toBeGreaterThan(0);
    });
  } else {
    test('fails with one line naming the file and keeps the decoder error as the cause', async () => {
      const error = await readError(file.path, '/');
      expect(error.file).toBe(file.path);
      expect(error.code).toBe('legacy-format');
      expect(error.cause).toBeInstanceOf(ProfileFormatError);
      expect(error.message).toBe(`${file.path}: ${(error.cause as Error).message}`);
      expect(error.message).not.toContain('\n');
    });
  }
});

describe('file-system failures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-read-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file', async () => {
    const error = await readError('captures/nope.pgo', dir);
    expect(error.code).toBe('ENOENT');
    expect(error.message).toBe('captures/nope.pgo: no such file: check the path');
  });

  test('a directory', async () => {
    mkdirSync(path.join(dir, 'default.pgo'));
    const error = await readError('default.pgo', dir);
    expect(error.code).toBe('EISDIR');
    expect(error.message).toBe('default.pgo: is a directory, not a profile file: give the path of a .pprof/.pgo file');
  });

  test('an empty file is the decoder’s "empty", named', async () => {
    writeFileSync(path.join(dir, 'empty.pgo'), '');
    const error = await readError('empty.pgo', dir);
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/^empty\.pgo: .*empty/);
  });
});
