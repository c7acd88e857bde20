// Expected failures of pgo-roi: a figure that cannot be right, or no measured gain to work with.
import { CodedError } from '../errors/go-pgo-error';

export type RoiErrorCode =
  /** A number that is missing, not finite, or out of its range. */
  | 'bad-number'
  /** No accepted pgo-bench run in the history, and no --gain. */
  | 'no-gain';

export class RoiError extends CodedError<RoiErrorCode> {
  override readonly name = 'RoiError';
}
