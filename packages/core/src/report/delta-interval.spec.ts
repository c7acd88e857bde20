import { deltaInterval, jointConfidence } from './delta-interval';

const est = (center: number, lo: number, hi: number, n = 8) => ({ center, lo, hi, n });

describe('deltaInterval', () => {
  it('is the range of ratios the two intervals allow, in percent', () => {
    const off = est(100, 98, 103);
    const pgo = est(90, 89, 92);
    const { lo, hi } = deltaInterval(off, pgo);
    expect(lo).toBeCloseTo((89 / 103 - 1) * 100, 10);
    expect(hi).toBeCloseTo((92 / 98 - 1) * 100, 10);
    // It holds the point estimate, and every ratio of values inside both intervals.
    const delta = (pgo.center / off.center - 1) * 100;
    expect(lo).toBeLessThan(delta);
    expect(hi).toBeGreaterThan(delta);
    for (const o of [98, 100, 103]) for (const p of [89, 90, 92]) {
      expect((p / o - 1) * 100).toBeGreaterThanOrEqual(lo - 1e-9);
      expect((p / o - 1) * 100).toBeLessThanOrEqual(hi + 1e-9);
    }
  });

  it('leaves a bound open (±Infinity) when n was too small for a CI', () => {
    expect(deltaInterval(est(100, -Infinity, Infinity, 3), est(90, 89, 92))).toEqual({ lo: -Infinity, hi: Infinity });
    expect(deltaInterval(est(100, 98, 103), est(90, -Infinity, Infinity, 4))).toEqual({ lo: -Infinity, hi: Infinity });
    expect(deltaInterval(est(100, 98, Infinity), est(90, 89, 92))).toEqual({ lo: -Infinity, hi: (92 / 98 - 1) * 100 });
  });

  it('leaves the upper bound open when the baseline interval reaches zero', () => {
    expect(deltaInterval(est(2, 0, 4), est(2, 1, 3)).hi).toBe(Infinity);
  });

  it('is exactly zero when both sides are zero with no spread (0 B/op)', () => {
    expect(deltaInterval(est(0, 0, 0), est(0, 0, 0))).toEqual({ lo: 0, hi: 0 });
  });
});

describe('jointConfidence', () => {
  it('is the Bonferroni bound 2c − 1', () => {
    expect(jointConfidence(0.95)).toBeCloseTo(0.9, 12);
    expect(jointConfidence(0.99)).toBeCloseTo(0.98, 12);
    expect(jointConfidence(0.4)).toBe(0);
  });
});
