import { CaptureProgress } from './progress';

function recorder(tty: boolean) {
  const chunks: string[] = [];
  let now = 1_000_000;
  return { chunks, output: { stream: { write: (c: string) => chunks.push(c) }, tty }, clock: () => now, advance: (ms: number) => (now += ms) };
}

test('the line counts instance states, names each one\'s state in a small fleet, and counts down the live profiles', () => {
  const r = recorder(true);
  const progress = new CaptureProgress('api', r.output, r.clock);
  progress.set('a', 'waiting');
  progress.set('b', 'waiting');
  progress.set('c', 'waiting');
  progress.set('a', 'profiling', 30);
  r.advance(2000);
  progress.set('b', 'profiling', 30);
  progress.set('c', 'retry 2/4 in 1s');
  r.advance(18_500);
  progress.set('a', 'done');
  expect(progress.line()).toBe('capture api: 3 instances · 1 profiling, 1 retry, 1 done · a done, b profiling, c retry 2/4 in 1s · 12 s left');
  progress.set('b', 'failed');
  progress.set('c', 'done');
  expect(progress.line()).toBe('capture api: 3 instances · 2 done, 1 failed · a done, b failed, c done');
  progress.finish();
  // On a terminal: rewritten in place, one final newline.
  expect(r.chunks.every((c) => c.startsWith('\r') || c === '\n')).toBe(true);
  expect(r.chunks.at(-2)).toBe('\rcapture api: 3 instances · 2 done, 1 failed · a done, b failed, c done\x1b[K');
  expect(r.chunks.at(-1)).toBe('\n');
});

test('in a log: the first line, then changed states at most every 5 s, and the final line', () => {
  const r = recorder(false);
  const progress = new CaptureProgress('api', r.output, r.clock);
  progress.set('a', 'profiling', 30);
  progress.set('b', 'profiling', 30);
  r.advance(1000);
  progress.set('a', 'done'); // within 5 s of the last line: not printed
  r.advance(5000);
  progress.set('b', 'profiling'); // 5 s later: the change above is printed now
  r.advance(1000);
  progress.set('b', 'profiling'); // the countdown alone is no change
  progress.set('b', 'done');
  progress.finish();
  expect(r.chunks).toEqual([
    'capture api: 1 instance · 1 profiling · a profiling · 30 s left\n',
    'capture api: 2 instances · 1 profiling, 1 done · a done, b profiling · 24 s left\n',
    'capture api: 2 instances · 2 done · a done, b done\n',
  ]);
});

test('a fleet larger than four shows only the counts', () => {
  const progress = new CaptureProgress('api', undefined, () => 0);
  for (const name of ['http://10.0.0.1:6060', 'b', 'c', 'd', 'e']) progress.set(name, 'waiting');
  expect(progress.line()).toBe('capture api: 5 instances · 5 waiting');
  const small = new CaptureProgress('api', undefined, () => 0);
  small.set('http://10.0.0.1:6060', 'profiling', 2);
  expect(small.line()).toBe('capture api: 1 instance · 1 profiling · 10.0.0.1:6060 profiling · 2 s left');
});
