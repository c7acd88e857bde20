// The gain pgo-roi takes from a real history file (written by the bench's own appendHistory):
// the latest accepted run, negated (history records time with PGO), its interval swapped.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HistoryRow } from '../bench/bench-types';
import { appendHistory, historyFile } from '../bench/history';
import { gainFromHistory, givenGain } from './measured-gain';
import { RoiError } from './roi-error';

let root: string;
beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-roi-gain-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function row(delta: number, lo: number, hi: number, accepted: boolean, date: string): HistoryRow {
  return {
    commit: 'c0ffee'.padEnd(40, '0'),
    profileSha256: 'a'.repeat(64),
    date,
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: delta,
    geomeanCi: { lo, hi },
    binaryBytes: { off: 1_000_000, pgo: 1_020_000 },
    buildSeconds: { off: 10, pgo: 12 },
    accepted,
  };
}

test('takes the latest accepted run, as a saving with its interval', async () => {
  const file = historyFile(root, 'api');
  await appendHistory(file, row(-3.1, -4, -2.2, true, '2026-01-01T00:00:00.000Z'));
  await appendHistory(file, row(-6.2, -8.3, -4.1, true, '2026-01-05T00:00:00.000Z'));
  await appendHistory(file, row(2.5, 1, 4, false, '2026-01-09T00:00:00.000Z'));
  expect(await gainFromHistory(root, 'api')).toEqual({
    percent: 6.2,
    ci: { lo: 4.1, hi: 8.3 },
    source: 'history',
    date: '2026-01-05T00:00:00.000Z',
    commit: 'c0ffee'.padEnd(40, '0'),
    file: '.pgo/history/api.jsonl',
  });
});

test('an infinite interval (stored as null) comes back infinite', async () => {
  await appendHistory(historyFile(root, 'api'), row(-5, -Infinity, Infinity, true, '2026-01-05T00:00:00.000Z'));
  expect((await gainFromHistory(root, 'api')).ci).toEqual({ lo: -Infinity, hi: Infinity });
});

test('no history says what to run', async () => {
  await expect(gainFromHistory(root, 'api')).rejects.toThrow(
    new RoiError('no-gain', '.pgo/history/api.jsonl holds no pgo-bench run of api: run nx run api:pgo-bench (or go-pgo bench <binary-dir>) to measure the gain, or pass --gain <percent>'),
  );
});

test('a history with no accepted run says so', async () => {
  await appendHistory(historyFile(root, 'api'), row(2.5, 1, 4, false, '2026-01-09T00:00:00.000Z'));
  await expect(gainFromHistory(root, 'api')).rejects.toThrow(/^none of the 1 pgo-bench runs in \.pgo\/history\/api\.jsonl passed its gates: run nx run api:pgo-bench/);
});

test('a stated gain must be a percentage', () => {
  expect(givenGain(6.2)).toEqual({ percent: 6.2, source: 'option' });
  expect(() => givenGain(100)).toThrow(RoiError);
});
