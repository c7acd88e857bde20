// Times what go tool preprofile does, in one Node process: read the profile, decode it, build
// the call-edge list (pgoEdges), write it as preprofile's text. Runs in its own process, like
// in-process.ts. Prints JSON: the first (cold JIT) run and the median of the warm runs, taken
// after WARM_UP more runs (small profiles need a few dozen before the JIT has compiled the hot
// paths; a long-lived caller such as the Nx daemon runs warm).
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decode, formatPreprofile, pgoEdges } from '@go-pgo/pprof';
import { median } from '../measure';

const [runsArg, file, output] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || file === undefined || output === undefined) {
  process.stderr.write('usage: edges-in-process <runs> <profile> <output>\n');
  process.exit(2);
}

function once(): number {
  const start = performance.now();
  writeFileSync(output!, formatPreprofile(pgoEdges(decode(readFileSync(file!)))));
  return (performance.now() - start) / 1000;
}

const WARM_UP = 20;
const coldSeconds = once();
for (let i = 0; i < WARM_UP; i++) once();
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(once());
process.stdout.write(JSON.stringify({ coldSeconds, warmSeconds: median(warm) }));
