// The base of every expected failure of core: bad input, an unusable source, a failed gate.
// The CLI prints its message as one line and exits 1; the Nx executors log it and fail the
// task. Anything else that escapes is a bug and is reported with its stack.
export class GoPgoError extends Error {}

/** An expected failure of a kind callers branch on (`code`), with a one-line message. */
export class CodedError<Code extends string> extends GoPgoError {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
