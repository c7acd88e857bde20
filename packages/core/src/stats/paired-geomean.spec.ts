import { GoPgoError } from '../errors/go-pgo-error';
import { medianEstimate } from './median-ci';
import { pairedGeomeanDelta, roundGeomeanRatio } from './paired-geomean';

describe('paired geomean delta', () => {
  test('one round: the geomean of the pgo/off ratios', () => {
    const ratio = roundGeomeanRatio([
      { benchmark: 'A', off: 100, pgo: 90 },
      { benchmark: 'B', off: 10, pgo: 10 * (0.81 / 0.9) },
    ]);
    // √(0.9 · 0.9) = 0.9.
    expect(ratio).toBeCloseTo(0.9, 12);
  });

  test('rounds: median and order-statistic CI of the per-round deltas in percent', () => {
    const factors = [0.9, 0.95, 0.92, 0.97, 0.91, 0.93, 0.94];
    const rounds = factors.map((f, i) => [
      { benchmark: 'A', off: 100 + i, pgo: (100 + i) * f },
      { benchmark: 'B', off: 5, pgo: 5 * f },
    ]);
    const estimate = pairedGeomeanDelta(rounds);
    expect(estimate.n).toBe(7);
    expect(estimate.center).toBeCloseTo(-7, 10);
    // With 7 rounds the 95% interval is X(1)…X(7): the smallest and largest round.
    expect(estimate.lo).toBeCloseTo(-10, 10);
    expect(estimate.hi).toBeCloseTo(-3, 10);
    expect(estimate).toEqual(medianEstimate(factors.map((f) => (Math.sqrt(f * f) - 1) * 100)));
  });

  test('too few rounds leave the interval unbounded', () => {
    const estimate = pairedGeomeanDelta([[{ benchmark: 'A', off: 2, pgo: 1 }]]);
    expect(estimate).toEqual({ center: -50, lo: -Infinity, hi: Infinity, n: 1 });
  });

  test('rejects what has no geomean, naming the round and benchmark', () => {
    expect(() => pairedGeomeanDelta([])).toThrow(GoPgoError);
    expect(() => pairedGeomeanDelta([[]])).toThrow('round 1 has no benchmarks');
    expect(() => pairedGeomeanDelta([[{ benchmark: 'A', off: 1, pgo: 1 }], [{ benchmark: 'Zero', off: 0, pgo: 1 }]])).toThrow(
      'round 2: Zero measured off=0 pgo=1',
    );
  });
});
