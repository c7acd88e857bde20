// Times the in-process pipeline a long-lived caller (the Nx daemon, a capture run) pays for a
// merge: read files, decode, merge, encode. Runs in its own Node process so that its peak RSS
// is its own. Prints JSON: the first (cold JIT) run, the median of the warm runs, peak RSS.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decode, encode, merge } from '@go-pgo/pprof';
import { median } from '../measure';

const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || files.length === 0) {
  process.stderr.write('usage: in-process <runs> <profile>...\n');
  process.exit(2);
}

function mergeOnce(): number {
  const start = performance.now();
  const merged = encode(merge(files.map((file) => decode(readFileSync(file)))));
  const elapsed = (performance.now() - start) / 1000;
  if (merged.length === 0) throw new Error('empty merge output');
  return elapsed;
}

const coldSeconds = mergeOnce();
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(mergeOnce());
process.stdout.write(
  JSON.stringify({ coldSeconds, warmSeconds: median(warm), maxRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
