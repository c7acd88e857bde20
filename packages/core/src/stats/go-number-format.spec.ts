import { goFixed, goSignedFixed } from './go-number-format';

describe('Go fixed-point formatting', () => {
  test.each([
    // Exact binary ties round to even, as Go does (JavaScript's toFixed rounds them up).
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.0625, 3, '0.062'],
    // Not ties: the nearest value.
    [0.1 + 0.2, 2, '0.30'],
    [1.005, 2, '1.00'],
    [-0.001, 2, '-0.00'],
    [Infinity, 2, '+Inf'],
  ])('%d with %d digits is %s', (x, prec, text) => {
    expect(goFixed(x, prec)).toBe(text);
  });

  test('signed: a plus for non-negative values', () => {
    expect(goSignedFixed(1.234, 2)).toBe('+1.23');
    expect(goSignedFixed(0, 2)).toBe('+0.00');
    expect(goSignedFixed(-9.045, 2)).toBe('-9.04');
  });
});
