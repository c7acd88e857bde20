// The typed error of the profile transforms (scale, compact, rename, noInline): an option that
// cannot work, or a profile the transform cannot apply to. Merge has its own MergeError.

export type TransformErrorCode = 'invalid-option' | 'not-pgo-profile' | 'no-start-line' | 'value-out-of-range';

export class TransformError extends Error {
  override readonly name = 'TransformError';
  readonly code: TransformErrorCode;
  /** The option at fault, e.g. `keepFrames` or `rules[2].from`, when there is one. */
  readonly option?: string;

  constructor(code: TransformErrorCode, message: string, option?: string) {
    super(message);
    this.code = code;
    if (option !== undefined) this.option = option;
  }
}
