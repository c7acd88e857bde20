// The typed errors of pgo-canary: each names the Prometheus and the query concerned, and what to do.
import { CodedError } from '../errors/go-pgo-error';

export type CanaryErrorCode =
  /** A setting that cannot be right (no Prometheus, no selectors, a bad window). */
  | 'bad-option'
  /** Prometheus could not be reached, or answered with an error. */
  | 'unreachable'
  | 'query-failed'
  /** A query matched no series at all. */
  | 'empty-result'
  /** Too few steps where both deployments have data to conclude anything. */
  | 'too-few-steps';

export class CanaryError extends CodedError<CanaryErrorCode> {
  override readonly name = 'CanaryError';
}
