// pgo-bench as the CLI and the Nx executor show it: a breached gate still has a run to show
// (benchstat's table, the gates), so it comes back beside that run for the caller to print
// before failing, and the progress line is closed either way.
import { BenchGateError } from './bench-error';
import type { BenchRun } from './bench-types';
import { runPgoBench, type BenchFiles, type RunPgoBenchOptions } from './run-bench';

export interface BenchVerdict {
  run: BenchRun;
  /** benchstat's table; absent when a gate failed (bench-diff.txt is written all the same). */
  diff?: string;
  /** The breached gates; the caller throws it after showing the run. */
  gateError?: BenchGateError;
}

export async function benchWithVerdict(options: RunPgoBenchOptions, progress: { done(line?: string): void }, wrote: (files: BenchFiles) => string): Promise<BenchVerdict> {
  try {
    const { run, diff, files } = await runPgoBench(options);
    progress.done(wrote(files));
    return { run, diff };
  } catch (error) {
    progress.done();
    if (!(error instanceof BenchGateError)) throw error;
    return { run: error.run, gateError: error };
  }
}
