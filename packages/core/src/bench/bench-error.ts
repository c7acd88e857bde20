// The typed errors of pgo-bench. BenchError: the run could not be made (bad option, no
// benchmarks, go test failed, a corrupt history). BenchGateError: the run was made and written,
// and a gate says PGO made things worse; it carries the run so a caller can still show it.
import { CodedError, GoPgoError } from '../errors/go-pgo-error';
import type { BenchRun, GateResult } from './bench-types';

export type BenchErrorCode =
  /** An option or setting that cannot be right (no packages, count < 1, no profile…). */
  | 'bad-option'
  /** A package pattern matched no package with tests, or a benchmark ran on one side only. */
  | 'no-benchmarks'
  /** `go list`, `go test -c` or a test binary failed. */
  | 'go-failed'
  /** `.pgo/history/<project>.jsonl` has a line that is not a history row. */
  | 'corrupt-history'
  /** Stopped by the caller's AbortSignal. */
  | 'aborted';

export class BenchError extends CodedError<BenchErrorCode> {
  override readonly name = 'BenchError';
}

export class BenchGateError extends GoPgoError {
  override readonly name = 'BenchGateError';

  constructor(
    /** The run as written to bench.json, with `accepted: false`. */
    readonly run: BenchRun,
    /** The gates that failed, each with its one-line message. */
    readonly failed: GateResult[],
  ) {
    super(`${run.project}: PGO failed ${failed.length === 1 ? 'a gate' : `${failed.length} gates`}: ${failed.map((g) => g.message).join('; ')}`);
  }
}
