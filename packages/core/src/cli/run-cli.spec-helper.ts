// For specs: runs the CLI in process, in a scratch directory, and captures what it prints.
// Named *.spec-helper.ts so Jest does not run it as a suite and the npm package leaves it out
// (it uses no Jest globals, because `tsc -b` compiles it with the product code).
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from './command';
import { main } from './main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  const run: CliRun = { code: -1, stdout: '', stderr: '' };
  run.code = await main(argv, {
    stdout: { write: (chunk: string) => (run.stdout += chunk) },
    stderr: { write: (chunk: string) => (run.stderr += chunk) },
    cwd,
  });
  return run;
}

/** A fresh empty directory for one test; the spec removes it in afterEach. */
export function scratchDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'go-pgo-cli-'));
}

/** The names in `dir`, sorted: to check that no temp file was left behind. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A CliIo whose output stays in `out`, for commands run in process. */
export interface CapturedIo extends CliIo {
  out: { stdout: string; stderr: string };
}

export function captureIo(cwd: string): CapturedIo {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    cwd,
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
  };
}
