// The ci generator on a copy of the e2e Go monorepo, with the projects the plugin's own inference
// gives it (createNodesV2 on the same files, as the project graph would hold them): the YAML
// parses, names only pinned actions from the table, runs the affected targets with GOCACHE keyed
// on every profile, and refreshes exactly the binaries with capture sources. --dry-run writes
// nothing and reports exactly the files written.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectConfiguration } from '@nx/devkit';
import { flushChanges } from 'nx/src/generators/tree';
import { parse } from 'yaml';
import { copyFixture, projectsByRoot, removeWorkspace, runCreateNodes } from '../../plugin/go-workspace.spec-helper';
import { changeTypes, dryRun, filesOnDisk } from '../dry-run.spec-helper';
import { CiOptionsError } from './ci-options';
import { ciGenerator } from './generator';
import { PINNED_ACTIONS } from './pinned-actions';

let root: string;
let projects: Record<string, ProjectConfiguration>;

beforeAll(async () => {
  root = copyFixture('go-pgo-ci-');
  // Capture sources for worker and tools' api only; the other binaries get no pgo-capture target.
  for (const dir of ['services/cmd/worker', 'tools/cmd/api']) {
    writeFileSync(path.join(root, dir, 'pgo.yaml'), 'capture:\n  sources:\n    - http: { urls: [http://10.0.0.5:6060] }\n');
  }
  const byRoot = projectsByRoot(await runCreateNodes(root));
  projects = Object.fromEntries(Object.values(byRoot).map((project) => [project.name!, project]));
});
afterAll(() => removeWorkspace(root));

const readProjects = async (): Promise<Record<string, ProjectConfiguration>> => projects;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** Every `uses:` line of the text, with its comment. */
function usesLines(text: string): string[] {
  return [...text.matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map((m) => m[1]!);
}

describe('ci generator, GitHub', () => {
  let text: string;
  let workflow: { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; permissions?: Record<string, string>; strategy?: { matrix: { project: string[] } } }> };

  beforeAll(async () => {
    const { changes } = await dryRun(root, (tree) => ciGenerator(tree, {}, readProjects));
    expect(changeTypes(changes)).toEqual({ '.github/workflows/pgo.yml': 'CREATE' });
    text = changes[0]!.content!.toString('utf8');
    workflow = parse(text);
  });

  it('the fixture really has binaries with and without capture sources', () => {
    const capture = Object.values(projects).filter((p) => p.targets?.['pgo-capture'] !== undefined).map((p) => p.name);
    expect(capture.sort()).toEqual(['tools-api', 'worker']);
  });

  it('parses as YAML, and every action is pinned to a 40-hex commit from the table, with its release in a comment', () => {
    const lines = usesLines(text);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const table = Object.values(PINNED_ACTIONS);
    for (const line of lines) {
      const match = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
      expect(match).not.toBeNull();
      expect(table).toContainEqual(expect.objectContaining({ action: match![1], sha: match![2], version: match![3] }));
    }
    // And the parsed workflow agrees with the text: each step's uses is action@sha.
    const parsedUses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    expect(parsedUses).toEqual(lines.map((line) => line.split(' ')[0]));
  });

  it('every pin has a provenance note and a full SHA', () => {
    for (const pin of Object.values(PINNED_ACTIONS)) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.version).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(pin.provenance.length).toBeGreaterThan(40);
    }
  });

  it('pull requests: full history, nx-set-shas, GOCACHE keyed on every profile, nx affected, reports uploaded', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'schedule', 'workflow_dispatch']);
    const steps = workflow.jobs['affected']!.steps;
    expect(steps[0]).toMatchObject({ uses: `actions/checkout@${PINNED_ACTIONS.checkout.sha}`, with: { 'fetch-depth': 0 } });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-go@'))).toMatchObject({ with: { 'go-version-file': 'go.work', cache: false } });
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with!['path']).toBe('${{ env.GOCACHE }}');
    expect(cache.with!['key']).toContain("${{ hashFiles('**/*.pgo') }}");
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toContain('npx nx affected -t pgo-build pgo-verify pgo-bench');
    // nx-set-shas comes before nx affected, the cache before both.
    const index = (pred: (s: Step) => boolean): number => steps.findIndex(pred);
    expect(index((s) => s.uses?.startsWith('actions/cache@') === true)).toBeLessThan(index((s) => s.uses?.startsWith('nrwl/nx-set-shas@') === true));
    expect(index((s) => s.uses?.startsWith('nrwl/nx-set-shas@') === true)).toBeLessThan(index((s) => s.run?.startsWith('npx nx affected') === true));
    expect(steps.at(-1)).toMatchObject({ uses: `actions/upload-artifact@${PINNED_ACTIONS.uploadArtifact.sha}`, with: { path: 'dist/pgo/**/bench' } });
  });

  it('weekly: pgo-refresh --commit --open-pr for each binary with capture sources, with the permissions and token it needs', () => {
    expect(workflow.on['schedule']).toEqual([{ cron: '17 5 * * 1' }]);
    const refresh = workflow.jobs['refresh']!;
    expect(refresh.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(refresh.strategy!.matrix.project).toEqual(['tools-api', 'worker']);
    const step = refresh.steps.at(-1)!;
    expect(step.run).toBe('npx nx run "$PROJECT:pgo-refresh" --commit --open-pr');
    expect(step.env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}', PROJECT: '${{ matrix.project }}' });
  });

  it('flushed, the file on disk is the one reported; run again, it is unchanged; different content needs --force', async () => {
    const { changes } = await dryRun(root, (tree) => ciGenerator(tree, {}, readProjects));
    flushChanges(root, changes);
    expect(filesOnDisk(root).get('.github/workflows/pgo.yml')).toEqual(changes[0]!.content);
    expect((await dryRun(root, (tree) => ciGenerator(tree, {}, readProjects))).changes).toEqual([]);
    await expect(dryRun(root, (tree) => ciGenerator(tree, { schedule: '0 3 * * *' }, readProjects))).rejects.toThrow(
      new CiOptionsError('.github/workflows/pgo.yml already exists: compare it with a --dry-run of this generator, or pass --force to replace it'),
    );
    const forced = await dryRun(root, (tree) => ciGenerator(tree, { schedule: '0 3 * * *', force: true }, readProjects));
    expect(parse(forced.changes[0]!.content!.toString('utf8')).on.schedule).toEqual([{ cron: '0 3 * * *' }]);
  });
});

describe('ci generator, GitLab', () => {
  it('writes the include file and a .gitlab-ci.yml including it; the cache key covers every profile', async () => {
    const { changes } = await dryRun(root, (tree) => ciGenerator(tree, { provider: 'gitlab' }, readProjects));
    expect(changeTypes(changes)).toEqual({ '.gitlab/pgo.gitlab-ci.yml': 'CREATE', '.gitlab-ci.yml': 'CREATE' });
    const byPath = Object.fromEntries(changes.map((c) => [c.path, parse(c.content!.toString('utf8'))]));
    expect(byPath['.gitlab-ci.yml']).toEqual({ include: [{ local: '.gitlab/pgo.gitlab-ci.yml' }] });
    const jobs = byPath['.gitlab/pgo.gitlab-ci.yml'];
    expect(jobs.variables.GO_RELEASE).toBe('go1.22.0');
    expect(jobs['pgo-profiles-key'].script[0]).toContain("git ls-files -z '*.pgo' | xargs -0 -r sha256sum | sha256sum");
    expect(jobs['pgo-profiles-key'].artifacts.reports.dotenv).toBe('pgo-profiles.env');
    expect(jobs['pgo-affected'].needs).toEqual(['pgo-profiles-key']);
    expect(jobs['pgo-affected'].cache[0]).toEqual({ key: 'go-pgo-$PGO_PROFILES_SHA256', paths: ['.cache/go-build'] });
    expect(jobs['pgo-affected'].script).toEqual(['npx nx affected -t pgo-build pgo-verify pgo-bench --base="$CI_MERGE_REQUEST_DIFF_BASE_SHA" --head="$CI_COMMIT_SHA"']);
    expect(jobs['pgo-affected'].artifacts.paths).toEqual(['dist/pgo/**/bench']);
    expect(jobs['pgo-refresh'].parallel.matrix).toEqual([{ PROJECT: ['tools-api', 'worker'] }]);
    expect(jobs['pgo-refresh'].script).toContain('npx nx run "$PROJECT:pgo-refresh" --commit');
  });

  it('leaves an existing .gitlab-ci.yml alone', async () => {
    const own = 'stages: [build]\n';
    writeFileSync(path.join(root, '.gitlab-ci.yml'), own);
    const { changes, tree } = await dryRun(root, (t) => ciGenerator(t, { provider: 'gitlab' }, readProjects));
    expect(changeTypes(changes)).toEqual({ '.gitlab/pgo.gitlab-ci.yml': 'CREATE' });
    expect(tree.read('.gitlab-ci.yml', 'utf8')).toBe(own);
  });
});

describe('ci generator, refusals', () => {
  it.each([
    [{ provider: 'jenkins' as 'github' }, '--provider "jenkins": choose github (GitHub Actions) or gitlab (GitLab CI)'],
    [{ schedule: 'weekly' }, '--schedule "weekly": give a cron expression of five fields'],
  ])('%j', async (schema, message) => {
    await expect(dryRun(root, (tree) => ciGenerator(tree, schema, readProjects))).rejects.toThrow(message);
  });

  it('a workspace with no binary project', async () => {
    await expect(dryRun(root, (tree) => ciGenerator(tree, {}, async () => ({})))).rejects.toThrow(/^no Go binary project in the workspace/);
  });
});
