import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { latestCaptureDir } from './latest-capture';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-latest-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const runs = (...names: string[]): void => {
  for (const name of names) mkdirSync(path.join(root, '.pgo/captures/api', name), { recursive: true });
};

test('the newest complete run wins; partial and stray directories are ignored', async () => {
  runs('20261101T000000Z', '20261122T101500Z', '20261120T235959Z', '.20261123T000000Z.abcd.partial', 'notes');
  await expect(latestCaptureDir(root, 'api')).resolves.toBe(path.join(root, '.pgo/captures/api/20261122T101500Z'));
});

test('no capture yet: an error naming the directory and what to run', async () => {
  await expect(latestCaptureDir(root, 'api')).rejects.toThrow('.pgo/captures/api: no capture of api yet: run pgo-capture (go-pgo capture) first');
  runs('.20261123T000000Z.abcd.partial');
  await expect(latestCaptureDir(root, 'api')).rejects.toThrow('no capture of api yet');
});
