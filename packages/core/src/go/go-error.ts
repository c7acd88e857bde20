// The typed error of the Go workspace scanner. Callers branch on `code`; the message names the
// file (relative to the workspace root when it is inside it) and line, says what is wrong and
// what to do.
import { GoPgoError } from '../errors/go-pgo-error';

export type GoScanErrorCode =
  /** go.mod / go.work / .go text that does not parse. */
  | 'syntax'
  /** A file or directory that exists but cannot be read. */
  | 'read'
  /** A go.work `use` or a local `replace` names a directory without a go.mod. */
  | 'missing-module'
  /** Two workspace modules replace the same module with different targets. */
  | 'conflicting-replace'
  /** An import path starting with ./ or ../, which module mode forbids. */
  | 'relative-import'
  /** A local import path whose directory does not exist. */
  | 'missing-package'
  /** A local import path whose directory has no Go file the build would use. */
  | 'no-go-files'
  /** The buildable files of one directory declare different packages. */
  | 'multiple-packages'
  /** A directory that is not inside any module of the workspace. */
  | 'not-in-workspace'
  /** A build option (GOOS, GOAMD64, a tag, a Go version) that is not valid. */
  | 'bad-option';

export class GoScanError extends GoPgoError {
  override readonly name = 'GoScanError';

  constructor(
    readonly code: GoScanErrorCode,
    /** The file or directory at fault, as it appears in the message. */
    readonly file: string | undefined,
    message: string,
    /** 1-based line in `file`, when the problem has one. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(file === undefined ? message : `${file}${line === undefined ? '' : `:${line}`}: ${message}`, options);
  }
}

/** A file-system failure on `file` (root-relative) as a GoScanError. */
export function readError(file: string, error: unknown): GoScanError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
  return new GoScanError('read', file, `cannot read (${code}): check that it exists and is readable`, undefined, { cause: error });
}
