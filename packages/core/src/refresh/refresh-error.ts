// A refresh that cannot go on: another refresh of the project holds the lock, or the candidate
// failed validation. (Capture, merge, validation and git failures keep their own classes.)
import { GoPgoError } from '../errors/go-pgo-error';

export class RefreshError extends GoPgoError {
  override readonly name = 'RefreshError';
}
