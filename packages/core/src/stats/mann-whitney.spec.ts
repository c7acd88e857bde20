import { choose, mannWhitneyUTest, uCdf } from './mann-whitney';
import { seededRandom } from './generated-bench.spec-helper';

/** P(U₁ ≤ u) for every u by enumerating every split of the merged ranks: the definition itself. */
function bruteForceU(n1: number, values: readonly number[]): Map<number, number> {
  const n = values.length;
  const counts = new Map<number, number>();
  let total = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let bits = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++;
    if (bits !== n1) continue;
    let u = 0;
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i))) continue;
      for (let j = 0; j < n; j++) if (!(mask & (1 << j))) u += values[i] > values[j] ? 1 : values[i] === values[j] ? 0.5 : 0;
    }
    counts.set(u, (counts.get(u) ?? 0) + 1);
    total++;
  }
  const cdf = new Map<number, number>();
  let below = 0;
  for (const u of [...counts.keys()].sort((a, b) => a - b)) {
    below += counts.get(u) ?? 0;
    cdf.set(u, below / total);
  }
  return cdf;
}

describe('the exact U distribution', () => {
  test.each([
    // n1, n2, u, P(U ≤ u): Mann and Whitney's (1947) tables.
    [3, 3, 0, 1 / 20],
    [3, 3, 1, 2 / 20],
    [4, 4, 0, 1 / 70],
    [4, 4, 1, 2 / 70],
    [4, 4, 2, 4 / 70],
    [5, 5, 2, 4 / 252],
    [5, 5, 4, 12 / 252],
    [6, 6, 5, 19 / 924],
    [3, 5, 0, 1 / 56],
    [3, 5, 2, 4 / 56],
  ])('n1=%i n2=%i: P(U ≤ %i) = %f', (n1, n2, u, p) => {
    expect(uCdf(n1, n2, u)).toBeCloseTo(p, 14);
    expect(uCdf(n2, n1, u)).toBeCloseTo(p, 14);
  });

  test('without ties equals enumeration for all sizes up to 7+7', () => {
    for (let n1 = 1; n1 <= 7; n1++) {
      for (let n2 = 1; n2 <= 7; n2++) {
        const values = Array.from({ length: n1 + n2 }, (_, i) => i);
        for (const [u, p] of bruteForceU(n1, values)) expect({ n1, n2, u, p: uCdf(n1, n2, u) }).toEqual({ n1, n2, u, p: expect.closeTo(p, 12) as number });
      }
    }
  });

  test('with ties equals enumeration at every U the first sample can have', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 150; trial++) {
      const n1 = 1 + Math.floor(random() * 6);
      const n2 = 1 + Math.floor(random() * 6);
      const levels = 1 + Math.floor(random() * 5);
      const values = Array.from({ length: n1 + n2 }, () => Math.floor(random() * levels)).sort((a, b) => a - b);
      const ties: number[] = [];
      values.forEach((v, i) => (i > 0 && v === values[i - 1] ? ties[ties.length - 1]++ : ties.push(1)));
      if (ties.length < 2) continue;
      for (const [u, p] of bruteForceU(n1, values)) {
        expect({ values, n1, u, p: uCdf(n1, n2, u, ties) }).toEqual({ values, n1, u, p: expect.closeTo(p, 12) as number });
      }
    }
  });

  test('C(n, k) is exact up to C(50, 25)', () => {
    expect(choose(50, 25)).toBe(126410606437752);
    expect(choose(10, 3)).toBe(120);
    expect(choose(4, 5)).toBe(0);
  });
});

describe('mannWhitneyUTest', () => {
  test('completely separated samples of 5 give p = 2/252, as benchstat prints p=0.008 n=5', () => {
    const result = mannWhitneyUTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result).toMatchObject({ n1: 5, n2: 5, u: 0, samplesEqual: false });
    expect(result.p).toBeCloseTo(2 / 252, 15);
  });

  test('U at the centre of the distribution gives p = 1', () => {
    expect(mannWhitneyUTest([1, 4], [2, 3]).p).toBe(1);
  });

  test('all values equal is no test at all', () => {
    expect(mannWhitneyUTest([3, 3, 3], [3, 3])).toMatchObject({ p: 1, samplesEqual: true });
    expect(mannWhitneyUTest(new Array<number>(60).fill(1), new Array<number>(60).fill(1))).toMatchObject({ p: 1, samplesEqual: true });
  });

  test('large samples use the normal approximation with continuity correction', () => {
    // 60 against 60 values without ties, the second shifted by 10.5: U = 1 + 2 + … + 49.
    const a = Array.from({ length: 60 }, (_, i) => i);
    const b = Array.from({ length: 60 }, (_, i) => i + 10.5);
    const result = mannWhitneyUTest(a, b);
    expect(result.u).toBe(1225);
    // z = (1225 − 1800 + ½) / √(60·60·121/12) = −3.0153; Φ(z) = 0.0012841 from a normal table.
    expect(result.p).toBeCloseTo(2 * 0.0012841, 5);
  });

  test('rejects an empty sample', () => {
    expect(() => mannWhitneyUTest([], [1])).toThrow(RangeError);
  });
});
