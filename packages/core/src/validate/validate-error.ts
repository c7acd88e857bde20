// Expected failures of validation that are not a failed gate: a binary directory that is not a
// binary of the workspace, a source file that does not scan. (Unreadable or malformed profiles
// are ProfileReadErrors.) A failed gate is a report with failed checks, not an exception.
import { GoPgoError } from '../errors/go-pgo-error';

export class PgoValidateError extends GoPgoError {
  override readonly name = 'PgoValidateError';
}
