// Expected failures of pgo-roi: a figure that cannot be right, or no measured gain to work with.
import { GoPgoError } from '../errors/go-pgo-error';

export type RoiErrorCode =
  /** A number that is missing, not finite, or out of its range. */
  | 'bad-number'
  /** No accepted pgo-bench run in the history, and no --gain. */
  | 'no-gain';

export class RoiError extends GoPgoError {
  override readonly name = 'RoiError';

  constructor(
    readonly code: RoiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
