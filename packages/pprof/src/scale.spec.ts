// scale: rounding to the nearest integer (halves away from zero, Go's math.Round), exact on
// bigints, refusing factors and results that cannot be a pprof value; and on the whole corpus,
// totals scale with the factor and nothing else changes.
import { wellFormedCorpus } from '../../../tools/test-support/corpus';
import { multisetDifference, profileSemantics } from '../../../tools/test-support/profile-semantics';
import { decode } from './decode';
import type { Int64 } from './model';
import { scale, scaleInt64 } from './scale';
import { buildProfile } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { TransformError } from './transform-error';

const big = (text: string): bigint => BigInt(text);

describe('scaleInt64', () => {
  it.each<[Int64, number, Int64]>([
    [10, 1.5, 15],
    [5, 0.5, 3],
    [-5, 0.5, -3],
    [3, 0.5, 2],
    [7, 1 / 3, 2],
    [1, 0.4, 0],
    [-1, 0.4, 0],
    [123, 0, 0],
    [2, -1.25, -3],
  ])('%p × %p = %p', (value, factor, expected) => {
    expect(Object.is(scaleInt64(value, factor), expected)).toBe(true);
  });

  it('is exact on bigints and on products beyond 2^53', () => {
    expect(scaleInt64(big('1152921504606846977'), 3)).toBe(big('3458764513820540931'));
    // (2^60 + 1) / 2 = 2^59 + 0.5 rounds away from zero; float64 would say 2^59.
    expect(scaleInt64(big('1152921504606846977'), 0.5)).toBe(big('576460752303423489'));
    expect(scaleInt64(big('-1152921504606846977'), 0.5)).toBe(big('-576460752303423489'));
    // (2^52 + 1) × 3 needs 54 bits: float64 would round it.
    expect(scaleInt64(2 ** 52 + 1, 3)).toBe(big('13510798882111491'));
    // A bigint result that fits a safe integer comes back as a number.
    expect(scaleInt64(big('9007199254740993'), 0.5)).toBe(4503599627370497);
  });

  it('refuses a result beyond int64', () => {
    const error = catchError(() => scaleInt64(big('9223372036854775807'), 2));
    expect(error).toBeInstanceOf(TransformError);
    expect(error).toMatchObject({ code: 'value-out-of-range' });
  });
});

describe('scale', () => {
  it.each([Number.NaN, Infinity, '2' as unknown as number])('refuses the factor %p', (factor) => {
    expect(catchError(() => scale(buildProfile({ samples: [] }), factor))).toMatchObject({ code: 'invalid-option', option: 'factor' });
  });

  it('scales every value of every sample and keeps the rest, without changing its input', () => {
    const p = buildProfile({ samples: [{ stack: ['main.a@1'], values: [3, 30] }, { stack: ['main.b@1'], values: [big('9007199254740993'), 1] }] });
    const before = structuredClone(p);
    const scaled = scale(p, 2);
    expect(p).toEqual(before);
    expect(scaled.sample.map((s) => s.value)).toEqual([
      [6, 60],
      [big('18014398509481986'), 2],
    ]);
    expect({ ...scaled, sample: [] }).toEqual({ ...p, sample: [] });
  });

  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s: totals triple, stacks stay', (_name, file) => {
    const p = decode(file.bytes);
    const before = profileSemantics(p);
    const after = profileSemantics(scale(p, 3));
    for (const [type, total] of Object.entries(before.totals)) expect(after.totals[type]).toEqual(typeof total === 'bigint' ? total * big('3') : total * 3);
    const frames = (stack: string): string => stack.slice(0, stack.lastIndexOf(' = '));
    expect(multisetDifference(after.stacks.map(frames).sort(), before.stacks.map(frames).sort())).toEqual({ missing: [], extra: [] });
    expect(after.functions).toEqual(before.functions);
  });
});
