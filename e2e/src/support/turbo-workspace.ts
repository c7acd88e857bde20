// A fresh Turborepo repository per test file, as a team without Nx has it: a root package.json
// with npm workspaces, `turbo` (pinned) and our packed @go-pgo/core from devDependencies, the Go
// monorepo fixture, and git with everything committed (turbo hashes files through git).
//
// The install is a template like the Nx one (packages.ts), made from the same tarballs the
// global setup packed (its template's packs/) and keyed on their bytes and the turbo version,
// so reruns copy it in a second. The repository lives in <dir>/repo; the turbo cache in
// <dir>/turbo-cache, outside git, with no remote cache and no telemetry.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { baseEnv } from './env';
import { e2eTmpRoot, publishedTemplate } from './packages';
import { run, type RunResult } from './run';
import { fixtureDir } from './workspace';

/** The latest Turborepo 2 when this was written; 2.4 added the $TURBO_ROOT$ globs go-pgo writes. */
export const TURBO_VERSION = '2.11.11';

const templatesDir = path.join(e2eTmpRoot, 'turbo-templates');
const INSTALL_TIMEOUT_MS = 300_000;
const keep = process.env.GO_PGO_E2E_KEEP === '1';

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'go-pgo e2e',
  GIT_AUTHOR_EMAIL: 'e2e@go-pgo.invalid',
  GIT_COMMITTER_NAME: 'go-pgo e2e',
  GIT_COMMITTER_EMAIL: 'e2e@go-pgo.invalid',
};

/** The part of `turbo run --summarize`'s run summary the tests read. */
export interface TurboRunSummary {
  tasks: { taskId: string; package: string; task: string; cache: { status: 'HIT' | 'MISS' } }[];
}

export class TurboRepo {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;

  private constructor(private readonly dir: string) {
    this.root = path.join(dir, 'repo');
    this.env = {
      ...baseEnv(),
      ...GIT_IDENTITY,
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      TURBO_NO_UPDATE_NOTIFIER: '1',
      TURBO_CACHE_DIR: path.join(dir, 'turbo-cache'),
      TURBO_UI: 'false',
    };
  }

  static async create(label: string): Promise<TurboRepo> {
    const template = await turboTemplate();
    const repo = new TurboRepo(await fs.mkdtemp(path.join(e2eTmpRoot, `turbo-${label}-`)));
    try {
      await fs.mkdir(repo.root);
      await fs.copyFile(path.join(template, 'package.json'), repo.path('package.json'));
      await fs.copyFile(path.join(template, 'package-lock.json'), repo.path('package-lock.json'));
      await fs.cp(path.join(template, 'packs'), repo.path('packs'), { recursive: true });
      // Hard links (nothing writes into installed packages), except the file npm rewrites.
      await run('cp', ['-al', path.join(template, 'node_modules'), repo.path('node_modules')], { cwd: repo.dir, env: repo.env });
      await fs.rm(repo.path('node_modules/.package-lock.json'), { force: true });
      await fs.cp(fixtureDir, repo.root, { recursive: true });
      await fs.writeFile(repo.path('.gitignore'), ['node_modules', 'dist', '.turbo', ''].join('\n'));
      await repo.exec('git', ['init', '-q', '-b', 'main']);
      await repo.commitAll('Go monorepo fixture with turbo and @go-pgo/core');
    } catch (error) {
      await repo.dispose();
      throw error;
    }
    return repo;
  }

  /** A program from node_modules/.bin (turbo, go-pgo), as npx would run it. */
  bin(name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return this.exec(this.path(`node_modules/.bin/${name}`), args, env);
  }

  exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return run(file, args, { cwd: this.root, env: { ...this.env, ...env } });
  }

  /** `turbo run <task> --summarize`, and the summary it wrote. */
  async turboRun(task: string, env: NodeJS.ProcessEnv = {}): Promise<{ result: RunResult; summary: TurboRunSummary }> {
    const runs = this.path('.turbo/runs');
    const before = new Set(await fs.readdir(runs).catch(() => []));
    const result = await this.bin('turbo', ['run', task, '--summarize', '--output-logs=new-only'], env);
    const written = (await fs.readdir(runs)).filter((name) => !before.has(name));
    if (written.length !== 1) throw new Error(`turbo run ${task} wrote ${written.length} run summaries in ${runs}; output:\n${result.output}`);
    const summary = JSON.parse(await fs.readFile(path.join(runs, written[0]!), 'utf8')) as TurboRunSummary;
    return { result, summary };
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  async commitAll(message: string): Promise<void> {
    await this.exec('git', ['add', '-A']);
    await this.exec('git', ['commit', '-q', '-m', message]);
  }

  async dispose(): Promise<void> {
    if (!keep) await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/** Cache status per package of one task, e.g. { worker: 'HIT', report: 'MISS' }. */
export function cacheStatus(summary: TurboRunSummary, task: string): Record<string, 'HIT' | 'MISS'> {
  const status: Record<string, 'HIT' | 'MISS'> = {};
  for (const t of summary.tasks) if (t.task === task) status[t.package] = t.cache.status;
  return status;
}

/** turbo and @go-pgo/core (with @go-pgo/pprof) installed from the tarballs of this run. */
async function turboTemplate(): Promise<string> {
  const packs = path.join(publishedTemplate().dir, 'packs');
  const tarballs = (await fs.readdir(packs)).filter((name) => /^go-pgo-(core|pprof)-.*\.tgz$/.test(name)).sort();
  const core = tarballs.find((name) => name.startsWith('go-pgo-core-'));
  const pprof = tarballs.find((name) => name.startsWith('go-pgo-pprof-'));
  if (core === undefined || pprof === undefined) throw new Error(`no @go-pgo/core or @go-pgo/pprof tarball in ${packs}`);
  const hash = createHash('sha256').update(`turbo@${TURBO_VERSION} node@${process.version}\0`);
  for (const name of tarballs) hash.update(await fs.readFile(path.join(packs, name)));
  const dir = path.join(templatesDir, hash.digest('hex').slice(0, 16));
  if (await fs.access(dir).then(() => true, () => false)) return dir;

  await fs.mkdir(templatesDir, { recursive: true });
  const work = await fs.mkdtemp(`${dir}.tmp-`);
  try {
    await fs.mkdir(path.join(work, 'packs'));
    for (const name of tarballs) await fs.copyFile(path.join(packs, name), path.join(work, 'packs', name));
    // What `npm i -D turbo @go-pgo/core` writes, with our tarballs instead of the registry's.
    const packageJson = {
      name: 'go-pgo-turbo-e2e',
      version: '0.0.0',
      private: true,
      devDependencies: { '@go-pgo/core': `file:packs/${core}`, turbo: TURBO_VERSION },
      overrides: { '@go-pgo/pprof': `file:packs/${pprof}` },
    };
    await fs.writeFile(path.join(work, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: work, env: baseEnv(), timeoutMs: INSTALL_TIMEOUT_MS });
    await fs.rename(work, dir);
  } catch (error) {
    // A concurrent run installed the same key first: its result is as good as ours.
    const lostRace = ['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '');
    if (!(lostRace && (await fs.access(dir).then(() => true, () => false)))) throw error;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return dir;
}
