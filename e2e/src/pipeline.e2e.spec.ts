// capture → merge → validate through Nx targets, on a copy of examples/ (the storefront service
// and the report CLI), in a real Nx workspace with our packages installed from their tarballs.
// Three real storefronts serve net/http/pprof under a real load generator on 127.0.0.1. Then
// release engineering on the same git repository: refresh with --commit, rollback, a refresh
// that fails validation, and the generated CI workflows. The A/B benchmark of the report CLI is
// bench-gain.quiet.e2e.spec.ts, which runs alone.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decode, summarize } from '@go-pgo/pprof';
import type { CaptureManifest, ValidationReport } from '@go-pgo/core';
import { buildServices, startLoadgen, startStorefront, stopAll, type RunningService } from '../../tools/test-support/storefront';
import { taskOutcome } from './support/nx-output';
import { createWorkspace, examplesDir, type Workspace } from './support/workspace';

const STOREFRONT = 'services/cmd/storefront';
const CANDIDATE = `dist/pgo/${STOREFRONT}/candidate.pgo`;

let workspace: Workspace;
let services: RunningService[];

beforeAll(async () => {
  const binaries = buildServices();
  services = await Promise.all([0, 1, 2].map(() => startStorefront(binaries)));
  startLoadgen(
    binaries,
    services.map((s) => s.url),
  );
  workspace = await createWorkspace('pipeline', examplesDir);
  // 2 s captures of 3 lightly loaded instances hold tens of samples (fewer on a busy machine):
  // the thresholds are set for that, not for production.
  await workspace.write(
    `${STOREFRONT}/pgo.yaml`,
    [
      'capture:',
      '  seconds: 2',
      '  sources:',
      `    - http: { name: local, urls: [${services.map((s) => s.url).join(', ')}] }`,
      'validate:',
      '  minSamples: 10',
      '  minBytes: 1000',
      '',
    ].join('\n'),
  );
  await workspace.commitAll('storefront captures from three local instances');
});

afterAll(async () => {
  await stopAll();
  await workspace?.dispose();
});

test("the targets follow each binary's configuration: the storefront captures and has no profile yet; the report CLI has all", async () => {
  const show = async (project: string): Promise<string[]> =>
    Object.keys((JSON.parse((await workspace.nx(['show', 'project', project, '--json'])).stdout) as { targets: Record<string, unknown> }).targets);
  // Capture sources, no profile: nothing to verify or roll back yet; validate checks the candidate.
  expect(await show('storefront')).toEqual(['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-build', 'pgo-refresh']);
  // A committed profile, capture sources and bench packages.
  expect(await show('report')).toEqual(['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-build', 'pgo-verify', 'pgo-bench', 'pgo-refresh', 'pgo-rollback', 'pgo-roi']);
});

test('pgo-capture profiles all three instances in parallel and records them truthfully', async () => {
  const run = await workspace.nx(['run', 'storefront:pgo-capture']);
  expect(taskOutcome(run.output, 'storefront:pgo-capture')).toBe('ran');
  expect(run.output).toMatch(/captured storefront: 3 of 3 instances → \.pgo\/captures\/storefront\/\d{8}T\d{6}Z\/manifest\.json/);
  const manifestFile = /(\.pgo\/captures\/storefront\/\d{8}T\d{6}Z)\/manifest\.json/.exec(run.output)![1]!;
  const manifest = JSON.parse((await workspace.read(`${manifestFile}/manifest.json`)).toString('utf8')) as CaptureManifest;
  expect(manifest).toMatchObject({ project: 'storefront', seconds: 2, succeeded: 3, total: 3, quorumMet: true });
  const starts = manifest.instances.map((i) => Date.parse(i.start));
  expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1500);
  for (const instance of manifest.instances) {
    const profile = decode(await workspace.read(path.posix.join(manifestFile, instance.file!)));
    expect(summarize(profile).pgoUsable).toBe(true);
  }
  // A second run is a new capture, never a cache hit; options reach the executor.
  const again = await workspace.nx(['run', 'storefront:pgo-capture', '--seconds=3']);
  expect(taskOutcome(again.output, 'storefront:pgo-capture')).toBe('ran');
  const newest = /(\.pgo\/captures\/storefront\/\d{8}T\d{6}Z)\/manifest\.json/.exec(again.output)![1]!;
  expect(JSON.parse((await workspace.read(`${newest}/manifest.json`)).toString('utf8'))).toMatchObject({ seconds: 3, succeeded: 3 });
});

test('pgo-merge writes the candidate from the newest capture, and is cached on the captures', async () => {
  const first = await workspace.nx(['run', 'storefront:pgo-merge']);
  expect(taskOutcome(first.output, 'storefront:pgo-merge')).toBe('ran');
  expect(first.output).toMatch(/merged 3 profile\(s\) of \.pgo\/captures\/storefront\/\d{8}T\d{6}Z into /);
  const candidate = decode(await workspace.read(CANDIDATE));
  expect(summarize(candidate).pgoUsable).toBe(true);
  // Labels dropped and compacted: no label anywhere, no frame past the fifth.
  expect(candidate.sample.every((s) => s.label.length === 0 && s.locationId.length <= 5)).toBe(true);

  const again = await workspace.nx(['run', 'storefront:pgo-merge']);
  expect(taskOutcome(again.output, 'storefront:pgo-merge')).toBe('cache');
});

test('pgo-validate:candidate passes the storefront profile for the storefront, and writes its JSON report', async () => {
  const run = await workspace.nx(['run', 'storefront:pgo-validate:candidate']);
  expect(run.output).toMatch(/stale ratio/);
  const report = JSON.parse((await workspace.read(`dist/pgo/${STOREFRONT}/validate.json`)).toString('utf8')) as ValidationReport;
  expect(report).toMatchObject({ passed: true, profile: CANDIDATE });
  expect(report.figures.coverage).toBeGreaterThan(0.3);
  expect(report.figures.staleRatio).toBe(0);
});

test('the storefront profile validated for the report CLI fails, and names the storefront', async () => {
  const run = await workspace.nx(['run', 'report:pgo-validate', `--profile=${CANDIDATE}`, '--skip-nx-cache'], { allowFailure: true });
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toContain(`this profile looks like it came from ${STOREFRONT}`);
});

const git = async (...args: string[]): Promise<string> => (await workspace.exec('git', args)).stdout.trim();
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The storefront's capture runs, oldest first. */
async function captureRuns(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(workspace.path('.pgo/captures/storefront'))).filter((name) => /^\d{8}T\d{6}Z/.test(name)).sort().map((name) => `.pgo/captures/storefront/${name}`);
}

test('pgo-refresh:commit adopts a capture on a new branch with its sidecar; pgo-rollback restores the previous profile byte for byte', async () => {
  // A first profile, committed: the candidate pgo-merge wrote from the newest capture.
  const first = await workspace.read(CANDIDATE);
  await workspace.write(`${STOREFRONT}/default.pgo`, first);
  await workspace.commitAll('storefront: first profile');
  const before = await git('rev-parse', 'HEAD');

  // Refresh from the older capture, so that the profile really changes.
  const [older] = await captureRuns();
  const refresh = await workspace.nx(['run', 'storefront:pgo-refresh:commit', `--captureDir=${older}`]);
  const date = new Date().toISOString().slice(0, 10);
  expect(await git('rev-parse', '--abbrev-ref', 'HEAD')).toBe(`pgo/refresh-storefront-${date}`);
  expect(await git('log', '-1', '--format=%s')).toBe(`pgo: refresh storefront profile (${date})`);
  expect(await git('rev-parse', 'HEAD~1')).toBe(before);
  expect((await git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort()).toEqual([`${STOREFRONT}/default.pgo`, `${STOREFRONT}/default.pgo.json`]);
  expect(await git('status', '--porcelain')).toBe('');
  const refreshed = await workspace.read(`${STOREFRONT}/default.pgo`);
  expect(sha256(refreshed)).not.toBe(sha256(first));
  const sidecar = JSON.parse((await workspace.read(`${STOREFRONT}/default.pgo.json`)).toString('utf8')) as Record<string, unknown>;
  expect(JSON.stringify(sidecar)).toContain(sha256(refreshed));
  // The PR body, for a reviewer of a binary diff: what it came from, top functions, overlap.
  expect(refresh.output).toContain(`## pgo: refresh storefront profile (${date})`);
  expect(refresh.output).toMatch(/merged from \*\*3 of 3 instances\*\*/);
  expect(refresh.output).toMatch(/\| top function \| `[^`]+` [\d.]+% \| `[^`]+` [\d.]+% \|/);
  expect(refresh.output).toMatch(/\*\*Call-edge overlap:\*\* [\d.]+% \(weighted Jaccard\)/);

  const rollback = await workspace.nx(['run', 'storefront:pgo-rollback']);
  expect(rollback.output).toContain('pgo: refresh storefront profile');
  expect(sha256(await workspace.read(`${STOREFRONT}/default.pgo`))).toBe(sha256(first));
  expect(await git('status', '--porcelain')).toBe('');
  expect(await git('log', '-1', '--format=%s')).toMatch(/^Revert "pgo: refresh storefront profile/);
});

test('a refresh that fails validation (the storefront capture, for the report CLI) leaves profile and git untouched', async () => {
  const profile = 'tools/cmd/report/default.pgo';
  const [bytes, head, branch] = [sha256(await workspace.read(profile)), await git('rev-parse', 'HEAD'), await git('rev-parse', '--abbrev-ref', 'HEAD')];
  const [older] = await captureRuns();
  const run = await workspace.nx(['run', 'report:pgo-refresh:commit', `--captureDir=${older}`], { allowFailure: true });
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toContain('services/cmd/storefront');
  expect(sha256(await workspace.read(profile))).toBe(bytes);
  expect([await git('rev-parse', 'HEAD'), await git('rev-parse', '--abbrev-ref', 'HEAD'), await git('status', '--porcelain')]).toEqual([head, branch, '']);
});

test('the ci generator writes workflows that parse and use only SHA-pinned actions; the refresh job covers the binaries with capture sources', async () => {
  await workspace.nx(['g', '@go-pgo/nx:ci', '--no-interactive']);
  const github = parseYaml((await workspace.read('.github/workflows/pgo.yml')).toString('utf8')) as { jobs: Record<string, { steps?: { uses?: string; run?: string }[]; strategy?: { matrix?: { project?: string[] } } }> };
  const steps = Object.values(github.jobs).flatMap((job) => job.steps ?? []);
  const uses = steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
  expect(uses.length).toBeGreaterThan(3);
  for (const use of uses) expect(use).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  expect(steps.some((step) => step.run?.includes('nx affected -t pgo-build pgo-verify pgo-bench'))).toBe(true);
  const matrix = Object.values(github.jobs).flatMap((job) => job.strategy?.matrix?.project ?? []);
  expect(matrix.sort()).toEqual(['report', 'storefront']);

  await workspace.nx(['g', '@go-pgo/nx:ci', '--provider=gitlab', '--no-interactive']);
  const gitlab = parseYaml((await workspace.read('.gitlab/pgo.gitlab-ci.yml')).toString('utf8')) as Record<string, unknown>;
  expect(JSON.stringify(gitlab)).toContain('nx affected -t pgo-build pgo-verify pgo-bench');
});
