// pgo-loadtest and pgo-canary as the CLI and the Nx executors show them (bench-verdict.ts): the
// run comes back with the breached gates, if any, to be thrown after the run is shown.
import { withGateVerdict, type GateVerdict } from '../bench/bench-verdict';
import { runPgoCanary, type PgoCanaryResult, type RunPgoCanaryOptions } from '../canary/run-canary';
import { ServiceGateError } from './loadtest-error';
import { runPgoLoadtest, type LoadtestFiles, type PgoLoadtestResult, type RunPgoLoadtestOptions } from './run-loadtest';

type Progress = { done(line?: string): void };

export function loadtestWithVerdict(options: RunPgoLoadtestOptions, progress: Progress, wrote: (files: LoadtestFiles) => string): Promise<GateVerdict<PgoLoadtestResult, ServiceGateError<PgoLoadtestResult['run']>>> {
  return withGateVerdict(() => runPgoLoadtest(options), ServiceGateError<PgoLoadtestResult['run']>, progress, (result) => wrote(result.files));
}

export function canaryWithVerdict(options: RunPgoCanaryOptions, progress: Progress, wrote: (files: PgoCanaryResult['files']) => string): Promise<GateVerdict<PgoCanaryResult, ServiceGateError<PgoCanaryResult['run']>>> {
  return withGateVerdict(() => runPgoCanary(options), ServiceGateError<PgoCanaryResult['run']>, progress, (result) => wrote(result.files));
}
