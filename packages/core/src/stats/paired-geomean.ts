// The headline figure of interleaved A/B rounds: each round (off and pgo measured back to back)
// gives one geomean ratio pgo/off across its benchmarks, which cancels drift between rounds; the
// rounds' ratios then get benchstat's median and order-statistic confidence interval.
import { GoPgoError } from '../errors/go-pgo-error';
import { geometricMean } from './geomean';
import { medianEstimate } from './median-ci';
import type { Estimate } from './stats-types';

export class PairedGeomeanError extends GoPgoError {
  override readonly name = 'PairedGeomeanError';
}

/** One benchmark's value (e.g. sec/op) on both sides within one round. */
export interface PairedValue {
  benchmark: string;
  off: number;
  pgo: number;
}

/** The geomean over benchmarks of pgo/off in one round. */
export function roundGeomeanRatio(round: readonly PairedValue[], roundIndex = 0): number {
  if (round.length === 0) throw new PairedGeomeanError(`round ${roundIndex + 1} has no benchmarks; each A/B round must measure at least one`);
  const ratios = round.map(({ benchmark, off, pgo }) => {
    if (!(off > 0 && pgo > 0)) {
      throw new PairedGeomeanError(
        `round ${roundIndex + 1}: ${benchmark} measured off=${off} pgo=${pgo}; a geomean needs positive values, so compare a unit like sec/op`,
      );
    }
    return pgo / off;
  });
  return geometricMean(ratios);
}

/** Median over rounds of (round geomean ratio − 1) × 100, with its CI, in percent. */
export function pairedGeomeanDelta(rounds: ReadonlyArray<readonly PairedValue[]>, confidence = 0.95): Estimate {
  if (rounds.length === 0) throw new PairedGeomeanError('no A/B rounds to compare; run at least one round');
  return medianEstimate(
    rounds.map((round, i) => (roundGeomeanRatio(round, i) - 1) * 100),
    confidence,
  );
}
