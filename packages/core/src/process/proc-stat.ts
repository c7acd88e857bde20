// CPU time of processes from Linux's /proc, as `ps` and `top` read it: utime + stime of
// /proc/<pid>/stat in clock ticks (USER_HZ), which cover every thread of the process. A child's
// time is added to its parent's cutime + cstime once the parent has reaped it, which is how the
// CPU of a program that has already exited (a load generator) is known.
import { readdir, readFile } from 'node:fs/promises';
import execa from 'execa';

export interface ProcStat {
  /** utime + stime: user and system CPU of every thread, in clock ticks. */
  ticks: number;
  /** cutime + cstime: the same of the reaped children. */
  childTicks: number;
}

let ticksPerSecond: number | undefined;

/** USER_HZ, from `getconf CLK_TCK` (100 on every Linux the kernel ships for, the fallback). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const said = Number(execa.sync('getconf', ['CLK_TCK'], { reject: false }).stdout);
    ticksPerSecond = Number.isSafeInteger(said) && said > 0 ? said : 100;
  }
  return ticksPerSecond;
}

/** /proc/<pid>/stat (pid 'self': this process); rejects when the process is gone. */
export async function readProcStat(pid: number | 'self'): Promise<ProcStat> {
  return parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
}

async function readThreadStat(pid: number, tid: string): Promise<ProcStat> {
  return parseProcStat(await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
}

/** The fields after the command name, which is in parentheses and may itself hold ')' or spaces. */
export function parseProcStat(text: string): ProcStat {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of proc(5), counted from 1 with pid and comm first: here from index 0 = field 3.
  const field = (n: number): number => Number(fields[n - 3]);
  return { ticks: field(14) + field(15), childTicks: field(16) + field(17) };
}

/** CPU ticks of each thread of `pid` now, by thread id; threads that end while being read are left out. */
export async function threadTicks(pid: number): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return ticks;
  }
  await Promise.all(
    tids.map(async (tid) => {
      try {
        ticks.set(Number(tid), (await readThreadStat(pid, tid)).ticks);
      } catch {
        // The thread (or the process) ended meanwhile.
      }
    }),
  );
  return ticks;
}

/** Whether this system has /proc/<pid>/stat to read. */
export async function hasProcStat(): Promise<boolean> {
  try {
    await readProcStat('self');
    return true;
  } catch {
    return false;
  }
}
