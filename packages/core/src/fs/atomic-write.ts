// Writes a file so that readers see either the old content or the complete new content, never
// a truncated mix: a crash or a failed write leaves the target exactly as it was.
import { GoPgoError } from '../errors/go-pgo-error';
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The output path the failed write was meant for, with the file-system error as its cause. */
export class OutputWriteError extends GoPgoError {
  override readonly name = 'OutputWriteError';

  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AtomicWriteOptions {
  /**
   * Whether the new content must survive a crash (fsync of the file and its directory, several
   * milliseconds each). False for a cache, which a crash may leave empty: its reader takes that
   * for a miss. Readers never see a mix either way. Default true.
   */
  durable?: boolean;
}

/** Writes `data` to `file` (relative to `cwd`); errors name `file` as given. */
export async function atomicWrite(file: string, data: Uint8Array | string, cwd: string = process.cwd(), { durable = true }: AtomicWriteOptions = {}): Promise<void> {
  const target = path.resolve(cwd, file);
  // Same directory as the target so rename() is atomic (no cross-device move); the random part
  // keeps concurrent writers of one target apart.
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      // Without fsync, a crash after rename() can leave the new name pointing at empty blocks.
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    created = false;
  } catch (error) {
    // A failed unlink must not hide the error that matters: the write failure.
    if (created) await unlink(temp).catch(() => undefined);
    throw toOutputWriteError(file, error);
  }
  if (durable) await syncDirectory(path.dirname(target));
}

/**
 * Makes the rename itself durable. Best effort: Windows and some file systems refuse fsync on a
 * directory, and by then the new content is complete and in place anyway.
 */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Nothing to undo: see above.
  }
}

const ADVICE: Record<string, string> = {
  ENOENT: 'its directory does not exist: create it or choose another output path',
  ENOTDIR: 'a parent of it is not a directory: choose another output path',
  EISDIR: 'it is a directory: give a file name',
  EACCES: 'permission denied: choose a writable location',
  EPERM: 'permission denied: choose a writable location',
  EROFS: 'the file system is read-only: choose a writable location',
  ENOSPC: 'no space left on the device: free some space and retry',
  EDQUOT: 'disk quota exceeded: free some space and retry',
};

/** File-system failures become an OutputWriteError; anything else is a bug and passes through. */
function toOutputWriteError(file: string, error: unknown): unknown {
  // Checked by shape, not instanceof: errors from Node's fs may come from another realm.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  const reason = ADVICE[code] ?? `write failed (${code}): check the output path and retry`;
  return new OutputWriteError(file, code, `${file}: cannot write the output: ${reason}`, { cause: error });
}
