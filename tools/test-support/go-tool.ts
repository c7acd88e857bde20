// The Go toolchain as the test oracle: `go tool pprof` and `go tool preprofile`, run with
// argument arrays. Results are what the real tools print; tests compare ours against them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAX_BUFFER = 512 * 1024 * 1024;

export function go(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync('go', args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `go tool pprof -raw -symbolize=none <file>`: a textual dump of every sample and location. */
export function pprofRaw(file: string): string {
  return go(['tool', 'pprof', '-raw', '-symbolize=none', file]);
}

/** `go tool pprof -proto -symbolize=none <files…>`: Go's own merge, as bytes. */
export function pprofMerge(files: string[]): Buffer {
  return execFileSync('go', ['tool', 'pprof', '-proto', '-symbolize=none', ...files], {
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `go tool preprofile` output for a profile: what the compiler would read. */
export function preprofile(file: string): Buffer {
  return execFileSync('go', ['tool', 'preprofile', '-i', file], {
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `fn` with bytes written to a temporary file, removed afterwards. */
export function withTempFile<T>(bytes: Uint8Array, fn: (file: string) => T, name = 'profile.pb.gz'): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-test-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PreprofileEdge {
  caller: string;
  callee: string;
  /** Call site line minus the caller's start_line. */
  offset: number;
  weight: number;
}

/** The records of `go tool preprofile` output ("GO PREPROFILE V1", then caller, callee, "offset weight" per edge). */
export function preprofileEdges(text: string): PreprofileEdge[] {
  const lines = text.split('\n');
  if (lines[0] !== 'GO PREPROFILE V1') throw new Error(`not preprofile output: ${text.slice(0, 200)}`);
  const edges: PreprofileEdge[] = [];
  for (let i = 1; i + 2 < lines.length; i += 3) {
    const [offset, weight] = lines[i + 2]!.split(' ').map(Number);
    edges.push({ caller: lines[i]!, callee: lines[i + 1]!, offset: offset!, weight: weight! });
  }
  return edges;
}
