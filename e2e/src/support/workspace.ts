// A fresh Nx workspace per test file: the installed template (node_modules hard-linked, so a
// copy takes a second), nx.json registering @go-pgo/nx, the Go monorepo fixture, and a git
// repository with everything committed (`nx affected` and second clones need git).
//
// Each workspace also gets its own HOME. Nx 24 keeps the task cache and the database that
// indexes it in `~/.nx/<workspace id>/`, shared by every checkout of one repository (the id is
// the git remote or the first commit), so a second clone finds the first one's cache there.
// NX_CACHE_DIRECTORY would not do: it moves the cache but keeps the index in the checkout, and a
// clone then misses. Nx refuses a home under the shared /tmp, so the homes live under the real
// user's ~/.cache; Go keeps the real user's settings and build cache (see pinGoEnvironment).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../tools/test-support/repo-root';
import { baseEnv } from './env';
import { e2eTmpRoot, publishedTemplate } from './packages';
import { run, RunResult } from './run';

export const fixtureDir = path.join(repoRoot, 'e2e', 'fixtures', 'go-monorepo');
/** The bundled example monorepo (go.work: services with the storefront, tools with a bench package). */
export const examplesDir = path.join(repoRoot, 'examples');

export interface NxRunOptions {
  /** Added to (or overriding) the workspace's environment for this run. */
  env?: NodeJS.ProcessEnv;
  allowFailure?: boolean;
  timeoutMs?: number;
}

/** Set GO_PGO_E2E_KEEP=1 to keep workspaces for a look after a failure. */
const keep = process.env.GO_PGO_E2E_KEEP === '1';

const homesDir = path.join(os.homedir(), '.cache', 'go-pgo-e2e', 'homes');

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'go-pgo e2e',
  GIT_AUTHOR_EMAIL: 'e2e@go-pgo.invalid',
  GIT_COMMITTER_NAME: 'go-pgo e2e',
  GIT_COMMITTER_EMAIL: 'e2e@go-pgo.invalid',
};

const NX_JSON = {
  $schema: './node_modules/nx/schemas/nx-schema.json',
  plugins: ['@go-pgo/nx'],
};

const GITIGNORE = ['node_modules', 'dist', '.nx/cache', '.nx/workspace-data', '.pgo/captures', ''].join('\n');

export class Workspace {
  readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly root: string,
    /** HOME of every process run here; Nx's shared cache is under its .nx/. */
    readonly home: string,
    /** Clones share the original's home; the original removes it. */
    private readonly ownsHome: boolean,
  ) {
    this.env = { ...baseEnv(), ...GIT_IDENTITY, HOME: home };
  }

  /** A workspace holding a copy of `fixture` (a Go monorepo; default the e2e fixture). */
  static async create(label: string, fixture: string = fixtureDir): Promise<Workspace> {
    if (!path.relative('/tmp', homesDir).startsWith('..')) {
      throw new Error(`HOME (${os.homedir()}) is under /tmp, where Nx 24 does not share its cache between checkouts: run the e2e tests with a HOME elsewhere.`);
    }
    await fs.mkdir(homesDir, { recursive: true });
    const workspace = new Workspace(
      await fs.mkdtemp(path.join(e2eTmpRoot, `ws-${label}-`)),
      await fs.mkdtemp(path.join(homesDir, `${label}-`)),
      true,
    );
    try {
      await workspace.populate(fixture);
    } catch (error) {
      await workspace.dispose();
      throw error;
    }
    return workspace;
  }

  private async populate(fixture: string): Promise<void> {
    const { dir: template } = publishedTemplate();
    for (const file of ['package.json', 'package-lock.json']) {
      await fs.copyFile(path.join(template, file), this.path(file));
    }
    // package.json installs from these tarballs: they are committed with the rest.
    await hardLink(path.join(template, 'packs'), this.path('packs'));
    await linkNodeModules(this.root);
    await fs.cp(fixture, this.root, { recursive: true });
    await this.write('nx.json', `${JSON.stringify(NX_JSON, null, 2)}\n`);
    await this.write('.gitignore', GITIGNORE);
    await this.exec('git', ['init', '-q', '-b', 'main']);
    await this.commitAll('Go monorepo fixture with @go-pgo/nx');
  }

  /** `npx nx …`: runs the workspace's own nx binary (what npx resolves to) with an argument array. */
  nx(args: readonly string[], options: NxRunOptions = {}): Promise<RunResult> {
    return this.exec(path.join(this.root, 'node_modules', '.bin', 'nx'), args, options);
  }

  /** Any other program, from the workspace root, in the workspace's environment. */
  exec(file: string, args: readonly string[], options: NxRunOptions = {}): Promise<RunResult> {
    return run(file, args, {
      cwd: this.root,
      env: { ...this.env, ...options.env },
      allowFailure: options.allowFailure,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Absolute path of a workspace-relative path. */
  path(relative: string): string {
    return path.join(this.root, relative);
  }

  read(relative: string): Promise<Buffer> {
    return fs.readFile(this.path(relative));
  }

  async write(relative: string, data: string | Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(this.path(relative)), { recursive: true });
    await fs.writeFile(this.path(relative), data);
  }

  async commitAll(message: string): Promise<void> {
    await this.exec('git', ['add', '-A']);
    await this.exec('git', ['commit', '-q', '-m', message]);
  }

  /** `git clone` of this workspace at another path, with the same installed node_modules. */
  async clone(label: string): Promise<Workspace> {
    const root = await fs.mkdtemp(path.join(e2eTmpRoot, `ws-${label}-`));
    await fs.rmdir(root); // git clone wants to create it
    await this.exec('git', ['clone', '-q', this.root, root]);
    await linkNodeModules(root);
    return new Workspace(root, this.home, false);
  }

  async dispose(): Promise<void> {
    if (keep) return;
    await fs.rm(this.root, { recursive: true, force: true });
    if (this.ownsHome) await fs.rm(this.home, { recursive: true, force: true });
  }
}

export const createWorkspace = (label: string, fixture?: string): Promise<Workspace> => Workspace.create(label, fixture);

/** Hard links, not a copy: a few seconds saved per workspace, and nothing writes into node_modules. */
async function linkNodeModules(root: string): Promise<void> {
  await hardLink(path.join(publishedTemplate().dir, 'node_modules'), path.join(root, 'node_modules'));
}

async function hardLink(from: string, to: string): Promise<void> {
  await run('cp', ['-al', from, to], { cwd: path.dirname(to), env: baseEnv() });
}
