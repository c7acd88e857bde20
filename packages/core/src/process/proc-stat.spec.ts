// /proc/<pid>/stat as the kernel writes it: the command name in parentheses may hold spaces and
// ')' itself, so fields are counted from the last ')'. Read for real from this process.
import { spawnSync } from 'node:child_process';
import { clockTicksPerSecond, parseProcStat, readProcStat, threadTicks } from './proc-stat';

test('fields 14-17 after a command name holding ") " and spaces', () => {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  const line = '4242 (my ) server) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 129 50 7 20 0 9 0 12345 0 0';
  expect(parseProcStat(line)).toEqual({ ticks: 731 + 129, childTicks: 50 + 7 });
});

test("this process: its CPU grows with work, and a reaped child's time shows in its children's", async () => {
  const before = await readProcStat('self');
  const end = Date.now() + 300;
  let spin = 0;
  while (Date.now() < end) spin++;
  const after = await readProcStat('self');
  expect(spin).toBeGreaterThan(0);
  // About 30 ticks at USER_HZ 100; at least a few even on a busy machine.
  expect(after.ticks - before.ticks).toBeGreaterThanOrEqual(5);

  // A child that burns ~0.3 s of CPU, reaped before spawnSync returns.
  spawnSync(process.execPath, ['-e', 'const e = Date.now() + 300; while (Date.now() < e);']);
  expect((await readProcStat('self')).childTicks - after.childTicks).toBeGreaterThanOrEqual(5);
});

test('every thread of this process, the main one (tid = pid) included; USER_HZ', async () => {
  const threads = await threadTicks(process.pid);
  expect(threads.has(process.pid)).toBe(true);
  expect(threads.size).toBeGreaterThan(1);
  expect(await threadTicks(2 ** 22 + 1)).toEqual(new Map());
  expect(clockTicksPerSecond()).toBe(100);
});
