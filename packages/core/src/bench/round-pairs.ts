// The paired view of interleaved rounds: within each round, every benchmark's sec/op on both
// sides, for the per-round geomean ratio (stats/paired-geomean.ts).
import { parseBenchOutput } from '../stats/bench-parse';
import type { PairedValue } from '../stats/paired-geomean';

/** `off[i]` and `pgo[i]` are round i of each side, in benchstat's input format. */
export function pairRounds(off: readonly string[], pgo: readonly string[]): PairedValue[][] {
  return off.map((offText, round) => {
    const offValues = secondsPerOp(offText);
    const pgoValues = secondsPerOp(pgo[round] ?? '');
    const pairs: PairedValue[] = [];
    for (const [benchmark, offValue] of offValues) {
      const pgoValue = pgoValues.get(benchmark);
      if (pgoValue !== undefined) pairs.push({ benchmark, off: offValue, pgo: pgoValue });
    }
    return pairs;
  });
}

/** sec/op by benchmark, keyed with its package so equal names in two packages stay apart. */
function secondsPerOp(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const result of parseBenchOutput(text).results) {
    const pkg = result.config.find(([key]) => key === 'pkg')?.[1];
    const value = result.values.find((v) => v.unit === 'sec/op')?.value;
    if (value !== undefined) values.set(pkg === undefined ? result.name : `${pkg}.${result.name}`, value);
  }
  return values;
}
