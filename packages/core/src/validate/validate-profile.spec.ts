// validateProfile on real CPU profiles of the two binaries of testdata/ws, built and run with the
// installed Go toolchain; the oracle for shares is `go tool pprof -top`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ValidateSettings } from '../config/pgo-settings';
import { ProfileReadError } from '../profile/read-profile';
import { go } from '../../../../tools/test-support/go-tool';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { copyWorkspace, removeWorkspace, workspaceProfiles, type FixtureBinary } from './fixture-workspace.spec-helper';
import { validateProfile } from './validate-profile';
import type { ValidationReport } from './validation-report';
import { PgoValidateError } from './validate-error';

// 1.5 CPU seconds at 200 Hz is about 300 samples: the default minSamples (1000) is for production.
const SETTINGS: ValidateSettings = {
  minBytes: 10240,
  minSamples: 200,
  minStartLineCoverage: 0.99,
  maxStaleRatio: 0.2,
  minCoverage: 0.3,
  maxWrongBinaryRatio: 0.2,
};

let profiles: Record<FixtureBinary, string>;
let root: string;

beforeAll(async () => {
  profiles = await workspaceProfiles();
  root = await copyWorkspace();
}, FIXTURE_TIMEOUT_MS);

afterAll(() => removeWorkspace(root));

const validate = (binary: FixtureBinary, profile: string, more: { root?: string; committed?: string } = {}): Promise<ValidationReport> =>
  validateProfile({
    workspaceRoot: more.root ?? root,
    binaryDir: `cmd/${binary}`,
    profile,
    settings: SETTINGS,
    ...(more.committed !== undefined && { committedProfile: more.committed }),
  });

const check = (report: ValidationReport, id: string) => report.checks.find((c) => c.id === id)!;

/** `go tool pprof -top` in sample counts: flat count of `name` and the total, as pprof prints them. */
function pprofFlat(profile: string, name: string): { flat: number; total: number } {
  const out = go(['tool', 'pprof', '-top', '-flat', '-sample_index=samples', '-nodecount=100000', '-nodefraction=0', profile]);
  const total = Number(/of (\d+) total/.exec(out)![1]);
  const line = out.split('\n').find((l) => l.trim().split(/\s+/).slice(5).join(' ') === name);
  return { flat: line === undefined ? 0 : Number(line.trim().split(/\s+/)[0]), total };
}

describe('validateProfile', () => {
  it("passes a binary's own profile: high coverage, nothing stale, no other binary's code", async () => {
    for (const binary of ['alpha', 'beta'] as const) {
      const report = await validate(binary, profiles[binary]);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.binary).toBe(`cmd/${binary}`);
      expect(report.figures.sampleType).toBe('samples/count');
      // The rest is the runtime on its own (GC workers, the scheduler).
      expect(report.figures.coverage).toBeGreaterThan(0.9);
      expect(report.figures.staleRatio).toBe(0);
      expect(report.figures.wrongBinaryRatio).toBe(0);
      expect(report.figures.likelyBinary).toBeNull();
      expect(report.figures.startLineCoverage).toBe(1);
      expect(check(report, 'size').status).toBe('info');
    }
  });

  it('stale ratio rises by the flat share of a renamed hot function, as go tool pprof -top measures it', async () => {
    const renamed = await copyWorkspace();
    try {
      const hot = 'example.com/pgo.ws/internal/alpha.Crunch';
      const method = 'example.com/pgo.ws/internal/alpha.(*Matrix).Multiply';
      const before = await validate('alpha', profiles.alpha, { root: renamed });
      for (const file of ['internal/alpha/alpha.go', 'cmd/alpha/main.go']) {
        const text = await fs.readFile(path.join(renamed, file), 'utf8');
        await fs.writeFile(path.join(renamed, file), text.replace(/\bCrunch\b/g, 'CrunchRows').replace(/\bMultiply\b/g, 'Times'));
      }
      const after = await validate('alpha', profiles.alpha, { root: renamed });
      const oracle = [pprofFlat(profiles.alpha, hot), pprofFlat(profiles.alpha, method)];
      const expected = (oracle[0]!.flat + oracle[1]!.flat) / oracle[0]!.total;
      expect(oracle[0]!.flat / oracle[0]!.total).toBeGreaterThan(0.2); // Crunch is really hot
      expect(before.figures.staleRatio).toBe(0);
      expect(after.figures.staleRatio).toBeCloseTo(expected, 12);
      expect(after.figures.staleFunctions.map((f) => f.name)).toEqual([hot, method]);
      expect(check(after, 'stale')).toMatchObject({ status: 'fail', threshold: 0.2, bound: 'max' });
      expect(check(after, 'stale').detail).toContain(hot);
      expect(after.passed).toBe(false);
    } finally {
      await removeWorkspace(renamed);
    }
  });

  it("fails another binary's profile and names the binary it came from", async () => {
    const report = await validate('beta', profiles.alpha);
    expect(report.passed).toBe(false);
    expect(check(report, 'wrong-binary').status).toBe('fail');
    expect(report.figures.wrongBinaryRatio).toBeGreaterThan(0.9);
    expect(report.figures.likelyBinary).toBe('cmd/alpha');
    expect(check(report, 'wrong-binary').detail).toBe('this profile looks like it came from cmd/alpha, not cmd/beta: use that binary\'s profile');
    // beta was built without -trimpath, in another directory: its main package is found by path.
    const reverse = await validate('alpha', profiles.beta);
    expect(reverse.figures.likelyBinary).toBe('cmd/beta');
    expect(reverse.figures.wrongBinaryRatio).toBeGreaterThan(0.9);
    // Coverage alone cannot tell: both binaries run their work under internal/burn.
    expect(reverse.figures.coverage).toBeGreaterThan(0.9);
  });

  it('measures drift from the committed profile: identical is 1, another program is far', async () => {
    const same = await validate('alpha', profiles.alpha, { committed: profiles.alpha });
    expect(check(same, 'drift')).toMatchObject({ status: 'info', value: 1, threshold: null });
    expect(same.committedProfile).not.toBeNull();
    const other = await validate('alpha', profiles.alpha, { committed: profiles.beta });
    expect(other.figures.driftSimilarity).toBeLessThan(0.2);
    expect(other.passed).toBe(true); // drift is never a gate
  });

  it('applies minBytes to raw captures only, and samples to every profile', async () => {
    const raw = await validateProfile({ workspaceRoot: root, binaryDir: 'cmd/alpha', profile: profiles.alpha, settings: { ...SETTINGS, minBytes: 1 << 30 }, raw: true });
    expect(check(raw, 'size')).toMatchObject({ status: 'fail', threshold: 1 << 30 });
    const few = await validateProfile({ workspaceRoot: root, binaryDir: 'cmd/alpha', profile: profiles.alpha, settings: { ...SETTINGS, minSamples: 1e9 } });
    expect(check(few, 'samples').status).toBe('fail');
    expect(check(few, 'samples').value).toBe(pprofFlat(profiles.alpha, '').total);
  });

  it('refuses a directory that is not a binary, and an unreadable profile, with one-line errors', async () => {
    const notBinary = validateProfile({ workspaceRoot: root, binaryDir: 'internal/alpha', profile: profiles.alpha, settings: SETTINGS });
    await expect(notBinary).rejects.toThrow(PgoValidateError);
    await expect(notBinary).rejects.toThrow(
      "internal/alpha: not a binary of the workspace (a cmd/<name> directory of package main): give the binary's directory",
    );
    const missing = validateProfile({ workspaceRoot: root, binaryDir: 'cmd/alpha', profile: 'cmd/alpha/default.pgo', settings: SETTINGS });
    await expect(missing).rejects.toThrow(ProfileReadError);
    await expect(missing).rejects.toThrow('cmd/alpha/default.pgo: no such file: check the path');
  });
});
