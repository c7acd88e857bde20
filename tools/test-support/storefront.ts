// For tests and benchmarks: the example storefront service (examples/services, real Go with
// net/http/pprof) and its load generator, built once per content of their sources and Go
// version into os.tmpdir(), then started as real processes on 127.0.0.1 with port 0.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './repo-root';

export const SERVICES = path.join(repoRoot, 'examples', 'services');
/** examples/go.work also lists modules other people own; the service needs only its own. */
const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
/** A cold Go build cache on 2 busy cores. */
export const BUILD_TIMEOUT_MS = 180_000;

export interface Binaries {
  storefront: string;
  loadgen: string;
}

/** Builds (or reuses) the storefront and loadgen binaries. */
export function buildServices(): Binaries {
  const hash = createHash('sha256').update(execFileSync('go', ['version'], { env: goEnv }));
  for (const file of goFiles(SERVICES)) hash.update(path.relative(SERVICES, file)).update(readFileSync(file));
  const dir = path.join(os.tmpdir(), `go-pgo-storefront-${hash.digest('hex').slice(0, 16)}`);
  const binaries = { storefront: path.join(dir, 'storefront'), loadgen: path.join(dir, 'loadgen') };
  if (existsSync(binaries.loadgen)) return binaries;
  // Built beside, then renamed: a concurrent spec file sees both binaries or none.
  const temp = mkdtempSync(`${dir}.tmp-`);
  execFileSync('go', ['build', '-o', temp + path.sep, './cmd/storefront', './loadgen'], { cwd: SERVICES, env: goEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true });
  }
  return binaries;
}

function goFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return goFiles(file);
      return name.endsWith('.go') || name === 'go.mod' ? [file] : [];
    });
}

export interface RunningService {
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts one storefront on 127.0.0.1:0 and waits for its `listening on` line. */
export async function startStorefront(binaries: Binaries): Promise<RunningService> {
  const child = spawn(binaries.storefront, ['-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]!);
      else reject(new Error(`storefront printed '${line}' first`));
    });
    void exited.then(() => reject(new Error('storefront exited before listening')));
  });
  return { url, process: child, exited };
}

/** Drives `urls` until stopped with stopAll(); `concurrency` workers share the URLs round-robin. */
export function startLoadgen(binaries: Binaries, urls: string[], concurrency = 2): ChildProcess {
  const child = spawn(binaries.loadgen, ['-c', String(concurrency), '-pause', '2ms', ...urls], { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Kills every process started here and waits for them. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
