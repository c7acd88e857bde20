// go-pgo refresh on a real git repository holding a Go workspace (refresh-repo.spec-helper.ts):
// a real capture from the pricing benchmarks, real merges and validation, real git commits.
// The first test captures; the later ones reuse its capture directory (--capture-dir).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preprofile, preprofileEdges } from '../../../../tools/test-support/go-tool';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import { runCapture } from '../capture/run-capture';
import { builtInPgoSettings } from '../config/load-settings';
import { refreshLockFile } from '../refresh/refresh-lock';
import type { ProfileSidecar } from '../refresh/sidecar';
import {
  BINARY_DIR,
  createTestRepo,
  gitState,
  pathWithoutGh,
  PROFILE,
  PROJECT,
  removeTestRepo,
  resetTestRepo,
  SIDECAR,
  WRONG_WORKLOAD,
  type TestRepo,
} from '../refresh/refresh-repo.spec-helper';
import { refreshCommand } from './refresh';
import { captureIo } from './run-cli.spec-helper';
import { rollbackCommand } from './rollback';

let repo: TestRepo;
/** The capture the first test made; later tests refresh from it. */
let goodCapture: string;
/** A real capture of another program's profile (testdata/wrong-workload.pgo). */
let wrongCapture: string;

const DATE = new Date().toISOString().slice(0, 10);
const BRANCH = `pgo/refresh-${PROJECT}-${DATE}`;
const TITLE = `pgo: refresh ${PROJECT} profile (${DATE})`;

beforeAll(async () => {
  repo = await createTestRepo();
  const binaryDir = path.join(repo.root, BINARY_DIR);
  const settings = builtInPgoSettings({ workspaceRoot: repo.root, binaryDir });
  const wrong = await runCapture({
    project: PROJECT,
    settings: { ...settings.capture, sources: [{ kind: 'file', name: 'other-service', paths: [path.join(repo.root, WRONG_WORKLOAD)] }] },
    context: { workspaceRoot: repo.root, binaryDir, moduleRoot: path.join(repo.root, 'tools') },
    outputRoot: path.join(repo.root, '.pgo', 'captures', 'wrong'),
  });
  wrongCapture = wrong.dir;
}, 30_000);

afterAll(() => removeTestRepo(repo));

afterEach(() => resetTestRepo(repo));

const refresh = async (...args: string[]) => {
  const io = captureIo(repo.root);
  const code = await refreshCommand.run([BINARY_DIR, ...args], io);
  return { code, ...io.out };
};

const file = (rel: string): Buffer => readFileSync(path.join(repo.root, rel));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The first row of `go tool pprof -top`: the hottest function by flat weight, and its flat%. */
function pprofTop(profile: string): { name: string; percent: number } {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=1', profile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const row = out.split('\n').find((line) => /^\s*[\d.]+\w*\s+[\d.]+%/.test(line))!;
  const fields = row.trim().split(/\s+/);
  return { name: fields.at(-1)!, percent: Number(fields[1]!.replace('%', '')) };
}

/** Distinct caller → callee pairs `go tool preprofile` lists: the edges the compiler reads. */
/** How many call edges (caller, call-site offset, callee) go tool preprofile lists. */
function preprofileEdgeCount(profile: string): number {
  return preprofileEdges(preprofile(profile).toString('utf8')).length;
}

test('captures from the benchmarks, validates, compares, writes profile, sidecar and PR body', async () => {
  const before = pprofTop(path.join(repo.root, PROFILE));
  const { code, stdout, stderr } = await refresh();
  expect(stderr).toMatch(/PGO sample type/); // the validation table is shown
  expect(code).toBe(0);

  const captures = path.join(repo.root, '.pgo', 'captures', PROJECT);
  goodCapture = path.join(captures, readdirSync(captures).filter((n) => /^\d{8}T/.test(n)).sort().at(-1)!);
  const profile = file(PROFILE);
  expect(profile.equals(readFileSync(path.join(goodCapture, 'candidate.pgo')))).toBe(true);
  expect(profile.equals(repo.originalProfile)).toBe(false);

  const sidecar = JSON.parse(file(SIDECAR).toString('utf8')) as ProfileSidecar;
  const after = pprofTop(path.join(repo.root, PROFILE));
  expect(sidecar).toMatchObject({
    version: 1,
    project: PROJECT,
    profile: PROFILE,
    sha256: sha256(profile),
    bytes: profile.length,
    goVersion: execFileSync('go', ['env', 'GOVERSION'], { cwd: path.join(repo.root, 'tools'), encoding: 'utf8' }).trim(),
    capture: {
      manifest: path.relative(repo.root, path.join(goodCapture, 'manifest.json')),
      fleet: { ok: 1, total: 1 },
      sources: [{ name: 'bench', kind: 'bench', ok: 1, total: 1 }],
    },
    aggregation: { normalize: 'duration', keepFrames: 5, dropLabels: true, weights: {}, noInline: [] },
    validation: { passed: true, failed: [] },
  });
  expect(sidecar.capture.instances).toHaveLength(1);
  const window = Date.parse(sidecar.capture.window!.end) - Date.parse(sidecar.capture.window!.start);
  expect(Math.abs(window - sidecar.capture.instances[0]!.seconds * 1000)).toBeLessThan(1);
  // go tool pprof as the oracle of the hottest function and its flat share, before and after.
  expect(sidecar.topFunction.before!.name).toBe(before.name);
  expect(sidecar.topFunction.before!.share * 100).toBeCloseTo(before.percent, 1);
  expect(sidecar.topFunction.after!.name).toBe(after.name);
  expect(sidecar.topFunction.after!.share * 100).toBeCloseTo(after.percent, 1);
  // go tool preprofile as the oracle of the call edges counted.
  const edges = sidecar.comparison.edges;
  expect(edges.before).toBe(preprofileEdgeCount(path.join(repoRoot, 'examples', PROFILE)));
  expect(edges.after).toBe(preprofileEdgeCount(path.join(repo.root, PROFILE)));
  expect(edges.common).toBeGreaterThan(0);
  expect(edges.overlap).toBeGreaterThan(0);
  expect(edges.overlap).toBeLessThan(1);
  expect(sidecar.validation.figures.samples).toBeGreaterThanOrEqual(20);

  // The PR body: printed and written beside the capture.
  expect(readFileSync(path.join(goodCapture, 'refresh-pr.md'), 'utf8')).toBe(stdout);
  expect(stdout).toContain(`## ${TITLE}`);
  expect(stdout).toContain(`\`${PROFILE}\` is replaced by a profile merged from **1 of 1 instances** of \`bench\` (bench, 1/1)`);
  expect(stdout).toContain(`| top function | \`${before.name.replace(/^.*\//, '')}\` ${before.percent.toFixed(1)}% |`);
  expect(stdout).toMatch(/\*\*Call-edge overlap:\*\* \d+\.\d% \(weighted Jaccard\); \d+ edges in both of \d+ before and \d+ after/);
  expect(stdout).toMatch(/\*\*Validation:\*\* passed: samples \d+ ≥ 20, start_line coverage 100\.0% ≥ 99\.0%, stale ratio/);
  expect(stdout).toContain(`sha256 \`${sha256(profile)}\``);
  expect(stdout).toContain(`go-pgo rollback ${BINARY_DIR}`);
  expect(stderr).toContain(`refreshed ${PROFILE} (sha256 ${sha256(profile).slice(0, 12)}`);

  // Without --commit git is not touched: the profile is modified, the sidecar new; no lock left.
  expect(gitState(repo)).toMatchObject({ head: repo.initial, branch: 'main', branches: 'main', status: ` M ${PROFILE}\n?? ${SIDECAR}` });
  expect(existsSync(refreshLockFile(repo.root, PROJECT))).toBe(false);
}, 60_000);

/** Runs `work` with PATH holding only git and go, so gh is certainly absent. */
async function withoutGh<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  const bin = pathWithoutGh();
  process.env.PATH = bin;
  try {
    return await work();
  } finally {
    process.env.PATH = saved;
    rmSync(bin, { recursive: true, force: true });
  }
}

const committedBytes = (rev: string): Buffer => execFileSync('git', ['show', `${rev}:${PROFILE}`], { cwd: repo.root });

test('--commit: a branch and a commit of exactly the profile and sidecar; --open-pr without gh says so in one line', async () => {
  const { code, stderr } = await withoutGh(() => refresh('--capture-dir', goodCapture, '--commit', '--open-pr'));
  expect(code).toBe(0);
  expect(gitState(repo)).toMatchObject({ branch: BRANCH, branches: `main\n${BRANCH}`, status: '' });
  expect(repo.git('rev-parse', 'HEAD~1')).toBe(repo.initial);
  expect(repo.git('log', '-1', '--format=%s')).toBe(TITLE);
  expect(repo.git('show', '--name-status', '--format=', 'HEAD').split('\n')).toEqual([`M\t${PROFILE}`, `A\t${SIDECAR}`]);
  expect(committedBytes('HEAD').equals(readFileSync(path.join(goodCapture, 'candidate.pgo')))).toBe(true);
  const lines = stderr.trimEnd().split('\n');
  expect(lines.at(-2)).toBe(`committed ${repo.git('rev-parse', 'HEAD').slice(0, 12)} "${TITLE}" on branch ${BRANCH}`);
  expect(lines.at(-1)).toBe(
    `gh is not on PATH, so no pull request was opened: push ${BRANCH} and open one with the body in ${path.relative(repo.root, goodCapture)}/refresh-pr.md`,
  );
});

test('then rollback restores the previous profile byte for byte, and removes the sidecar the refresh added', async () => {
  expect((await refresh('--capture-dir', goodCapture, '--commit')).code).toBe(0);
  const refreshed = repo.git('rev-parse', 'HEAD');
  const io = captureIo(repo.root);
  expect(await rollbackCommand.run([BINARY_DIR], io)).toBe(0);
  expect(file(PROFILE).equals(repo.originalProfile)).toBe(true);
  expect(existsSync(path.join(repo.root, SIDECAR))).toBe(false);
  expect(repo.git('rev-parse', 'HEAD~1')).toBe(refreshed);
  expect(repo.git('log', '-1', '--format=%s')).toBe(`Revert "${TITLE}"`);
  expect(gitState(repo).status).toBe('');
  expect(io.out.stdout).toContain(`reverted ${refreshed.slice(0, 12)} "${TITLE}" with commit ${repo.git('rev-parse', 'HEAD').slice(0, 12)}`);
});

describe('a refresh that fails leaves the profile, the sidecar and git untouched', () => {
  /** Everything a failed refresh must not change. */
  const snapshot = () => ({ git: gitState(repo), profile: sha256(file(PROFILE)), sidecar: existsSync(path.join(repo.root, SIDECAR)) });

  test.each([[[]], [['--commit']]])('validation fails: the profile of another program %p', async (extra) => {
    const before = snapshot();
    const { code, stderr } = await refresh('--capture-dir', wrongCapture, ...extra).catch((error: Error) => ({ code: 1, stdout: '', stderr: error.message }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/failed validation \(.*coverage.*\): tools\/cmd\/report\/default\.pgo is unchanged/);
    expect(snapshot()).toEqual(before);
    expect(before).toMatchObject({ git: { head: repo.initial, branch: 'main', branches: 'main', status: '' }, sidecar: false });
    expect(sha256(file(PROFILE))).toBe(sha256(repo.originalProfile));
  });

  test('a git failure after the branch was made (a pre-commit hook refuses) restores the branch, index and files', async () => {
    const hook = path.join(repo.root, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    try {
      const before = snapshot();
      await expect(refresh('--capture-dir', goodCapture, '--commit')).rejects.toThrow(/git commit failed .*hook says no/);
      expect(snapshot()).toEqual(before);
      expect(repo.git('diff', '--cached', '--name-only')).toBe('');
    } finally {
      rmSync(hook, { force: true });
    }
  });

  test('--commit refuses a dirty work tree up front: the profile, or any other tracked file', async () => {
    writeFileSync(path.join(repo.root, PROFILE), 'local edit');
    await expect(refresh('--capture-dir', goodCapture, '--commit')).rejects.toThrow(
      `${PROFILE}: uncommitted changes to the files pgo-refresh --commit would change: commit or discard them first`,
    );
    expect(file(PROFILE).toString()).toBe('local edit');
    repo.git('checkout', '--', PROFILE);
    writeFileSync(path.join(repo.root, 'tools/cmd/report/main.go'), '// edited\n', { flag: 'a' });
    const before = snapshot();
    await expect(refresh('--capture-dir', goodCapture, '--commit')).rejects.toThrow(
      'the work tree has uncommitted changes (tools/cmd/report/main.go): pgo-refresh --commit needs a clean tree; commit or stash them first',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('the lock', () => {
  test('of two refreshes of one project at once, one runs and the other is refused; the lock is released', async () => {
    const results = await Promise.allSettled([refresh('--capture-dir', goodCapture), refresh('--capture-dir', goodCapture)]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.code === 0)).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(String(refused[0]!.reason)).toMatch(
      new RegExp(`\\.pgo/locks/${PROJECT}\\.lock: a refresh of ${PROJECT} is already running \\(pid ${process.pid} on .*\\): wait for it, or delete the lock if no refresh runs`),
    );
    expect(existsSync(refreshLockFile(repo.root, PROJECT))).toBe(false);
  });

  test('a lock left by a process that is gone is taken over with a note', async () => {
    const dead = Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
    const lock = refreshLockFile(repo.root, PROJECT);
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: dead, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'old' }));
    const { code, stderr } = await refresh('--capture-dir', goodCapture);
    expect(code).toBe(0);
    expect(stderr).toContain(`.pgo/locks/${PROJECT}.lock: took over the lock of pid ${dead} (since 2026-01-01T00:00:00.000Z), which is no longer running`);
    expect(existsSync(lock)).toBe(false);
  });
});
