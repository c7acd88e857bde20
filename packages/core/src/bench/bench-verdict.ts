// A gated run (pgo-bench, pgo-loadtest, pgo-canary) as the CLI and the Nx executors show it: a
// breached gate still has a run to show (its tables, the gates), so it comes back beside that run
// for the caller to print before failing, and the progress line is closed either way.
import { BenchGateError } from './bench-error';
import type { BenchRun } from './bench-types';
import { runPgoBench, type BenchFiles, type RunPgoBenchOptions } from './run-bench';

/** What comes back: the run, the full result unless a gate failed, and the gate error to throw after showing the run. */
export interface GateVerdict<Result extends { run: unknown }, GateError> {
  run: Result['run'];
  result?: Result;
  gateError?: GateError;
}

export async function withGateVerdict<Result extends { run: unknown }, GateError extends Error & { run: Result['run'] }>(
  work: () => Promise<Result>,
  gateErrorClass: abstract new (...args: never[]) => GateError,
  progress: { done(line?: string): void },
  wrote: (result: Result) => string,
): Promise<GateVerdict<Result, GateError>> {
  try {
    const result = await work();
    progress.done(wrote(result));
    return { run: result.run, result };
  } catch (error) {
    progress.done();
    if (!(error instanceof gateErrorClass)) throw error;
    return { run: error.run, gateError: error };
  }
}

export interface BenchVerdict {
  run: BenchRun;
  /** benchstat's table; absent when a gate failed (bench-diff.txt is written all the same). */
  diff?: string;
  /** The breached gates; the caller throws it after showing the run. */
  gateError?: BenchGateError;
}

export async function benchWithVerdict(options: RunPgoBenchOptions, progress: { done(line?: string): void }, wrote: (files: BenchFiles) => string): Promise<BenchVerdict> {
  const verdict = await withGateVerdict(() => runPgoBench(options), BenchGateError, progress, (result) => wrote(result.files));
  return { run: verdict.run, ...(verdict.result === undefined ? {} : { diff: verdict.result.diff }), ...(verdict.gateError === undefined ? {} : { gateError: verdict.gateError }) };
}
