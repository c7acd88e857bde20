// Encodes a profile (gzip, as Go writes them) and writes it atomically.
import { encode, type EncodeOptions, type Profile } from '@go-pgo/pprof';
import { atomicWrite } from '../fs/atomic-write';

/** Writes `profile` to `file` (relative to `cwd`); returns the number of bytes written. */
export async function writeProfile(file: string, profile: Profile, cwd: string = process.cwd(), encoding: EncodeOptions = {}): Promise<number> {
  const bytes = encode(profile, encoding);
  await atomicWrite(file, bytes, cwd);
  return bytes.length;
}
