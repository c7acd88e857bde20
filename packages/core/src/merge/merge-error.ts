// The typed error of pgo-merge: a capture directory that cannot be merged (no manifest, a
// corrupt profile, profiles of different kinds). The message names the file at fault.
import { GoPgoError } from '../errors/go-pgo-error';

export class CaptureMergeError extends GoPgoError {
  override readonly name = 'CaptureMergeError';
}
