// tools/bench/ab: pgo-bench's interleaved rounds (off, pgo, off, pgo…) against the usual
// sequential recipe (all off rounds, then all pgo rounds), on the same time budget: the same
// test binaries, the same number of runs of each. Per repetition, the per-round paired geomean
// delta with its 95% interval (the estimate pgo-bench records) and benchstat's geomean delta;
// across repetitions, the spread of the measured gain. The two schedules take turns going
// first. Usage: npm run bench:ab [-- --repetitions 5 --count 8 --benchtime 300ms]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareBenchmarks, compileSide, pairedGeomeanDelta, pairRounds, resolveBenchPackages, runRounds, type Estimate } from '@go-pgo/core';
import { repoRoot } from '../../test-support/repo-root';
import { median, stdev } from '../measure';

const { values } = parseArgs({
  options: {
    repetitions: { type: 'string', default: '5' },
    count: { type: 'string', default: '8' },
    benchtime: { type: 'string', default: '300ms' },
  },
});
const repetitions = Number(values.repetitions);
const count = Number(values.count);
const benchtime = values.benchtime!;
const moduleRoot = path.join(repoRoot, 'examples', 'tools');
const profile = path.join(moduleRoot, 'cmd', 'report', 'default.pgo');

type Schedule = 'interleaved' | 'sequential';

interface Measured {
  paired: Estimate;
  benchstatGeomean: number;
  seconds: number;
}

const pct = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(2)}%`;

async function main(): Promise<void> {
  console.log(`go-pgo A/B schedule benchmark: ${repetitions} repetitions × ${count} rounds per side, benchtime ${benchtime}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const packages = await resolveBenchPackages(['./internal/pricing'], moduleRoot);
  const binDir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-ab-'));
  const binaries = {
    off: (await compileSide({ moduleRoot, packages, side: 'off', profile, binDir, mode: 'warm' })).binaries,
    pgo: (await compileSide({ moduleRoot, packages, side: 'pgo', profile, binDir, mode: 'warm' })).binaries,
  };
  const results: Record<Schedule, Measured[]> = { interleaved: [], sequential: [] };
  for (let rep = 0; rep < repetitions; rep++) {
    const schedules: Schedule[] = rep % 2 === 0 ? ['interleaved', 'sequential'] : ['sequential', 'interleaved'];
    for (const schedule of schedules) {
      const started = performance.now();
      const out = await runRounds({ packages, binaries, count, schedule, bench: '.', benchtime });
      const seconds = (performance.now() - started) / 1000;
      const comparison = compareBenchmarks(out.off.all, out.pgo.all);
      const geomean = comparison.tables.find((t) => t.unit === 'sec/op')?.geomean?.deltaPercent ?? NaN;
      const paired = pairedGeomeanDelta(pairRounds(out.off.rounds, out.pgo.rounds), 0.95);
      results[schedule].push({ paired, benchstatGeomean: geomean, seconds });
      console.log(`rep ${rep + 1} ${schedule.padEnd(11)} paired ${pct(paired.center)} [${pct(paired.lo)}, ${pct(paired.hi)}] width ${(paired.hi - paired.lo).toFixed(2)} pts; benchstat geomean ${pct(geomean)}; ${seconds.toFixed(0)} s`);
    }
  }
  const row = (schedule: Schedule): string => {
    const all = results[schedule];
    const widths = all.map((m) => m.paired.hi - m.paired.lo);
    const gains = all.map((m) => m.benchstatGeomean);
    const centers = all.map((m) => m.paired.center);
    return (
      `| ${schedule} | ${median(widths).toFixed(2)} pts | ${pct(median(centers))} | ${(Math.max(...centers) - Math.min(...centers)).toFixed(2)} pts (sd ${stdev(centers).toFixed(2)}) | ` +
      `${pct(median(gains))} | ${(Math.max(...gains) - Math.min(...gains)).toFixed(2)} pts (sd ${stdev(gains).toFixed(2)}) | ${median(all.map((m) => m.seconds)).toFixed(0)} s |`
    );
  };
  console.log(
    [
      '',
      `| schedule | median 95% CI width (paired geomean) | median paired gain | spread of paired gain over ${repetitions} reps | median benchstat geomean | spread of benchstat geomean | time per run |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
      row('interleaved'),
      row('sequential'),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
