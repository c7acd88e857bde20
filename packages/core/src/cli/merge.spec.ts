// go-pgo merge, called directly (io with string sinks) on capture directories of real profiles.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureProfiles, FIXTURE_TIMEOUT_MS, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { preprofile } from '../../../../tools/test-support/go-tool';
import type { CaptureManifest } from '../capture/manifest-types';
import type { MergeSummary } from '../merge/merge-summary';
import { UsageError } from './args';
import { mergeCommand } from './merge';

let root: string;
let capture: string;
let shapes: FixtureProfile;
let closures: FixtureProfile;

beforeAll(async () => {
  const fixtures = await fixtureProfiles();
  shapes = fixtures.find((f) => f.name === 'shapes')!;
  closures = fixtures.find((f) => f.name === 'closures')!;
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-merge-cli-'));
  // A workspace with one binary (pgo.yaml, committed profile) and one capture of it.
  mkdirSync(path.join(root, 'cmd', 'api'), { recursive: true });
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/ws\n\ngo 1.22\n');
  writeFileSync(path.join(root, 'cmd', 'api', 'pgo.yaml'), 'merge:\n  normalize: none\n  weights: { us: 2 }\n  keepFrames: 3\n');
  writeFileSync(path.join(root, 'cmd', 'api', 'default.pgo'), 'committed');
  capture = path.join('.pgo', 'captures', 'api', '20250101T000000Z');
  const dir = path.join(root, capture);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'us-1.pb.gz'), shapes.bytes);
  writeFileSync(path.join(dir, 'eu-1.pb.gz'), closures.bytes);
  const base = { kind: 'http' as const, start: '2025-01-01T00:00:00Z', seconds: 1, attempts: 1, notes: [], status: 'ok' as const };
  const manifest: CaptureManifest = {
    version: 1,
    project: 'api',
    createdAt: '2025-01-01T00:00:00Z',
    seconds: 1,
    quorum: 0.6,
    succeeded: 2,
    total: 3,
    quorumMet: true,
    instances: [
      { ...base, source: 'us', instance: 'us-1', file: 'us-1.pb.gz', bytes: shapes.bytes.length },
      { ...base, source: 'eu', instance: 'eu-1', file: 'eu-1.pb.gz', bytes: closures.bytes.length },
      { ...base, source: 'eu', instance: 'eu-2', bytes: 0, status: 'failed', error: 'timed out after 32 s' },
    ],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}, FIXTURE_TIMEOUT_MS);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await mergeCommand.run(argv, { stdout: { write: (c: string) => (out.stdout += c) }, stderr: { write: (c: string) => (out.stderr += c) }, cwd: root });
  return out;
}

const summaryAt = (file: string): MergeSummary => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as MergeSummary;

test('defaults: <capture-dir>/candidate.pgo and candidate.json, built-in settings', async () => {
  const result = await run([capture]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('skipped eu/eu-2: timed out after 32 s\n');
  expect(result.stdout).toMatch(
    new RegExp(`^merged 2 profiles into ${capture.replace(/\./g, '\\.')}/candidate\\.pgo \\(\\d+\\.\\d KiB, [\\d,]+ samples, hottest \\S+ \\d+\\.\\d%\\); summary: .*/candidate\\.json\\n$`),
  );
  const summary = summaryAt(path.join(capture, 'candidate.json'));
  expect(summary.settings).toEqual({ normalize: 'duration', weights: {}, dropLabels: true, noInline: [], keepFrames: 5, compact: 'default' });
  expect(summary.output.file).toBe(path.join(capture, 'candidate.pgo'));
});

test('--binary reads pgo.yaml; options override it; weights merge key by key', async () => {
  mkdirSync(path.join(root, 'out'), { recursive: true });
  const full = await run([capture, '--binary', 'cmd/api', '-o', 'out/c.pgo', '--weight', 'eu-*=3', '--no-inline', 'main.square', '--summary', 'out/s.json']);
  expect(full.code).toBe(0);
  const summary = summaryAt('out/s.json');
  expect(summary.settings).toEqual({ normalize: 'none', weights: { us: 2, 'eu-*': 3 }, dropLabels: true, noInline: ['main.square'], keepFrames: 3, compact: 'default' });
  expect(summary.inputs.map((i) => [i.instance, i.weight])).toEqual([
    ['us-1', 2],
    ['eu-1', 3],
  ]);
  expect(readFileSync(path.join(root, 'cmd/api/default.pgo'), 'utf8')).toBe('committed');
});

test('--binary refuses to write over the committed profile', async () => {
  await expect(run([capture, '--binary', 'cmd/api', '-o', 'cmd/api/default.pgo'])).rejects.toThrow(/cmd\/api\/default\.pgo: is the committed profile/);
  expect(readFileSync(path.join(root, 'cmd/api/default.pgo'), 'utf8')).toBe('committed');
});

test('--no-compact --keep-labels keeps the labels and every sample type', async () => {
  const result = await run([capture, '--no-compact', '--keep-labels', '-o', 'full.pgo', '--normalize', 'none']);
  expect(result.code).toBe(0);
  expect(summaryAt('full.json').settings).toMatchObject({ dropLabels: false, compact: false, normalize: 'none' });
});

test('--compact minimal: the call-edge list alone, smaller, with the same preprofile output', async () => {
  expect((await run([capture, '-o', 'default.pgo'])).code).toBe(0);
  expect((await run([capture, '--compact', 'minimal', '-o', 'minimal.pgo'])).code).toBe(0);
  expect(summaryAt('minimal.json').settings.compact).toBe('minimal');
  const [byDefault, minimal] = ['default.pgo', 'minimal.pgo'].map((f) => path.join(root, f));
  expect(preprofile(minimal!).equals(preprofile(byDefault!))).toBe(true);
  expect(statSync(minimal!).size).toBeLessThan(statSync(byDefault!).size);
});

test.each([
  [['x', '--compact', 'tiny'], "--compact must be 'default' or 'minimal', got 'tiny'"],
  [['x', '--compact', 'minimal', '--keep-frames', '3'], '--keep-frames goes with the default compaction level: the minimal level keeps no frames beyond the call edges'],
  [['--keep-labels', 'x'], '--keep-labels needs --no-compact: compaction keeps only what PGO reads, and labels are not part of it'],
  [['x', '--normalize', 'sum'], "--normalize must be 'duration' or 'none', got 'sum'"],
  [['x', '--weight', 'us'], "--weight expects <key>=<N>, got 'us'"],
  [['x', '--weight', 'us=-1'], "--weight for 'us' must be a number ≥ 0, got '-1'"],
  [['x', '--weight', 'us=1', '--weight', 'us=2'], "--weight given twice for 'us'"],
  [['x', '--keep-frames', '1'], "--keep-frames must be a whole number ≥ 2, got '1'"],
  [['x', '--root', '.'], '--root goes with --binary'],
  [[], 'missing the capture directory'],
])('usage error %j', async (argv, message) => {
  const error = await run(argv).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).message).toBe(message);
});

test('--help', async () => {
  const result = await run(['--help']);
  expect(result.stdout).toMatch(/^Usage: go-pgo merge <capture-dir> \[options\]/);
  for (const option of ['--output', '--summary', '--normalize', '--weight', '--no-inline', '--compact', '--keep-frames', '--no-compact', '--keep-labels', '--binary', '--root']) {
    expect(result.stdout).toContain(option);
  }
});
