import { formatTick, LinearScale, niceDomain, percentRange, truncateLabel, whisker } from './svg';

describe('LinearScale', () => {
  const scale = new LinearScale([-10, 10], [100, 300]);

  it('maps the domain linearly onto the range, also an inverted one', () => {
    expect([-10, 0, 5, 10].map((v) => scale.at(v))).toEqual([100, 200, 250, 300]);
    expect(new LinearScale([0, 4], [200, 0]).at(1)).toBe(150);
  });

  it('clamps infinite and out-of-domain values to the ends of the range', () => {
    expect([-Infinity, -50, 50, Infinity].map((v) => scale.clamped(v))).toEqual([100, 100, 300, 300]);
  });

  it('refuses an empty domain', () => {
    expect(() => new LinearScale([1, 1], [0, 1])).toThrow(/empty scale domain/);
  });
});

describe('niceDomain', () => {
  it('widens to whole 1-2-5 steps with a tick at zero', () => {
    expect(niceDomain(-12.3, 3.8, 9)).toEqual({ domain: [-15, 5], values: [-15, -10, -5, 0, 5], step: 5 });
    expect(niceDomain(-0.3, 0.2, 9)).toEqual({ domain: [-0.3, 0.2], values: [-0.3, -0.2, -0.1, 0, 0.1, 0.2], step: 0.1 });
  });

  it('gives a single value room on both sides', () => {
    expect(niceDomain(0, 0, 7).domain).toEqual([-1, 1]);
    const around = niceDomain(4, 4, 7);
    expect(around.domain[0]).toBeLessThan(4);
    expect(around.domain[1]).toBeGreaterThan(4);
  });

  it('always covers the range with 2..max evenly spaced, noise-free ticks', () => {
    // A deterministic pseudo-random walk over many magnitudes and signs.
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let i = 0; i < 2000; i++) {
      const magnitude = 10 ** Math.floor(next() * 6);
      const a = next() * magnitude;
      const b = a + Math.abs(next()) * magnitude + 1e-9;
      const maxTicks = 3 + (i % 8);
      const { domain, values, step } = niceDomain(a, b, maxTicks);
      expect(domain[0]).toBeLessThanOrEqual(a);
      expect(domain[1]).toBeGreaterThanOrEqual(b);
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values.length).toBeLessThanOrEqual(maxTicks);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      values.forEach((v, k) => {
        expect(Math.abs(v - (values[0] + k * step))).toBeLessThan(step * 1e-6);
        expect(Number(v.toPrecision(12))).toBe(v);
      });
    }
  });

  it('refuses infinite bounds: callers pass finite values and draw infinities as open whiskers', () => {
    expect(() => niceDomain(-Infinity, 1, 5)).toThrow(/non-finite/);
  });
});

describe('percentRange', () => {
  it('spans at least ±1% around zero and ignores non-finite values', () => {
    expect(percentRange([0.01, -0.02, NaN, Infinity])).toEqual([-1, 1]);
    expect(percentRange([-12, 3, -Infinity])).toEqual([-12, 3]);
    expect(percentRange([])).toEqual([-1, 1]);
  });
});

describe('formatTick', () => {
  it('prints as many decimals as the step needs, and no "-0"', () => {
    expect(formatTick(-5, 5, '%')).toBe('-5%');
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatTick(-0.0000001, 0.5, '%')).toBe('0.0%');
    expect(formatTick(-1.5, 0.5)).toBe('-1.5');
    expect(formatTick(0.002, 0.002)).toBe('0.002');
  });
});

describe('truncateLabel', () => {
  it('keeps short labels and cuts long ones with an ellipsis, counting code points', () => {
    expect(truncateLabel('abc', 3)).toBe('abc');
    expect(truncateLabel('abcdef', 4)).toBe('abc…');
    expect(truncateLabel('µµµµµ', 3)).toBe('µµ…');
  });
});

describe('whisker', () => {
  it('caps known bounds and puts arrowheads on unknown ones', () => {
    const closed = whisker({ along: 'x', at: 10, from: 0, to: 100, openFrom: false, openTo: false, className: 'w' }).html;
    expect(closed.match(/<line /g)).toHaveLength(3);
    expect(closed).not.toContain('polygon');
    const open = whisker({ along: 'x', at: 10, from: 0, to: 100, openFrom: true, openTo: true, className: 'w' }).html;
    expect(open.match(/<line /g)).toHaveLength(1);
    expect(open.match(/<polygon class="open-end" points="([^"]+)"/g)).toHaveLength(2);
    // The arrow at the far end points outwards: its tip is the right-most point.
    const [, farEnd] = [...open.matchAll(/points="([^"]+)"/g)].map((m) => m[1].split(' ').map((p) => Number(p.split(',')[0])));
    expect(farEnd[1]).toBe(Math.max(...farEnd));
    expect(farEnd[1]).toBe(100);
  });

  it('lays a vertical whisker out with x and y swapped', () => {
    const vertical = whisker({ along: 'y', at: 50, from: 200, to: 20, openFrom: false, openTo: false, className: 'w' }).html;
    expect(vertical).toContain('<line x1="50" y1="200" x2="50" y2="20"></line>');
  });
});
