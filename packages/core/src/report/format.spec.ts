import { formatDay, formatDelta, formatInterval, formatMeasure, formatN, formatP, formatSeconds, formatSpread, lowerIsBetter, significant4 } from './format';

describe('report number formatting', () => {
  it('scales measurements by unit with four significant digits, as benchstat', () => {
    expect(formatMeasure(412.6e-9, 'sec/op')).toBe('412.6 ns');
    expect(formatMeasure(2.318e-6, 'sec/op')).toBe('2.318 µs');
    expect(formatMeasure(0.0184, 'sec/op')).toBe('18.40 ms');
    expect(formatMeasure(3, 'sec/op')).toBe('3.000 s');
    expect(formatMeasure(0, 'sec/op')).toBe('0 ns');
    expect(formatMeasure(1184, 'B/op')).toBe('1.156 KiB');
    expect(formatMeasure(14_683_912, 'B')).toBe('14.00 MiB');
    expect(formatMeasure(12, 'allocs/op')).toBe('12.00');
    expect(formatMeasure(1_250_000, 'MB/s')).toBe('1.250M');
  });

  it('rounds to four significant digits', () => {
    expect([1234.5, 0.012345, 99999, 1].map(significant4)).toEqual(['1235', '0.01235', '99999', '1.000']);
  });

  it("prints benchstat's ± spread, with ∞ for an unknown interval", () => {
    expect(formatSpread({ center: 100, lo: 98, hi: 103, n: 8 })).toBe('± 3.0%');
    expect(formatSpread({ center: 100, lo: 60, hi: 120, n: 8 })).toBe('± 40%');
    expect(formatSpread({ center: 0, lo: 0, hi: 0, n: 8 })).toBe('± 0%');
    expect(formatSpread({ center: 7, lo: -Infinity, hi: Infinity, n: 4 })).toBe('± ∞');
  });

  it('signs deltas and intervals, and spells out infinities and NaN', () => {
    expect([3.2, -12.345, 0, -0.001, Infinity, -Infinity, NaN].map((d) => formatDelta(d))).toEqual([
      '+3.20%',
      '-12.35%',
      '0.00%',
      '0.00%',
      '+∞%',
      '-∞%',
      'n/a',
    ]);
    expect(formatInterval(-Infinity, 2.04)).toBe('[-∞%, +2.0%]');
  });

  it('prints p, n, seconds and days', () => {
    expect(formatP(0.000155)).toBe('p=0.000');
    expect(formatP(0.0104)).toBe('p=0.010');
    expect(formatN({ center: 1, lo: 1, hi: 1, n: 8 }, { center: 1, lo: 1, hi: 1, n: 8 })).toBe('n=8');
    expect(formatN({ center: 1, lo: 1, hi: 1, n: 8 }, { center: 1, lo: 1, hi: 1, n: 7 })).toBe('n=8+7');
    expect([41.66, 0.844].map(formatSeconds)).toEqual(['41.7 s', '0.84 s']);
    expect([formatDay('2025-03-14T09:30:00Z'), formatDay('yesterday')]).toEqual(['2025-03-14', 'yesterday']);
  });

  it('knows rates are better higher and costs per op lower', () => {
    expect(['sec/op', 'B/op', 'allocs/op'].map(lowerIsBetter)).toEqual([true, true, true]);
    expect(['B/s', 'MB/s'].map(lowerIsBetter)).toEqual([false, false]);
  });
});
