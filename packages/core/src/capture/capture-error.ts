// Expected failures of a capture run as a whole (one instance failing is an InstanceCaptureError
// in source.ts, recorded in the manifest): quorum missed, run interrupted, a source that cannot
// be opened.
import { GoPgoError } from '../errors/go-pgo-error';

export type CaptureErrorCode = 'quorum' | 'interrupted' | 'source';

export class CaptureError extends GoPgoError {
  override readonly name = 'CaptureError';

  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    /** The manifest written for the failed run, when there is one. */
    readonly manifest?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A source that cannot list its instances (kubectl missing, no pod matches, no file matches). */
export class SourceOpenError extends GoPgoError {
  override readonly name = 'SourceOpenError';

  constructor(
    /** The configured source name. */
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
