// The runbook generator on a copy of the e2e Go monorepo, with the projects the plugin's own
// inference gives it, a real pgo.yaml (read through core) and a real history file written by
// pgo-bench's appendHistory: the measured numbers appear as documented, an unmeasured binary
// says what to run, and --dry-run reports exactly the one file a real run writes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectConfiguration } from '@nx/devkit';
import { appendHistory, historyFile, type HistoryRow } from '@go-pgo/core';
import { flushChanges } from 'nx/src/generators/tree';
import { copyFixture, projectsByRoot, removeWorkspace, runCreateNodes } from '../../plugin/go-workspace.spec-helper';
import { changeTypes, dryRun, filesOnDisk } from '../dry-run.spec-helper';
import { runbookGenerator } from './generator';
import { RunbookOptionsError } from './runbook-options';

let root: string;
let projects: Record<string, ProjectConfiguration>;
const readProjects = async (): Promise<Record<string, ProjectConfiguration>> => projects;

function row(delta: number, lo: number, hi: number, accepted: boolean): HistoryRow {
  return {
    commit: '0123456789abcdef0123456789abcdef01234567',
    profileSha256: 'fedcba9876543210'.repeat(4),
    date: accepted ? '2026-01-05T10:00:00.000Z' : '2026-01-12T10:00:00.000Z',
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: delta,
    geomeanCi: { lo, hi },
    binaryBytes: { off: 9_000_000, pgo: 9_200_000 },
    buildSeconds: { off: 20, pgo: 24 },
    accepted,
  };
}

beforeAll(async () => {
  root = copyFixture('go-pgo-runbook-');
  writeFileSync(
    path.join(root, 'services/cmd/worker/pgo.yaml'),
    [
      'profile: prod.pgo',
      'capture:',
      '  sources:',
      '    - http: { urls: [http://10.0.0.5:6060, http://10.0.0.6:6060] }',
      '    - kubernetes: { namespace: prod, selector: app=worker, port: 6060, maxPods: 10 }',
      '',
    ].join('\n'),
  );
  const file = historyFile(root, 'worker');
  await appendHistory(file, row(-6.2, -8.3, -4.1, true));
  // A later run that failed its gates: not the expected gain.
  await appendHistory(file, row(1.5, 0.2, 3, false));
  projects = Object.fromEntries(Object.values(projectsByRoot(await runCreateNodes(root))).map((p) => [p.name!, p]));
});
afterAll(() => removeWorkspace(root));

describe('runbook generator', () => {
  let text: string;

  beforeAll(async () => {
    const { changes } = await dryRun(root, (tree) => runbookGenerator(tree, { project: 'worker' }, readProjects));
    expect(changeTypes(changes)).toEqual({ 'docs/pgo/worker.md': 'CREATE' });
    text = changes[0]!.content!.toString('utf8');
  });

  it('holds the latest accepted measured gain with its CI, size and build time, as documented', () => {
    expect(text).toContain(
      [
        '**-6.20%** benchmark time with PGO (geomean, 95% CI -8.30% to -4.10%; negative is faster),',
        'measured 2026-01-05T10:00:00.000Z with go1.26.0 at commit `0123456789ab`',
        '(profile sha256 `fedcba987654`).',
        'Test binary size +2.22% (9,000,000 → 9,200,000 bytes);',
        'build time +20.00% (20.0 s → 24.0 s).',
      ].join('\n'),
    );
    expect(text).not.toContain('+1.50%');
    expect(text).toContain('From the latest accepted run in `.pgo/history/worker.jsonl`.');
  });

  it('names the profile, cadence, capture sources, rollback, emergency disable and reports', () => {
    expect(text).toContain('- Committed profile: `services/cmd/worker/prod.pgo` (set in `services/cmd/worker/pgo.yaml`)');
    expect(text).toContain('- Cadence: weekly, Mondays at 05:17 UTC, by the scheduled CI job');
    expect(text).toContain('- net/http/pprof endpoints: `http://10.0.0.5:6060/debug/pprof/profile`, `http://10.0.0.6:6060/debug/pprof/profile`');
    expect(text).toContain('- Kubernetes pods: namespace `prod`, selector `app=worker`, port 6060, at most 10 pods');
    expect(text).toContain('`nx run worker:pgo-rollback` reverts the last commit');
    expect(text).toContain('`nx run worker:pgo-build:off` builds the `-pgo=off` baseline into\n  `dist/go/services/cmd/worker/off/`, beside the PGO binary: ship that one.');
    expect(text).toContain('remove or rename `services/cmd/worker/prod.pgo`');
    expect(text).toContain('`dist/pgo/services/cmd/worker/bench/report.html`');
  });

  it('a binary with no measured run says what to run; a schedule option changes the cadence', async () => {
    const { changes } = await dryRun(root, (tree) => runbookGenerator(tree, { project: 'report', schedule: '0 3 * * *' }, readProjects));
    const report = changes[0]!.content!.toString('utf8');
    expect(report).toContain('Not measured yet — run `nx run report:pgo-bench`.');
    expect(report).toContain('- Cadence: daily at 03:00 UTC');
    expect(report).toContain('None configured: add `capture.sources` to tools/cmd/report/pgo.yaml');
  });

  it('flushed, the file on disk is the one reported; different content is replaced only with --force', async () => {
    const { changes } = await dryRun(root, (tree) => runbookGenerator(tree, { project: 'worker' }, readProjects));
    flushChanges(root, changes);
    expect(filesOnDisk(root).get('docs/pgo/worker.md')?.toString('utf8')).toBe(text);
    expect((await dryRun(root, (tree) => runbookGenerator(tree, { project: 'worker' }, readProjects))).changes).toEqual([]);
    writeFileSync(path.join(root, 'docs/pgo/worker.md'), '# edited\n');
    await expect(dryRun(root, (tree) => runbookGenerator(tree, { project: 'worker' }, readProjects))).rejects.toThrow(
      new RunbookOptionsError('docs/pgo/worker.md already exists with other content: pass --force to regenerate it (edits made by hand are lost), or compare with --dry-run'),
    );
    const forced = await dryRun(root, (tree) => runbookGenerator(tree, { project: 'worker', force: true }, readProjects));
    expect(forced.changes[0]!.content!.toString('utf8')).toBe(text);
  });

  it('refuses a project that is not a Go binary', async () => {
    await expect(dryRun(root, (tree) => runbookGenerator(tree, { project: 'libs' }, readProjects))).rejects.toThrow(/^libs is not a Go binary project \(no pgo-build target run by @go-pgo\/nx:build\): choose one of /);
  });
});
