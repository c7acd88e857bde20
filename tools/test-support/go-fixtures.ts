// Real Go CPU profiles for tests: the small programs under fixtures/go are built and run with
// the installed Go toolchain, each profiling itself. The profiles are generated once per
// content of the Go sources and Go version, and cached under os.tmpdir() so that every test
// file, Jest worker and later run reuses them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root';

export interface FixtureProfile {
  /** e.g. `shapes`, `shapes-3s`. */
  name: string;
  path: string;
  bytes: Buffer;
  /**
   * CPU time the program burned under the profiler. On an idle machine the samples add up to
   * about this (200 Hz) and the profile's duration equals it; on a busy one Linux drops some
   * samples and the wall time grows, so tests that need exact figures read the profile.
   */
  seconds: number;
}

/** Where the Go programs live; validation tests may need their sources. */
export const goFixturesDir = path.join(repoRoot, 'tools', 'test-support', 'fixtures', 'go');

/** Generous enough for a cold Go build cache on a busy 2-core machine; use it in beforeAll. */
export const FIXTURE_TIMEOUT_MS = 180_000;

interface FixtureRun {
  name: string;
  /** Directory of the program under fixtures/go. */
  program: string;
  seconds: number;
}

const RUNS: readonly FixtureRun[] = [
  { name: 'shapes', program: 'shapes', seconds: 1.5 },
  { name: 'closures', program: 'closures', seconds: 1.5 },
  { name: 'labels', program: 'labels', seconds: 1.5 },
  { name: 'service', program: 'service', seconds: 1.5 },
  // One program at two durations, for merges with normalize: 'duration'.
  { name: 'shapes-1s', program: 'shapes', seconds: 1 },
  { name: 'shapes-3s', program: 'shapes', seconds: 3 },
];

/** The machine has 2 cores; more programs at once would only starve each other of samples. */
const PARALLEL_RUNS = 2;
const cacheRoot = path.join(os.tmpdir(), 'go-pgo-fixtures');
/** A lock held this long is taken to be stuck; generating anyway is safe (see generateOnce). */
const STALE_LOCK_MS = FIXTURE_TIMEOUT_MS / 2;
const LOCK_POLL_MS = 200;
/** Keeps a go.work or a newer `go` line elsewhere from changing what gets built. */
const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local' };

let pending: Promise<FixtureProfile[]> | undefined;

/** Every fixture profile, generated on first use (a few seconds) and cached afterwards. */
export function fixtureProfiles(): Promise<FixtureProfile[]> {
  pending ??= loadOrGenerate(RUNS).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/**
 * `count` captures of the `service` program, one per simulated instance of a fleet (1 CPU
 * second each): what a fleet-wide capture hands to merge. For benchmarks; cached like the rest.
 */
export function fleetProfiles(count: number): Promise<FixtureProfile[]> {
  return loadOrGenerate(
    Array.from({ length: count }, (_, i) => ({ name: `service-instance-${i}`, program: 'service', seconds: 1 })),
  );
}

/** One fixture profile by name. */
export async function fixtureProfile(name: string): Promise<FixtureProfile> {
  const found = (await fixtureProfiles()).find((p) => p.name === name);
  if (!found) throw new Error(`no Go fixture profile named '${name}'; known: ${RUNS.map((r) => r.name).join(', ')}`);
  return found;
}

async function loadOrGenerate(runs: readonly FixtureRun[]): Promise<FixtureProfile[]> {
  const dir = path.join(cacheRoot, await cacheKey(runs));
  if (!(await exists(dir))) await generateOnce(dir, runs);
  return Promise.all(
    runs.map(async ({ name, seconds }) => {
      const file = profilePath(dir, name);
      return { name, path: file, bytes: await fs.readFile(file), seconds };
    }),
  );
}

/** Sources, Go version and platform, and the run list: everything the profiles depend on. */
async function cacheKey(runs: readonly FixtureRun[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await run('go', ['env', 'GOVERSION', 'GOOS', 'GOARCH']));
  hash.update(JSON.stringify(runs));
  for (const file of await listFiles(goFixturesDir)) {
    hash.update(`${path.relative(goFixturesDir, file)}\0`);
    hash.update(await fs.readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Generates into `dir` unless another process is already doing it, in which case this waits
 * for its result. The rename in generate() keeps it correct even if two processes generate
 * (both took a stale lock away): the first rename wins and the other result is dropped.
 */
async function generateOnce(dir: string, runs: readonly FixtureRun[]): Promise<void> {
  await fs.mkdir(cacheRoot, { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await exists(dir)) return;
    if (await isStale(lock)) await fs.rm(lock, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    if (!(await exists(dir))) await generate(dir, runs);
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/** The lock's owner has exited (killed mid-generation) or has held it for far too long. */
async function isStale(lock: string): Promise<boolean> {
  const [owner, stat] = await Promise.all([fs.readFile(lock, 'utf8').catch(() => ''), fs.stat(lock).catch(() => undefined)]);
  if (!stat) return false; // released just now: the next attempt takes it
  if (Date.now() - stat.mtimeMs > STALE_LOCK_MS) return true;
  const pid = Number(owner);
  if (!Number.isInteger(pid) || pid <= 0) return false; // being written
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function generate(dir: string, runs: readonly FixtureRun[]): Promise<void> {
  const work = await fs.mkdtemp(`${dir}.tmp-`);
  try {
    const bin = path.join(work, 'bin');
    const programs = [...new Set(runs.map((r) => r.program))];
    await run('go', ['build', '-trimpath', '-o', bin + path.sep, ...programs.map((p) => `./${p}`)], {
      cwd: goFixturesDir,
    });
    // Longest first, so the two lanes finish close together.
    const queue = [...runs].sort((a, b) => b.seconds - a.seconds);
    const lane = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const exe = path.join(bin, next.program + (process.platform === 'win32' ? '.exe' : ''));
        await run(exe, ['-cpuprofile', profilePath(work, next.name), '-cpuseconds', String(next.seconds)]);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_RUNS }, lane));
    await fs.rm(bin, { recursive: true });
    await fs.rename(work, dir);
  } catch (error) {
    // Another process renamed its complete result into place first: use that one.
    const lostRace = ['EEXIST', 'ENOTEMPTY', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');
    if (!(lostRace && (await exists(dir)))) throw error;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

const profilePath = (dir: string, name: string): string => path.join(dir, `${name}.pb.gz`);

async function run(file: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, args, { ...options, env: goEnv, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT' && file === 'go') {
      throw new Error(
        'Go toolchain not found: `go` is not on PATH. The Go fixture profiles are made by building and running ' +
          `the programs in ${goFixturesDir}; install Go 1.22 or newer and put it on PATH.`,
      );
    }
    const where = options.cwd ? ` (in ${options.cwd})` : '';
    throw new Error(`${[file, ...args].join(' ')}${where} failed: ${failure.stderr?.trim() || failure.message}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat().sort();
}

const exists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false);
