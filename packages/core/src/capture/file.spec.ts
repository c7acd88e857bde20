// The file source on real CPU profiles (tools/test-support Go fixtures) and on a file that is not one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, toNumber } from '@go-pgo/pprof';
import { fixtureProfile, FIXTURE_TIMEOUT_MS, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { CaptureError } from './capture-error';
import { captureSettings, readManifest } from './capture.spec-helper';
import { runCapture } from './run-capture';

let root: string;
let binaryDir: string;
let profiles: FixtureProfile[];

beforeAll(async () => {
  profiles = [await fixtureProfile('shapes-1s'), await fixtureProfile('service')];
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-file-source-'));
  binaryDir = path.join(root, 'cmd', 'api');
  mkdirSync(path.join(binaryDir, 'profiles', 'eu'), { recursive: true });
  writeFileSync(path.join(binaryDir, 'profiles', 'us.pprof'), profiles[0]!.bytes);
  writeFileSync(path.join(binaryDir, 'profiles', 'eu', 'eu-1.pprof'), profiles[1]!.bytes);
  writeFileSync(path.join(binaryDir, 'profiles', 'README.txt'), 'profiles from last week\n');
}, FIXTURE_TIMEOUT_MS);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const context = () => ({ workspaceRoot: root, moduleRoot: root, binaryDir });

test('every file the globs match is an instance; its seconds are the profile’s own; bad files fail', async () => {
  const settings = captureSettings([{ kind: 'file', name: 'saved', paths: ['profiles/**/*.pprof', 'profiles/*.txt'] }], { quorum: 0.5 });
  const result = await runCapture({ project: 'api', settings, context: context() });
  expect(result.manifest).toMatchObject({ succeeded: 2, total: 3, quorumMet: true });
  const [eu, us, readme] = result.manifest.instances;
  expect([eu!.instance, us!.instance, readme!.instance]).toEqual(['profiles/eu/eu-1.pprof', 'profiles/us.pprof', 'profiles/README.txt']);
  for (const [entry, profile] of [
    [eu!, profiles[1]!],
    [us!, profiles[0]!],
  ] as const) {
    expect(entry).toMatchObject({ kind: 'file', source: 'saved', status: 'ok', bytes: profile.bytes.length, attempts: 1 });
    expect(entry.seconds).toBe(toNumber(decode(profile.bytes).durationNanos) / 1e9);
    expect(readFileSync(path.join(result.dir, entry.file!))).toEqual(profile.bytes);
  }
  expect(readme).toMatchObject({ status: 'failed', seconds: 0, bytes: 24 });
  expect(readme!.error).toMatch(/^not a pprof profile \(text "profiles from last week"\): /);
});

test('a glob that matches nothing fails the source, naming the glob and where it looked', async () => {
  const settings = captureSettings([{ kind: 'file', name: 'saved', paths: ['profile/*.pprof'] }]);
  const error: unknown = await runCapture({ project: 'api', settings, context: context() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CaptureError);
  expect(readManifest((error as CaptureError).manifest!).instances).toEqual([
    expect.objectContaining({
      source: 'saved',
      instance: '(file source)',
      status: 'failed',
      error: "source saved: no file matches 'profile/*.pprof' in cmd/api: fix the path (it is relative to the binary's directory)",
    }),
  ]);
});
