import { median, medianCiMinSamples, medianCiOrders, medianEstimate } from './median-ci';

describe('the median and its order-statistic confidence interval', () => {
  test.each([
    // n, lowest and highest order statistic of the 95% interval: the classical sign-test table
    // (conservative, symmetric) where benchstat's left-biased search gives the same.
    [6, 1, 6],
    [8, 1, 7],
    [10, 2, 9],
    [15, 4, 12],
    [20, 6, 15],
  ])('n=%i: X(%i) … X(%i)', (n, lo, hi) => {
    expect(medianCiOrders(n, 0.95)).toMatchObject({ lo, hi });
    expect(medianCiOrders(n, 0.95).confidence).toBeGreaterThanOrEqual(0.95);
  });

  test('the actual confidence of the interval is its binomial mass', () => {
    // n = 10, X(2)…X(9): 1 − 2·(1 + 10)/1024.
    expect(medianCiOrders(10, 0.95).confidence).toBeCloseTo(1 - 22 / 1024, 15);
  });

  test('fewer than 6 samples have an unbounded 95% interval, as benchstat prints ∞', () => {
    expect(medianEstimate([3, 1, 2, 5, 4], 0.95)).toEqual({ center: 3, lo: -Infinity, hi: 5, n: 5 });
    expect(medianEstimate([7], 0.95)).toEqual({ center: 7, lo: -Infinity, hi: Infinity, n: 1 });
    expect(medianCiMinSamples(0.95)).toEqual({ op: '>=', n: 6 });
    expect(medianCiMinSamples(0.99)).toEqual({ op: '>=', n: 8 });
  });

  test('large n uses the normal approximation, narrowed on the right while it still reaches the level', () => {
    // n = 100: the symmetric sign-test interval is X(40)…X(61); X(40)…X(60) still holds 95.3%.
    const orders = medianCiOrders(100, 0.95);
    expect(orders).toMatchObject({ lo: 40, hi: 60 });
    expect(orders.confidence).toBeCloseTo(0.9534, 4);
  });

  test('the median interpolates between the middle values for even n', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([1, 2, 3])).toBe(2);
    expect(medianEstimate([10, 1, 9, 2, 8, 3], 0.95)).toEqual({ center: 5.5, lo: 1, hi: 10, n: 6 });
  });
});
