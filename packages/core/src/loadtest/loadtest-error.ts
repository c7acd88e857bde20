// The typed errors of pgo-loadtest and pgo-canary. LoadtestError: the run could not be made.
// ServiceGateError: it was made and written, and a gate says PGO made the service worse; it
// carries the run so a caller can still show it.
import { CodedError, GoPgoError } from '../errors/go-pgo-error';
import type { GateResult } from '../bench/bench-types';

export type LoadtestErrorCode =
  /** A setting or option that cannot be right (no load configured, no placeholder, a bad request file). */
  | 'bad-option'
  /** This system has no /proc to read CPU time from. */
  | 'unsupported'
  /** A server did not start, did not become healthy, or died during the run. */
  | 'server-failed'
  /** The load generator failed, or too many requests did. */
  | 'load-failed'
  /** Stopped by the caller's AbortSignal (Ctrl-C). */
  | 'aborted';

export class LoadtestError extends CodedError<LoadtestErrorCode> {
  override readonly name = 'LoadtestError';
}

export class ServiceGateError<Run extends { project: string }> extends GoPgoError {
  override readonly name = 'ServiceGateError';

  constructor(
    readonly run: Run,
    readonly failed: GateResult[],
  ) {
    super(`${run.project}: PGO failed ${failed.length === 1 ? 'a gate' : `${failed.length} gates`}: ${failed.map((g) => g.message).join('; ')}`);
  }
}

/** What an abort (Ctrl-C) ends the run with: the caller's signal, not a failure of the service. */
export function stoppedError(cause?: unknown): LoadtestError {
  return new LoadtestError('aborted', 'pgo-loadtest was stopped before it finished: nothing was written', cause === undefined ? undefined : { cause });
}
