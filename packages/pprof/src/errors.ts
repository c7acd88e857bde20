// Typed errors of @go-pgo/pprof. Callers branch on `code`; the message is for people and says
// what is wrong, where, and what to do.

export type ProfileErrorCode =
  | 'empty'
  | 'legacy-format'
  | 'concatenated'
  | 'reserved-id'
  | 'dangling-id'
  | 'duplicate-id'
  | 'string-index'
  | 'truncated'
  | 'malformed'
  | 'gzip'
  | 'value-out-of-range';

/** Bytes that are not a valid pprof profile. */
export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
  readonly code: ProfileErrorCode;
  /** Byte offset in the decompressed protobuf, when the problem has one. */
  readonly offset?: number;
  /** Field path such as `location[12].line[0].function_id`, when the problem has one. */
  readonly where?: string;

  constructor(code: ProfileErrorCode, message: string, position: { offset?: number; where?: string } = {}) {
    super(message);
    this.code = code;
    if (position.offset !== undefined) this.offset = position.offset;
    if (position.where !== undefined) this.where = position.where;
  }
}

export type MergeErrorCode = 'incompatible' | 'no-inputs' | 'zero-duration' | 'bad-weights';

/** Profiles (or merge options) that cannot be merged. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
  readonly code: MergeErrorCode;

  constructor(code: MergeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
