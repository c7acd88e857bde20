// The typed error of pgo-build. Callers branch on `code`; the message is one line that names
// the file or option at fault and says what to do.
import { CodedError } from '../errors/go-pgo-error';
export type PgoBuildErrorCode =
  /** An option that cannot be right (a package path outside the module, -o in the extra flags…). */
  | 'bad-option'
  /** A profile named by an option or pgo.yaml does not exist. */
  | 'missing-profile'
  /** The profile exists but does not decode, or `go build -pgo` would reject it. */
  | 'unusable-profile'
  /** `go build` itself failed (its own messages were streamed before). */
  | 'go-build-failed';

export class PgoBuildError extends CodedError<PgoBuildErrorCode> {
  override readonly name = 'PgoBuildError';
}
