// Our packages installed the way a user gets them: `npm pack` tarballs of the built packages,
// installed with the latest Nx from the registry into a template directory that every e2e
// workspace copies (node_modules as hard links). The template is keyed on the tarballs' bytes,
// the Nx version and Node's, so an unchanged build reuses the previous run's install.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../tools/test-support/repo-root';
import { baseEnv } from './env';
import { run } from './run';

export interface InstalledTemplate {
  /** Holds package.json, package-lock.json, packs/*.tgz and node_modules. */
  dir: string;
  nxVersion: string;
}

/** Everything the e2e tests write lives under here. */
export const e2eTmpRoot = path.join(os.tmpdir(), 'go-pgo-e2e');

/** In the order npm pack is asked for them; @go-pgo/nx is what a user installs. */
const PACKAGES = ['pprof', 'core', 'nx'] as const;
type PackageDir = (typeof PACKAGES)[number];
const templatesDir = path.join(e2eTmpRoot, 'templates');
const INSTALL_TIMEOUT_MS = 300_000;
/**
 * Every rebuild of a package makes a new template (~90 MB). Unused ones go after an hour: long
 * enough for a concurrent run still creating workspaces from one; workspaces already created
 * hold hard links and do not mind.
 */
const STALE_TEMPLATE_MS = 3600_000;

const TEMPLATE_DIR_VARIABLE = 'GO_PGO_E2E_TEMPLATE';
const NX_VERSION_VARIABLE = 'GO_PGO_E2E_NX_VERSION';

/** Builds, packs and installs once per run; Jest's globalSetup calls it before any worker starts. */
export async function prepareTemplate(): Promise<InstalledTemplate> {
  const env = baseEnv();
  // Incremental: fast when dist/ is up to date.
  await run('npm', ['run', 'build'], { cwd: repoRoot, env, timeoutMs: INSTALL_TIMEOUT_MS });
  await fs.mkdir(templatesDir, { recursive: true });
  const packs = await fs.mkdtemp(path.join(e2eTmpRoot, 'packs-'));
  try {
    const tarballs = await pack(packs, env);
    const nxVersion = (await run('npm', ['view', 'nx', 'version'], { cwd: e2eTmpRoot, env })).stdout.trim();
    const dir = path.join(templatesDir, await templateKey(packs, tarballs, nxVersion));
    if (await exists(dir)) {
      const now = new Date();
      await fs.utimes(dir, now, now); // in use: not stale
    } else {
      await install(dir, packs, tarballs, nxVersion, env);
    }
    await removeStaleTemplates(dir);
    return { dir, nxVersion };
  } finally {
    await fs.rm(packs, { recursive: true, force: true });
  }
}

/** Hands the template to the test workers through their inherited environment. */
export function publishTemplate(template: InstalledTemplate): void {
  process.env[TEMPLATE_DIR_VARIABLE] = template.dir;
  process.env[NX_VERSION_VARIABLE] = template.nxVersion;
}

export function publishedTemplate(): InstalledTemplate {
  const dir = process.env[TEMPLATE_DIR_VARIABLE];
  const nxVersion = process.env[NX_VERSION_VARIABLE];
  if (!dir || !nxVersion) {
    throw new Error(
      `${TEMPLATE_DIR_VARIABLE} is not set: run the e2e tests through e2e/jest.config.js (its globalSetup builds, ` +
        'packs and installs the packages), e.g. `npx jest -c e2e/jest.config.js`.',
    );
  }
  return { dir, nxVersion };
}

/** File name of each package's tarball, by package directory. */
type Tarballs = Record<PackageDir, string>;

async function pack(destination: string, env: NodeJS.ProcessEnv): Promise<Tarballs> {
  const workspaces = PACKAGES.flatMap((dir) => ['--workspace', `packages/${dir}`]);
  const { stdout } = await run('npm', ['pack', ...workspaces, '--pack-destination', destination, '--json'], {
    cwd: repoRoot,
    env,
  });
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  const tarballs = {} as Tarballs;
  for (const dir of PACKAGES) {
    const entry = packed.find((p) => p.name === `@go-pgo/${dir}`);
    if (!entry) throw new Error(`npm pack did not report @go-pgo/${dir}: ${stdout}`);
    tarballs[dir] = entry.filename;
  }
  return tarballs;
}

async function templateKey(packs: string, tarballs: Tarballs, nxVersion: string): Promise<string> {
  const hash = createHash('sha256').update(`nx@${nxVersion} node@${process.version}\0`);
  for (const dir of PACKAGES) hash.update(await fs.readFile(path.join(packs, tarballs[dir])));
  return hash.digest('hex').slice(0, 16);
}

/**
 * What a user's package.json would say after `npm i -D nx @go-pgo/nx`, except that overrides
 * point our other packages at their tarballs instead of the registry.
 */
function workspacePackageJson(tarballs: Tarballs, nxVersion: string): object {
  const file = (dir: PackageDir): string => `file:packs/${tarballs[dir]}`;
  return {
    name: 'go-pgo-e2e-workspace',
    version: '0.0.0',
    private: true,
    devDependencies: { nx: nxVersion, '@go-pgo/nx': file('nx') },
    overrides: { '@go-pgo/core': file('core'), '@go-pgo/pprof': file('pprof') },
  };
}

async function install(
  dir: string,
  packs: string,
  tarballs: Tarballs,
  nxVersion: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const work = await fs.mkdtemp(`${dir}.tmp-`);
  try {
    await fs.cp(packs, path.join(work, 'packs'), { recursive: true });
    await fs.writeFile(path.join(work, 'package.json'), `${JSON.stringify(workspacePackageJson(tarballs, nxVersion), null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: work,
      env,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    await fs.rename(work, dir);
  } catch (error) {
    // A concurrent run installed the same key first: its result is as good as ours.
    const lostRace = ['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '');
    if (!(lostRace && (await exists(dir)))) throw error;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function removeStaleTemplates(current: string): Promise<void> {
  for (const entry of await fs.readdir(templatesDir)) {
    const dir = path.join(templatesDir, entry);
    if (dir === current) continue;
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > STALE_TEMPLATE_MS) await fs.rm(dir, { recursive: true, force: true });
  }
}

const exists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false);
