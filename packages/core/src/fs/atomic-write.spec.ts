import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { atomicWrite, OutputWriteError } from './atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-atomic-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const OLD = Buffer.from('old content that must survive');

async function writeError(promise: Promise<void>): Promise<OutputWriteError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputWriteError);
  return error as OutputWriteError;
}

test('creates a new file with exactly the data and leaves nothing else in the directory', async () => {
  const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
  await atomicWrite(path.join(dir, 'out.pgo'), data);
  expect(readFileSync(path.join(dir, 'out.pgo')).equals(data)).toBe(true);
  expect(readdirSync(dir)).toEqual(['out.pgo']);
});

test('replaces an existing file, resolving a relative path against cwd', async () => {
  writeFileSync(path.join(dir, 'out.pgo'), OLD);
  await atomicWrite('out.pgo', 'new', dir);
  expect(readFileSync(path.join(dir, 'out.pgo'), 'utf8')).toBe('new');
  expect(readdirSync(dir)).toEqual(['out.pgo']);
});

test('a failure after the temp file is written (rename onto a directory) removes the temp file', async () => {
  mkdirSync(path.join(dir, 'out.pgo'));
  writeFileSync(path.join(dir, 'out.pgo', 'inside'), OLD);
  const error = await writeError(atomicWrite('out.pgo', 'data', dir));
  expect(error.code).toBe('EISDIR');
  expect(error.file).toBe('out.pgo');
  expect(error.message).toBe('out.pgo: cannot write the output: it is a directory: give a file name');
  expect(readdirSync(dir)).toEqual(['out.pgo']);
  expect(readFileSync(path.join(dir, 'out.pgo', 'inside')).equals(OLD)).toBe(true);
});

test('a failure while writing (disk full) removes the temp file and leaves the old file as it was', async () => {
  writeFileSync(path.join(dir, 'out.pgo'), OLD);
  const realOpen = fsPromises.open;
  jest.spyOn(fsPromises, 'open').mockImplementation(async (file, flags, mode) => {
    const handle = await realOpen(file, flags, mode);
    // Write part of the data for real, then fail the way a full disk does.
    handle.writeFile = async (data) => {
      await handle.write(Buffer.from(data as Uint8Array).subarray(0, 10));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    return handle;
  });
  const error = await writeError(atomicWrite('out.pgo', Buffer.alloc(1000, 7), dir));
  expect(fsPromises.open).toHaveBeenCalled();
  expect(error.code).toBe('ENOSPC');
  expect(error.message).toMatch(/^out\.pgo: cannot write the output: no space left/);
  expect(readdirSync(dir)).toEqual(['out.pgo']);
  expect(readFileSync(path.join(dir, 'out.pgo')).equals(OLD)).toBe(true);
});

test('a missing output directory is an OutputWriteError naming the file, and creates nothing', async () => {
  const error = await writeError(atomicWrite('missing/out.pgo', 'data', dir));
  expect(error.code).toBe('ENOENT');
  expect(error.message).toBe('missing/out.pgo: cannot write the output: its directory does not exist: create it or choose another output path');
  expect(readdirSync(dir)).toEqual([]);
});

test('concurrent writers of one target each write whole content, and no temp file remains', async () => {
  const payloads = Array.from({ length: 8 }, (_, i) => Buffer.alloc(200_000, i));
  await Promise.all(payloads.map((p) => atomicWrite('out.pgo', p, dir)));
  const result = readFileSync(path.join(dir, 'out.pgo'));
  expect(payloads.some((p) => p.equals(result))).toBe(true);
  expect(readdirSync(dir)).toEqual(['out.pgo']);
});

test('durable by default (fsync of the file and its directory); durable: false skips both, and is still all or nothing', async () => {
  const open = jest.spyOn(fsPromises, 'open');
  await atomicWrite(path.join(dir, 'out.pgo'), OLD);
  const durableSyncs = open.mock.results.length;
  open.mockClear();
  await atomicWrite(path.join(dir, 'cache.json'), '{"a":1}', undefined, { durable: false });
  // One open for the temp file; none for the directory.
  expect([durableSyncs, open.mock.calls.length]).toEqual([2, 1]);
  expect(readFileSync(path.join(dir, 'cache.json'), 'utf8')).toBe('{"a":1}');
  expect(readdirSync(dir).sort()).toEqual(['cache.json', 'out.pgo']);
});
