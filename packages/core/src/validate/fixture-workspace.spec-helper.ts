// The validation tests' Go workspace (testdata/ws: cmd/alpha and cmd/beta, each with its own
// hot package, sharing internal/shared): copies of its sources, and real CPU profiles of both
// binaries, built and run with the installed Go toolchain once per content of the sources and
// Go version, cached under os.tmpdir() for every spec file and later run. alpha is built with
// -trimpath and beta without, so both forms of file names in profiles are exercised.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const fixtureWorkspaceDir = path.join(__dirname, 'testdata', 'ws');
export const BINARIES = ['alpha', 'beta'] as const;
export type FixtureBinary = (typeof BINARIES)[number];

const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
const cacheRoot = path.join(os.tmpdir(), 'go-pgo-validate-ws');

/** A fresh copy of the workspace in a temp dir; remove it with removeWorkspace. */
export async function copyWorkspace(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'go-pgo-validate-'));
  await fs.cp(fixtureWorkspaceDir, dir, { recursive: true });
  return dir;
}

export const removeWorkspace = (dir: string): Promise<void> => fs.rm(dir, { recursive: true, force: true });

let pending: Promise<Record<FixtureBinary, string>> | undefined;

/** Paths of one CPU profile per binary (about 1.5 CPU seconds each). */
export function workspaceProfiles(): Promise<Record<FixtureBinary, string>> {
  pending ??= loadOrGenerate();
  return pending;
}

async function loadOrGenerate(): Promise<Record<FixtureBinary, string>> {
  const dir = path.join(cacheRoot, await cacheKey());
  const profiles = Object.fromEntries(BINARIES.map((b) => [b, path.join(dir, `${b}.pb.gz`)])) as Record<FixtureBinary, string>;
  if (await exists(dir)) return profiles;
  await fs.mkdir(cacheRoot, { recursive: true });
  const work = await copyWorkspace();
  try {
    const out = path.join(work, 'out');
    await fs.mkdir(out);
    for (const binary of BINARIES) {
      const exe = path.join(work, 'bin', binary);
      await run('go', ['build', ...(binary === 'alpha' ? ['-trimpath'] : []), '-o', exe, `./cmd/${binary}`], work);
      await run(exe, ['-cpuprofile', path.join(out, `${binary}.pb.gz`), '-cpuseconds', '1.5'], work);
    }
    await fs.rename(out, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process put its result in place first: use that one.
      if (!(await exists(dir))) throw error;
    });
  } finally {
    await removeWorkspace(work);
  }
  return profiles;
}

async function cacheKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await run('go', ['env', 'GOVERSION', 'GOOS', 'GOARCH'], os.tmpdir()));
  for (const file of await listFiles(fixtureWorkspaceDir)) {
    hash.update(`${path.relative(fixtureWorkspaceDir, file)}\0`);
    hash.update(await fs.readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function run(file: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await promisify(execFile)(file, args, { cwd, env: goEnv, encoding: 'utf8' })).stdout;
  } catch (error) {
    throw new Error(`${[file, ...args].join(' ')} (in ${cwd}) failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat().sort();
}

const exists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false);
