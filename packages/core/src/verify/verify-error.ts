// The typed error of pgo-verify: the binary cannot be checked, or it is not what it should be.
import { CodedError } from '../errors/go-pgo-error';
export type PgoVerifyErrorCode =
  /** The binary file is not there. */
  | 'missing-binary'
  /** `go version -m` finds no Go build information in it. */
  | 'not-go-binary'
  /** A profile is configured, but the binary was built without PGO. */
  | 'no-pgo'
  /** The binary was built with another profile than the configured one. */
  | 'other-profile';

export class PgoVerifyError extends CodedError<PgoVerifyErrorCode> {
  override readonly name = 'PgoVerifyError';
}
