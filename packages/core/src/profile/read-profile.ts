// Reads and decodes a profile file, turning every way that can fail into one ProfileReadError
// whose message names the file (as the user wrote it), says what is wrong and what to do.
import { GoPgoError } from '../errors/go-pgo-error';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decode, ProfileFormatError, type Profile } from '@go-pgo/pprof';

export class ProfileReadError extends GoPgoError {
  override readonly name = 'ProfileReadError';

  constructor(
    /** The path as given, for messages. */
    readonly file: string,
    /** An errno code (`ENOENT`) or a ProfileFormatError code (`truncated`). */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}

export interface ReadProfileResult {
  profile: Profile;
  /** Size of the file as stored (compressed or not). */
  size: number;
}

const ADVICE: Record<string, string> = {
  ENOENT: 'no such file: check the path',
  EISDIR: 'is a directory, not a profile file: give the path of a .pprof/.pgo file',
  ENOTDIR: 'a parent of this path is not a directory: check the path',
  EACCES: 'permission denied: make the file readable',
  EPERM: 'permission denied: make the file readable',
};

/** Reads `file` (relative to `cwd`) and decodes it. */
export async function readProfile(file: string, cwd: string = process.cwd()): Promise<ReadProfileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const message = ADVICE[code] ?? `cannot read the file (${code}): check the path and its permissions`;
    throw new ProfileReadError(file, code, message, { cause: error });
  }
  try {
    return { profile: decode(bytes), size: bytes.length };
  } catch (error) {
    if (error instanceof ProfileFormatError) throw new ProfileReadError(file, error.code, error.message, { cause: error });
    throw error;
  }
}
