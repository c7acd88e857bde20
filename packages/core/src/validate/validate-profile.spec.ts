// validateProfile on real CPU profiles of the two binaries of testdata/ws, built and run with the
// installed Go toolchain; the oracles for shares are `go tool preprofile` (call edges) and
// `go tool pprof -top` (flat and cumulative weight).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ValidateSettings } from '../config/pgo-settings';
import { ProfileReadError } from '../profile/read-profile';
import { go, preprofile, preprofileEdges, type PreprofileEdge } from '../../../../tools/test-support/go-tool';
import { runCli } from '../cli/run-cli.spec-helper';
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
  minCallSiteMatch: 0.8,
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

/** `go tool pprof -top -cum`: the cumulative share of `name`. */
function pprofCum(profile: string, name: string): number {
  const out = go(['tool', 'pprof', '-top', '-cum', '-sample_index=samples', '-nodecount=100000', '-nodefraction=0', profile]);
  const line = out.split('\n').find((l) => l.trim().split(/\s+/).slice(5).join(' ') === name);
  return line === undefined ? 0 : Number(line.trim().split(/\s+/)[4]!.replace('%', '')) / 100;
}

/** `go tool preprofile`'s records: the call edges the compiler reads. */
const oracleEdges = (profile: string): PreprofileEdge[] => preprofileEdges(preprofile(profile).toString('utf8'));

/** The share of the edge weight on edges whose caller or callee `touches`, by go tool preprofile. */
function oracleEdgeShare(profile: string, touches: (name: string) => boolean): number {
  const edges = oracleEdges(profile);
  const total = edges.reduce((sum, e) => sum + e.weight, 0);
  return edges.filter((e) => touches(e.caller) || touches(e.callee)).reduce((sum, e) => sum + e.weight, 0) / total;
}

async function editSources(root: string, files: string[], edit: (text: string) => string): Promise<void> {
  for (const file of files) {
    const text = await fs.readFile(path.join(root, file), 'utf8');
    const edited = edit(text);
    if (edited === text) throw new Error(`${file}: the edit changed nothing`);
    await fs.writeFile(path.join(root, file), edited);
  }
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
      expect(report.figures.callSiteMatch).toBe(1);
      expect(report.figures.edges).toBeGreaterThan(20);
      expect(report.figures.wrongBinaryRatio).toBe(0);
      expect(report.figures.likelyBinary).toBeNull();
      expect(report.figures.startLineCoverage).toBe(1);
      expect(check(report, 'size').status).toBe('info');
    }
  });

  it('stale ratio rises by the edge share of a renamed immediate caller of a hot leaf, not by its flat share; profile rename restores it', async () => {
    // (*Set).Add does little itself (its flat share is small) but is the caller of the hot map
    // assignment: PGO loses every edge into and out of it.
    const add = 'example.com/pgo.ws/internal/shared.(*Set[go.shape.int]).Add';
    const renamed = await copyWorkspace();
    try {
      const before = await validate('alpha', profiles.alpha, { root: renamed });
      await editSources(renamed, ['internal/shared/shared.go', 'internal/alpha/alpha.go'], (text) => text.replace(/\bAdd\b/g, 'Insert'));
      const after = await validate('alpha', profiles.alpha, { root: renamed });
      const edgeShare = oracleEdgeShare(profiles.alpha, (name) => name === add);
      const flat = pprofFlat(profiles.alpha, add);
      expect(edgeShare).toBeGreaterThan(0.03);
      expect(edgeShare).toBeGreaterThan(3 * (flat.flat / flat.total));
      expect(before.figures.staleRatio).toBe(0);
      expect(after.figures.staleRatio).toBeCloseTo(edgeShare, 12);
      expect(after.figures.staleEdges.map((e) => e.caller === add || e.callee === add)).not.toContain(false);
      expect(check(after, 'stale').detail).toContain(`${add} → runtime.mapassign_fast64`);

      // Renaming the function in the profile as well makes its edges whole again.
      const mapped = path.join(renamed, 'mapped.pgo');
      const run = await runCli(['profile', 'rename', profiles.alpha, '-o', mapped, '--map', `${add}=${add.replace(/Add$/, 'Insert')}`], renamed);
      expect(run.code).toBe(0);
      expect((await validate('alpha', mapped, { root: renamed })).figures.staleRatio).toBe(0);
    } finally {
      await removeWorkspace(renamed);
    }
  });

  it('renaming a function with cumulative weight but none on the two leaf-most frames leaves the stale ratio unchanged', async () => {
    // main.main is on every stack of cmd/alpha, never among the two frames PGO reads.
    const renamed = await copyWorkspace();
    try {
      expect(oracleEdgeShare(profiles.alpha, (name) => name === 'main.main')).toBe(0);
      expect(pprofCum(profiles.alpha, 'main.main')).toBeGreaterThan(0.5);
      await editSources(renamed, ['cmd/alpha/main.go'], (text) => text.replace('func main()', 'func run()'));
      const after = await validate('alpha', profiles.alpha, { root: renamed });
      expect(after.figures.staleRatio).toBe(0);
      expect(after.passed).toBe(true);
      const mapped = path.join(renamed, 'mapped.pgo');
      expect((await runCli(['profile', 'rename', profiles.alpha, '-o', mapped, '--map', 'main.main=main.run'], renamed)).code).toBe(0);
      expect((await validate('alpha', mapped, { root: renamed })).figures.staleRatio).toBe(0);
    } finally {
      await removeWorkspace(renamed);
    }
  });

  it("inserting a line above a hot call site lowers the call-site match by that edge's share; profile rename --move restores it", async () => {
    // Mixed calls Crunch on its last line: a line inserted above it moves that call site alone.
    const mixed = 'example.com/pgo.ws/internal/alpha.Mixed';
    const moved = await copyWorkspace();
    try {
      const before = await validate('alpha', profiles.alpha, { root: moved });
      const source = await fs.readFile(path.join(moved, 'internal/alpha/alpha.go'), 'utf8');
      const lines = source.split('\n');
      const start = lines.indexOf('func Mixed(n int) int {') + 1;
      const call = lines.indexOf('\treturn s + Crunch(2)') + 1;
      await editSources(moved, ['internal/alpha/alpha.go'], (text) => text.replace('\treturn s + Crunch(2)', '\t// a comment above the call\n\treturn s + Crunch(2)'));
      const after = await validate('alpha', profiles.alpha, { root: moved });
      const edges = oracleEdges(profiles.alpha);
      const total = edges.reduce((sum, e) => sum + e.weight, 0);
      const atCall = edges.filter((e) => e.caller === mixed && e.offset === call - start);
      expect(atCall.map((e) => e.callee)).toEqual(['example.com/pgo.ws/internal/alpha.Crunch']);
      const share = atCall[0]!.weight / total;
      expect(share).toBeGreaterThan(0.01);
      expect(before.figures.callSiteMatch).toBe(1);
      expect(after.figures.callSiteMatch).toBeCloseTo(1 - share, 12);
      expect(after.figures.movedEdges).toEqual([{ caller: mixed, callee: 'example.com/pgo.ws/internal/alpha.Crunch', offset: call - start, share }]);
      expect(after.figures.staleRatio).toBe(0);
      expect(check(after, 'call-sites')).toMatchObject({ status: 'pass', threshold: 0.8, bound: 'min' });
      expect(check(after, 'call-sites').detail).toContain(`${mixed}:+${call - start} → example.com/pgo.ws/internal/alpha.Crunch`);
      const strict = await validateProfile({ workspaceRoot: moved, binaryDir: 'cmd/alpha', profile: profiles.alpha, settings: { ...SETTINGS, minCallSiteMatch: 1 } });
      expect(check(strict, 'call-sites').status).toBe('fail');

      // Moving the call site in the profile as well (one line down) makes the edge match again.
      const mapped = path.join(moved, 'mapped.pgo');
      const run = await runCli(['profile', 'rename', profiles.alpha, '-o', mapped, '--move', `${mixed}:+${call - start}=+${call - start + 1}`], moved);
      expect(run.code).toBe(0);
      expect((await validate('alpha', mapped, { root: moved })).figures.callSiteMatch).toBe(1);
    } finally {
      await removeWorkspace(moved);
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
