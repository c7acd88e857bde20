// The failure of a whole remote capture source (Pyroscope, Parca, Cloud Profiler) before any of
// its instances exists: a window that is not a time, a profile listing the service refused.
// Failures of one instance are InstanceCaptureErrors instead (capture/source.ts).
import { GoPgoError } from '../errors/go-pgo-error';

export class RemoteSourceError extends GoPgoError {
  override readonly name = 'RemoteSourceError';
  /** Another try may work (the service was unreachable, 5xx, 429); false for what needs a fix. */
  readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}
