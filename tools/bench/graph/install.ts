// One install per build of our packages, reused across runs: the latest nx, our packages as
// `npm pack` tarballs (what a user gets), and the latest @nx-go/nx-go as the reference plugin.
// The e2e harness (e2e/src/support/packages.ts) does the same for nx + ours, but it lives
// outside tools/bench's rootDir, so it cannot be imported from here; this adds nx-go.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/repo-root';
import { benchRoot, exec } from './process';

export interface Install {
  /** Holds package.json and node_modules. */
  dir: string;
  nxVersion: string;
  nxGoVersion: string;
}

const PACKAGES = ['pprof', 'core', 'nx'] as const;
type PackageDir = (typeof PACKAGES)[number];

export function prepareInstall(env: NodeJS.ProcessEnv): Install {
  const packs = mkdtempSync(path.join(benchRoot, 'packs-'));
  try {
    const tarballs = pack(packs, env);
    const nxVersion = latest('nx', env);
    const nxGoVersion = latest('@nx-go/nx-go', env);
    const hash = createHash('sha256').update(`nx@${nxVersion} @nx-go/nx-go@${nxGoVersion} node@${process.version}\0`);
    for (const dir of PACKAGES) hash.update(readFileSync(path.join(packs, tarballs[dir])));
    const dir = path.join(benchRoot, `install-${hash.digest('hex').slice(0, 16)}`);
    if (!existsSync(dir)) install(dir, packs, tarballs, nxVersion, nxGoVersion, env);
    return { dir, nxVersion, nxGoVersion };
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
}

function latest(name: string, env: NodeJS.ProcessEnv): string {
  return exec('npm', ['view', name, 'version'], { cwd: benchRoot, env }).stdout.trim();
}

function pack(destination: string, env: NodeJS.ProcessEnv): Record<PackageDir, string> {
  const workspaces = PACKAGES.flatMap((dir) => ['--workspace', `packages/${dir}`]);
  const { stdout } = exec('npm', ['pack', ...workspaces, '--pack-destination', destination, '--json'], { cwd: repoRoot, env });
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  const tarballs = {} as Record<PackageDir, string>;
  for (const dir of PACKAGES) {
    const entry = packed.find((p) => p.name === `@go-pgo/${dir}`);
    if (!entry) throw new Error(`npm pack did not report @go-pgo/${dir}: ${stdout}`);
    tarballs[dir] = entry.filename;
  }
  return tarballs;
}

function install(
  dir: string,
  packs: string,
  tarballs: Record<PackageDir, string>,
  nxVersion: string,
  nxGoVersion: string,
  env: NodeJS.ProcessEnv,
): void {
  const work = `${dir}.tmp-${process.pid}`;
  mkdirSync(path.join(work, 'packs'), { recursive: true });
  try {
    for (const pkg of PACKAGES) writeFileSync(path.join(work, 'packs', tarballs[pkg]), readFileSync(path.join(packs, tarballs[pkg])));
    const file = (pkg: PackageDir): string => `file:packs/${tarballs[pkg]}`;
    const packageJson = {
      name: 'go-pgo-bench-graph',
      version: '0.0.0',
      private: true,
      devDependencies: { nx: nxVersion, '@go-pgo/nx': file('nx'), '@nx-go/nx-go': nxGoVersion },
      overrides: { '@go-pgo/core': file('core'), '@go-pgo/pprof': file('pprof') },
    };
    writeFileSync(path.join(work, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    // @nx-go/nx-go declares @nx/devkit < 23; it still loads beside a newer nx.
    exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--legacy-peer-deps'], { cwd: work, env });
    renameSync(work, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
