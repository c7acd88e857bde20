// capture → merge → validate through Nx targets, on a copy of examples/ (the storefront service
// and the report CLI), in a real Nx workspace with our packages installed from their tarballs.
// Three real storefronts serve net/http/pprof under a real load generator on 127.0.0.1. The
// A/B benchmark of the report CLI is bench-gain.quiet.e2e.spec.ts, which runs alone.
import path from 'node:path';
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

test('the storefront has the pipeline targets; the report CLI (bench packages, a bench capture source) has them too', async () => {
  const show = async (project: string): Promise<string[]> =>
    Object.keys((JSON.parse((await workspace.nx(['show', 'project', project, '--json'])).stdout) as { targets: Record<string, unknown> }).targets);
  expect(await show('storefront')).toEqual(expect.arrayContaining(['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-build', 'pgo-verify']));
  expect(await show('storefront')).not.toContain('pgo-bench');
  expect(await show('report')).toEqual(expect.arrayContaining(['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-bench']));
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
