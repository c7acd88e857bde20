// The history file: append and read back, a torn last line tolerated (and dropped on the next
// append), a corrupt line elsewhere an error naming file:line, infinite bounds as null.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchError } from './bench-error';
import type { HistoryRow } from './bench-types';
import { appendHistory, historyFile, lastAccepted, readHistory } from './history';
import type { ServiceHistoryRow } from '../loadtest/service-history-row';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-history-'));
  file = path.join(dir, '.pgo', 'history', 'report.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function row(n: number, accepted = true): HistoryRow {
  return {
    commit: `${n}`.repeat(40).slice(0, 40),
    profileSha256: 'f'.repeat(64),
    date: `2026-01-0${n}T00:00:00.000Z`,
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: -n,
    geomeanCi: { lo: -n - 1, hi: -n + 1 },
    binaryBytes: { off: 1000, pgo: 1000 + n },
    buildSeconds: { off: 10, pgo: 10 + n },
    accepted,
  };
}

test('lives in .pgo/history/<project>.jsonl', () => {
  expect(historyFile('/ws', 'report')).toBe(path.join('/ws', '.pgo', 'history', 'report.jsonl'));
});

test('a missing file is an empty history; appends create it and read back in order, one line each', async () => {
  expect(await readHistory(file)).toEqual({ rows: [], service: [], tornLastLine: false });
  for (const r of [row(1), row(2, false), row(3)]) expect(await appendHistory(file, r)).toEqual({ droppedTornLine: false });
  expect(await readHistory(file)).toEqual({ rows: [row(1), row(2, false), row(3)], service: [], tornLastLine: false });
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[3]).toBe('');
  expect(lines[0]).toBe(JSON.stringify(row(1)));
  expect(readdirSync(path.dirname(file))).toEqual(['report.jsonl']);
});

test('infinite confidence bounds are written as null and read back as ±Infinity', async () => {
  const few = { ...row(1), geomeanCi: { lo: -Infinity, hi: Infinity } };
  await appendHistory(file, few);
  expect(readFileSync(file, 'utf8')).toContain('"geomeanCi":{"lo":null,"hi":null}');
  expect((await readHistory(file)).rows).toEqual([few]);
});

test('a torn last line is left out and reported, and dropped by the next append', async () => {
  await appendHistory(file, row(1));
  const torn = JSON.stringify(row(2)).slice(0, 50);
  writeFileSync(file, readFileSync(file, 'utf8') + torn);
  expect(await readHistory(file)).toEqual({ rows: [row(1)], service: [], tornLastLine: true });
  expect(await appendHistory(file, row(3))).toEqual({ droppedTornLine: true });
  expect(await readHistory(file)).toEqual({ rows: [row(1), row(3)], service: [], tornLastLine: false });
});

test.each([
  ['a cut line in the middle', (lines: string[]) => [lines[0], lines[1]!.slice(0, 30), lines[2]], 2, 'not valid JSON'],
  ['a last line that ends with a newline', (lines: string[]) => [lines[0], lines[1], '{"oops"'], 3, 'not valid JSON'],
  ['a JSON line of the wrong shape', (lines: string[]) => [lines[0], JSON.stringify({ ...row(2), accepted: 'yes', binaryBytes: { off: 1 } }), lines[2]], 2, 'not a history row (binaryBytes, accepted missing or of the wrong type)'],
])('%s is an error naming file:line', async (_, edit, line, what) => {
  for (const n of [1, 2, 3]) await appendHistory(file, row(n));
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, `${edit(lines).join('\n')}\n`);
  const error = await readHistory(file, '.pgo/history/report.jsonl').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BenchError);
  expect(error).toMatchObject({
    code: 'corrupt-history',
    message: `.pgo/history/report.jsonl:${line}: ${what}: fix or delete that line (each line is one pgo-bench, pgo-loadtest or pgo-canary run; git log shows what it was)`,
  });
  // Appending never rewrites a history it cannot read.
  await expect(appendHistory(file, row(4))).rejects.toThrow(BenchError);
});

test('lastAccepted skips runs that failed a gate', () => {
  expect(lastAccepted([row(1), row(2), row(3, false)])).toEqual(row(2));
  expect(lastAccepted([row(1, false)])).toBeUndefined();
});

describe('pgo-loadtest and pgo-canary rows in the same file', () => {
  const service = (kind: 'loadtest' | 'canary', n: number): ServiceHistoryRow => ({
    kind,
    profileSha256: 'e'.repeat(64),
    date: `2026-02-0${n}T00:00:00.000Z`,
    ...(kind === 'loadtest' ? { goVersion: 'go1.26.0' } : {}),
    geomeanDeltaPercent: -10 - n,
    geomeanCi: { lo: -12 - n, hi: -8 - n },
    pValue: 0.002,
    pairs: 10,
    accepted: true,
  });

  test('each reader gets its own kind; appending keeps every line in order', async () => {
    await appendHistory(file, row(1));
    await appendHistory(file, service('loadtest', 1));
    await appendHistory(file, service('canary', 2));
    await appendHistory(file, row(2));
    expect(await readHistory(file)).toEqual({ rows: [row(1), row(2)], service: [service('loadtest', 1), service('canary', 2)], tornLastLine: false });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { kind?: string }).kind)).toEqual([undefined, 'loadtest', 'canary', undefined]);
    expect(lines[1]).toMatch(/^\{"kind":"loadtest","profileSha256":/);
    // The gates of pgo-bench compare with pgo-bench's own rows only.
    expect(lastAccepted((await readHistory(file)).rows)).toEqual(row(2));
  });

  test('an unknown kind, or a service row missing a field, is an error naming file:line', async () => {
    await appendHistory(file, service('loadtest', 1));
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ ...service('canary', 2), kind: 'soak' })}\n`);
    await expect(readHistory(file, 'h.jsonl')).rejects.toThrow('h.jsonl:2: kind "soak" is not one of loadtest, canary (a row without a kind is pgo-bench\'s)');
    const { pValue: _dropped, ...noP } = service('canary', 2);
    writeFileSync(file, `${JSON.stringify(service('loadtest', 1))}\n${JSON.stringify(noP)}\n`);
    await expect(readHistory(file, 'h.jsonl')).rejects.toThrow('h.jsonl:2: not a canary row (pValue missing or of the wrong type)');
  });
});
