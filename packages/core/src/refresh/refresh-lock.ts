// One refresh per project at a time: `.pgo/locks/<project>.lock`, created with O_EXCL, holds the
// pid, host, start time and a random token of the refresh that owns it. A lock left by a process
// that is gone (same host, pid no longer running) is taken over with a note; a live one, or one
// from another host, refuses the refresh. Release removes the file only while it is still ours.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { workspaceRelative } from '../config/workspace-path';
import { RefreshError } from './refresh-error';

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
  token: string;
}

export interface RefreshLock {
  file: string;
  /** Set when a stale lock was taken over: one line for the person. */
  note: string | undefined;
  release(): Promise<void>;
}

export function refreshLockFile(workspaceRoot: string, project: string): string {
  return path.join(workspaceRoot, '.pgo', 'locks', `${project}.lock`);
}

export async function acquireRefreshLock(workspaceRoot: string, project: string, now: Date = new Date()): Promise<RefreshLock> {
  const file = refreshLockFile(workspaceRoot, project);
  const shown = workspaceRelative(workspaceRoot, file);
  const content: LockContent = { pid: process.pid, host: os.hostname(), startedAt: now.toISOString(), token: randomBytes(8).toString('hex') };
  await mkdir(path.dirname(file), { recursive: true });
  let note: string | undefined;
  if (!(await create(file, content))) {
    const holder = await readLock(file);
    if (holder !== undefined && !isStale(holder)) {
      throw new RefreshError(
        `${shown}: a refresh of ${project} is already running (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}): wait for it, or delete the lock if no refresh runs`,
      );
    }
    await unlink(file).catch(ignoreMissing);
    // Two takers of one stale lock: O_EXCL lets only one of them in.
    if (!(await create(file, content))) throw new RefreshError(`${shown}: another refresh of ${project} took the lock just now: wait for it`);
    note =
      holder === undefined
        ? `${shown}: replaced an unreadable lock file`
        : `${shown}: took over the lock of pid ${holder.pid} (since ${holder.startedAt}), which is no longer running`;
  }
  return {
    file,
    note,
    async release() {
      const current = await readLock(file);
      if (current?.token === content.token) await unlink(file).catch(ignoreMissing);
    },
  };
}

async function create(file: string, content: LockContent): Promise<boolean> {
  try {
    await writeFile(file, `${JSON.stringify(content)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's content; undefined when it is gone or not ours to read (treated as stale). */
async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt), token: parsed.token };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Only a lock of this host can be checked: its pid no longer runs. */
function isStale(lock: LockContent): boolean {
  if (lock.host !== os.hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid runs under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
