// The typed error of the profile configuration (pgo.yaml and where it points). The message
// starts with the file and, when known, its line and column, so editors and CI logs link to it.
import { GoPgoError } from '../errors/go-pgo-error';
export class PgoConfigError extends GoPgoError {
  override readonly name = 'PgoConfigError';

  constructor(
    /** pgo.yaml, workspace-relative with '/' separators. */
    readonly file: string,
    /** 1-based position in `file`, when the problem has one. */
    readonly position: { line: number; column: number } | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${message}`, options);
  }
}
