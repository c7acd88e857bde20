// Field paths in ProfileFormatError, added on the way out: readers and writers of nested
// messages throw with the path below them (`function_id`), each enclosing message prefixes
// its own segment (`location[12].line[0].function_id`), so a path costs nothing unless
// something is wrong.
import { ProfileFormatError } from './errors';

/** `error` with `segment` prefixed to its field path (and its message); other errors unchanged. */
export function within(error: unknown, segment: string): unknown {
  if (!(error instanceof ProfileFormatError)) return error;
  const where = error.where === undefined ? segment : `${segment}.${error.where}`;
  const message =
    error.where !== undefined && error.message.startsWith(error.where)
      ? where + error.message.slice(error.where.length)
      : `${where}: ${error.message}`;
  return new ProfileFormatError(error.code, message, { offset: error.offset, where });
}
