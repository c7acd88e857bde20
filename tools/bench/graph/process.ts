// Child processes of the graph benchmark: argument arrays, a complete environment, wall time.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Everything the benchmark writes (installs, workspaces, results) lives under here. */
export const benchRoot = path.join(os.tmpdir(), 'go-pgo-bench-graph');
mkdirSync(benchRoot, { recursive: true });

export interface ExecResult {
  stdout: string;
  /** stdout then stderr: Nx's perf log goes to stderr. */
  output: string;
  ms: number;
}

export interface ExecOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const TIMEOUT_MS = 600_000;

/** Runs a program to completion; throws with its output when it fails. */
export function exec(file: string, args: readonly string[], options: ExecOptions): ExecResult {
  const started = performance.now();
  const child = spawnSync(file, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  const ms = performance.now() - started;
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  if (child.error || child.status !== 0) {
    const why = child.error ? child.error.message : `exited with ${child.status ?? child.signal}`;
    throw new Error(`\`${[file, ...args].join(' ')}\` (in ${options.cwd}) ${why}\n${output.slice(-6000)}`);
  }
  return { stdout: child.stdout, output, ms };
}
