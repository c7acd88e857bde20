import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, toNumber, type Profile } from '@go-pgo/pprof';
import { wellFormedCorpus } from '../../../../tools/test-support/corpus';
import { fixtureProfiles, FIXTURE_TIMEOUT_MS, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { pprofMerge, preprofile } from '../../../../tools/test-support/go-tool';
import type { CaptureManifest, ManifestInstance } from '../capture/manifest-types';
import type { MergeSettings } from '../config/pgo-settings';
import { ProfileReadError } from '../profile/read-profile';
import { CaptureMergeError } from './merge-error';
import { mergeCaptures, summaryFor, type MergeCapturesOptions } from './merge-captures';
import type { MergeSummary } from './merge-summary';

const SETTINGS: MergeSettings = { normalize: 'duration', weights: {}, dropLabels: true, noInline: [], keepFrames: 5, compact: 'default' };

let fixtures: Record<string, FixtureProfile>;
let work: string;
beforeAll(async () => {
  fixtures = Object.fromEntries((await fixtureProfiles()).map((f) => [f.name, f]));
  work = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-merge-'));
}, FIXTURE_TIMEOUT_MS);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Entry {
  source: string;
  instance: string;
  /** Profile bytes, or the reason the capture failed. */
  bytes: Uint8Array | { failed: string };
  seconds?: number;
}

let dirs = 0;
/** A capture directory as go-pgo capture writes it: one file per successful instance, and manifest.json. */
function captureDir(entries: Entry[]): string {
  const dir = path.join(work, `capture-${++dirs}`);
  mkdirSync(dir);
  const instances: ManifestInstance[] = entries.map((e, i) => {
    const base = { source: e.source, kind: 'http' as const, instance: e.instance, start: '2025-01-01T00:00:00Z', seconds: e.seconds ?? 1, attempts: 1, notes: [] };
    if ('failed' in e.bytes) return { ...base, bytes: 0, status: 'failed', error: e.bytes.failed };
    const file = `${i}-${e.instance.replace(/[^\w.-]/g, '_')}.pb.gz`;
    writeFileSync(path.join(dir, file), e.bytes);
    return { ...base, file, bytes: e.bytes.length, status: 'ok' };
  });
  const ok = instances.filter((i) => i.status === 'ok').length;
  const manifest: CaptureManifest = {
    version: 1,
    project: 'api',
    createdAt: '2025-01-01T00:00:00Z',
    seconds: 1,
    quorum: 0.6,
    succeeded: ok,
    total: instances.length,
    quorumMet: true,
    instances,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

async function run(dir: string, options: Partial<MergeCapturesOptions> = {}): Promise<{ profile: Profile; summary: MergeSummary }> {
  const result = await mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work, ...options });
  return { profile: decode(readFileSync(path.resolve(work, result.output))), summary: JSON.parse(readFileSync(path.resolve(work, result.summaryFile), 'utf8')) as MergeSummary };
}

async function failure(promise: Promise<unknown>, type: typeof CaptureMergeError | typeof ProfileReadError = CaptureMergeError): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(type);
  return error as Error;
}

const typeIndex = (p: Profile, type: string): number => p.sampleType.findIndex((t) => `${t.type}/${t.unit}` === type);

/** Flat value per leaf function (the innermost line of the leaf location) of one sample type. */
function flatByFunction(p: Profile, type: string): Map<string, number> {
  const index = typeIndex(p, type);
  const names = new Map(p.function.map((f) => [f.id, f.name]));
  const leaf = new Map(p.location.map((l) => [l.id, names.get(l.line[0]?.functionId ?? 0) ?? `0x${l.address.toString(16)}`]));
  const flat = new Map<string, number>();
  for (const s of p.sample) {
    const name = leaf.get(s.locationId[0]!)!;
    flat.set(name, (flat.get(name) ?? 0) + toNumber(s.value[index]!));
  }
  return flat;
}

const total = (p: Profile, type: string): number => [...flatByFunction(p, type).values()].reduce((a, b) => a + b, 0);
const seconds = (p: Profile): number => toNumber(p.durationNanos) / 1e9;

describe('normalize', () => {
  test('duration: a 1 s and a 3 s capture of one program weigh the same per second', async () => {
    const a = decode(fixtures['shapes-1s']!.bytes);
    const b = decode(fixtures['shapes-3s']!.bytes);
    const dir = captureDir([
      { source: 'prod', instance: 'short', bytes: fixtures['shapes-1s']!.bytes },
      { source: 'prod', instance: 'long', bytes: fixtures['shapes-3s']!.bytes },
    ]);
    // Uncompacted, to compare cpu/nanoseconds: its values are large, so rounding per sample is negligible.
    const { profile, summary } = await run(dir, { compact: false });
    const [da, db] = [seconds(a), seconds(b)];
    // Merged = total duration × the mean of the per-second rates: 0.5·a/da + 0.5·b/db per second.
    const expected = (fa: number, fb: number): number => (da + db) * (0.5 * (fa / da) + 0.5 * (fb / db));
    const [fa, fb, merged] = [a, b, profile].map((p) => flatByFunction(p, 'cpu/nanoseconds'));
    const functions = new Set([...fa!.keys(), ...fb!.keys()]);
    expect(functions.size).toBeGreaterThan(5);
    for (const name of functions) {
      const want = expected(fa!.get(name) ?? 0, fb!.get(name) ?? 0);
      // Each scaled sample value is rounded to an integer (nanoseconds): at most 0.5 ns per input sample off.
      expect(Math.abs((merged!.get(name) ?? 0) - want)).toBeLessThanOrEqual(a.sample.length + b.sample.length);
    }
    // Equal per second: the short capture's share of the merged profile is half, not a quarter.
    const shortShare = (total(a, 'cpu/nanoseconds') * ((da + db) / 2 / da)) / total(profile, 'cpu/nanoseconds');
    expect(shortShare).toBeCloseTo(total(a, 'cpu/nanoseconds') / da / (total(a, 'cpu/nanoseconds') / da + total(b, 'cpu/nanoseconds') / db), 6);
    expect(summary.inputs.map((i) => [i.instance, i.durationSeconds, i.durationFrom, i.weight])).toEqual([
      ['short', da, 'profile', 1],
      ['long', db, 'profile', 1],
    ]);
    expect(summary.inputs[0]!.scale).toBeCloseTo((da + db) / 2 / da, 12);
    expect(summary.inputs[1]!.scale).toBeCloseTo((da + db) / 2 / db, 12);
    expect(summary.settings).toEqual({ ...SETTINGS, compact: false });
  });

  test('none: the sample totals of go tool pprof -proto -symbolize=none', async () => {
    const inputs = ['shapes-1s', 'shapes-3s', 'shapes'].map((name) => fixtures[name]!);
    const dir = captureDir(inputs.map((f, i) => ({ source: 'prod', instance: `i${i}`, bytes: f.bytes })));
    const oracle = decode(pprofMerge(inputs.map((f) => f.path)));
    const settings = { ...SETTINGS, normalize: 'none' as const };
    const full = await run(dir, { settings, compact: false, output: path.join(dir, 'full.pgo') });
    for (const type of ['samples/count', 'cpu/nanoseconds']) expect(total(full.profile, type)).toBe(total(oracle, type));
    const compacted = await run(dir, { settings });
    expect(compacted.profile.sampleType.map((t) => `${t.type}/${t.unit}`)).toEqual(['samples/count']);
    expect(total(compacted.profile, 'samples/count')).toBe(total(oracle, 'samples/count'));
    expect(compacted.summary.output.total).toBe(total(oracle, 'samples/count'));
    expect(compacted.summary.output.sampleType).toBe('samples/count');
  });
});

test('weights by source and by instance glob multiply; keys matching nothing are reported', async () => {
  const [us, eu1, eu2] = ['shapes', 'closures', 'service'].map((n) => fixtures[n]!);
  const dir = captureDir([
    { source: 'prod-us', instance: 'us-1', bytes: us!.bytes },
    { source: 'prod-eu', instance: 'eu-1', bytes: eu1!.bytes },
    { source: 'prod-eu', instance: 'eu-2', bytes: eu2!.bytes },
  ]);
  const weights = { 'prod-us': 2, 'eu-?': 3, 'eu-2': 0, 'prod-eu': 2, 'ap-*': 5 };
  const { profile, summary } = await run(dir, { settings: { ...SETTINGS, normalize: 'none', weights }, compact: false });
  expect(summary.inputs.map((i) => [i.instance, i.weight, i.weightKeys])).toEqual([
    ['us-1', 2, ['prod-us']],
    ['eu-1', 6, ['eu-?', 'prod-eu']],
    ['eu-2', 0, ['eu-?', 'eu-2', 'prod-eu']],
  ]);
  expect(summary.unmatchedWeights).toEqual(['ap-*']);
  // Integer weights scale exactly: 2·us + 6·eu-1, and nothing of eu-2.
  const [tu, te] = [us, eu1].map((f) => total(decode(f!.bytes), 'cpu/nanoseconds'));
  expect(total(profile, 'cpu/nanoseconds')).toBe(2 * tu! + 6 * te!);
});

test('failed instances are skipped and listed', async () => {
  const dir = captureDir([
    { source: 'prod', instance: 'a', bytes: fixtures['shapes']!.bytes },
    { source: 'prod', instance: 'b', bytes: { failed: 'HTTP 500: cpu profiling already in use' } },
  ]);
  const { profile, summary } = await run(dir, { settings: { ...SETTINGS, normalize: 'none' } });
  expect(summary.inputs.map((i) => i.instance)).toEqual(['a']);
  expect(summary.skipped).toEqual([{ source: 'prod', instance: 'b', error: 'HTTP 500: cpu profiling already in use' }]);
  expect(total(profile, 'samples/count')).toBe(total(decode(fixtures['shapes']!.bytes), 'samples/count'));
});

describe('bad capture directories write nothing', () => {
  const outputsOf = (dir: string): boolean[] => ['candidate.pgo', 'candidate.json'].map((f) => existsSync(path.join(dir, f)));

  test('a corrupt profile is named', async () => {
    const good = fixtures['shapes']!.bytes;
    const dir = captureDir([
      { source: 'prod', instance: 'a', bytes: good },
      { source: 'prod', instance: 'b', bytes: good.subarray(0, good.length / 2) },
    ]);
    const error = await failure(mergeCaptures({ captureDir: path.relative(work, dir), settings: SETTINGS, cwd: work }), ProfileReadError);
    expect(error.message).toMatch(new RegExp(`^${path.relative(work, dir)}/1-b\\.pb\\.gz: `));
    expect(outputsOf(dir)).toEqual([false, false]);
  });

  test('a profile listed but missing is named', async () => {
    const dir = captureDir([{ source: 'prod', instance: 'a', bytes: fixtures['shapes']!.bytes }]);
    rmSync(path.join(dir, '0-a.pb.gz'));
    expect((await failure(mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work }), ProfileReadError)).message).toBe(`${dir}/0-a.pb.gz: no such file: check the path`);
  });

  test.each([
    [undefined, 'manifest.json: no such file: give a capture directory (written by go-pgo capture), which holds manifest.json and the profiles'],
    ['{"version":1,', /\/manifest\.json: not valid JSON \(.*\): capture again, or repair the file$/],
    ['{"version":2,"instances":[]}', 'manifest.json: has version 2, this go-pgo reads version 1: capture again, or repair the file'],
    [
      '{"version":1,"instances":[{"source":"s","kind":"http","instance":"i","seconds":1,"status":"ok","file":"../x.pb.gz"}]}',
      'manifest.json: instances[0] names the file "../x.pb.gz", which is not inside the capture directory: capture again, or repair the file',
    ],
    ['{"version":1,"instances":[{"source":"s","kind":"http","instance":"i","seconds":1,"status":"failed"}]}', /no instance was captured successfully \(1 failed or none were asked\)/],
  ])('manifest %j', async (manifest, message) => {
    const dir = mkdtempSync(path.join(work, 'bad-'));
    if (manifest !== undefined) writeFileSync(path.join(dir, 'manifest.json'), manifest);
    const error = await failure(mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work }));
    if (typeof message === 'string') expect(error.message).toBe(`${dir}/${message}`);
    else expect(error.message).toMatch(message);
    expect(outputsOf(dir)).toEqual([false, false]);
  });

  test('the committed profile is never an output', async () => {
    const dir = captureDir([{ source: 'prod', instance: 'a', bytes: fixtures['shapes']!.bytes }]);
    const committed = path.join(dir, 'default.pgo');
    writeFileSync(committed, 'committed');
    const error = await failure(mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work, output: committed, protect: [committed] }));
    expect(error.message).toMatch(/is the committed profile/);
    expect(readFileSync(committed, 'utf8')).toBe('committed');
  });
});

test('compaction keeps every PGO decision: go tool preprofile reads the same as from the full merge', async () => {
  const dir = captureDir(['shapes-1s', 'shapes-3s', 'closures'].map((n, i) => ({ source: 'prod', instance: `i${i}`, bytes: fixtures[n]!.bytes })));
  const full = await mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work, compact: false, output: path.join(dir, 'full.pgo') });
  const compact = await mergeCaptures({ captureDir: dir, settings: { ...SETTINGS, keepFrames: 2 }, cwd: work });
  expect(preprofile(compact.output).equals(preprofile(full.output))).toBe(true);
  expect(compact.summary.output.bytes).toBeLessThan(full.summary.output.bytes);
  const minimal = await mergeCaptures({ captureDir: dir, settings: { ...SETTINGS, compact: 'minimal' }, cwd: work, output: path.join(dir, 'minimal.pgo') });
  expect(preprofile(minimal.output).equals(preprofile(full.output))).toBe(true);
  expect(minimal.summary.output.bytes).toBeLessThan(compact.summary.output.bytes);
  expect([compact.summary.settings.compact, minimal.summary.settings.compact, full.summary.settings.compact]).toEqual(['default', 'minimal', false]);
});

test('noInline: exact names and globs rename functions; entries matching none are reported', async () => {
  const dir = captureDir([{ source: 'prod', instance: 'a', bytes: fixtures['shapes']!.bytes }]);
  const { profile, summary } = await run(dir, { settings: { ...SETTINGS, noInline: ['main.totalArea', 'main.(*Triangle).*', 'nothing.Here*'] } });
  expect(summary.noInline.renamed).toEqual(expect.arrayContaining(['main.totalArea', 'main.(*Triangle).Area']));
  expect(summary.noInline.renamed.every((n) => n === 'main.totalArea' || n.startsWith('main.(*Triangle).'))).toBe(true);
  expect(summary.noInline.unmatched).toEqual(['nothing.Here*']);
  const names = profile.function.map((f) => f.name);
  expect(names).toContain('DO NOT INLINE: main.totalArea');
  expect(names).not.toContain('main.totalArea');
});

test('summary: output size, sha256 and the hottest functions', async () => {
  const dir = captureDir([{ source: 'prod', instance: 'a', bytes: fixtures['shapes']!.bytes }]);
  const result = await mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work });
  expect(result.output).toBe(path.join(dir, 'candidate.pgo'));
  expect(result.summaryFile).toBe(path.join(dir, 'candidate.json'));
  const bytes = readFileSync(result.output);
  expect(result.summary.output.bytes).toBe(bytes.length);
  expect(result.summary.output.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  expect(result.summary.topFunctions.length).toBeGreaterThan(0);
  expect(result.summary.topFunctions[0]!.share).toBeGreaterThan(0);
  expect([summaryFor('x/candidate.pgo'), summaryFor('x/cand'), summaryFor('x/c.json')]).toEqual(['x/candidate.json', 'x/cand.json', 'x/c.json.summary.json']);
});

describe('the pprof corpus', () => {
  const corpus = wellFormedCorpus();
  const kinds = corpus.map((f) => ({ file: f, period: decode(f.bytes).periodType?.type }));
  const cpu = kinds.filter((k) => k.period === 'cpu').map((k) => k.file);

  test('all well-formed files in one capture: profiles of different kinds are refused, naming a file', async () => {
    expect(kinds.some((k) => k.period !== 'cpu')).toBe(true);
    const dir = captureDir(corpus.map((f) => ({ source: 'corpus', instance: f.name, bytes: f.bytes, seconds: 10 })));
    const error = await failure(mergeCaptures({ captureDir: dir, settings: SETTINGS, cwd: work }));
    expect(error.message).toMatch(/^cannot merge the capture: .*\.pb\.gz has period type wallclock\/nanoseconds but .* has cpu\/nanoseconds: profiles of different kinds/);
    expect(existsSync(path.join(dir, 'candidate.pgo'))).toBe(false);
  });

  test('every CPU profile of the corpus merges, normalized by duration', async () => {
    expect(cpu.length).toBeGreaterThan(10);
    const dir = captureDir(cpu.map((f) => ({ source: 'corpus', instance: f.name, bytes: f.bytes, seconds: 10 })));
    const { profile, summary } = await run(dir);
    // The corpus mixes [samples/count, cpu/nanoseconds] with eBPF's [samples/count]: samples/count is kept.
    expect(profile.sampleType.map((t) => `${t.type}/${t.unit}`)).toEqual(['samples/count']);
    expect(summary.inputs).toHaveLength(cpu.length);
    // Each input scaled by mean duration / its duration; a profile without duration_nanos counts for the manifest's 10 s.
    const inputs = cpu.map((f) => decode(f.bytes));
    const durations = inputs.map((p) => (toNumber(p.durationNanos) > 0 ? seconds(p) : 10));
    expect(durations.some((d, i) => d === 10 && toNumber(inputs[i]!.durationNanos) === 0)).toBe(true);
    expect(summary.inputs.map((i) => i.durationSeconds)).toEqual(durations);
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    const expected = inputs.reduce((sum, p, i) => sum + (mean / durations[i]!) * total(p, 'samples/count'), 0);
    // Scaled values are rounded per sample.
    const samples = inputs.reduce((sum, p) => sum + p.sample.length, 0);
    expect(Math.abs(total(profile, 'samples/count') - expected)).toBeLessThanOrEqual(samples / 2);
  });
});

test('labels: dropped by default, kept with dropLabels false and no compaction', async () => {
  const labelled = fixtures['labels']!.bytes;
  expect(decode(labelled).sample.some((s) => s.label.length > 0)).toBe(true);
  const dir = captureDir([{ source: 'prod', instance: 'a', bytes: labelled }]);
  const kept = await run(dir, { settings: { ...SETTINGS, dropLabels: false }, compact: false, output: path.join(dir, 'kept.pgo') });
  expect(kept.profile.sample.some((s) => s.label.length > 0)).toBe(true);
  const dropped = await run(dir, { compact: false, output: path.join(dir, 'dropped.pgo') });
  expect(dropped.profile.sample.every((s) => s.label.length === 0)).toBe(true);
  expect(total(dropped.profile, 'cpu/nanoseconds')).toBe(total(kept.profile, 'cpu/nanoseconds'));
});
