import { alignColumns, formatBytes, formatCount, formatNanos, formatPercent, plural } from './format';

test('formatCount groups thousands, exactly for bigint', () => {
  expect(formatCount(0)).toBe('0');
  expect(formatCount(999)).toBe('999');
  expect(formatCount(1234567)).toBe('1,234,567');
  expect(formatCount(-1234)).toBe('-1,234');
  expect(formatCount(BigInt(2) ** BigInt(63))).toBe('9,223,372,036,854,775,808');
});

test('formatBytes uses binary units with one decimal', () => {
  expect([0, 943, 1024, 261857, 1201687, 5 * 1024 ** 3].map(formatBytes)).toEqual([
    '0 B',
    '943 B',
    '1.0 KiB',
    '255.7 KiB',
    '1.1 MiB',
    '5.0 GiB',
  ]);
});

test('formatNanos reads as a duration', () => {
  expect([500, 1500, 10_000_000, 1.4e9, 7.52e9, 60e9, 301.6e9, 3723.4e9].map(formatNanos)).toEqual([
    '500 ns',
    '1.5 µs',
    '10 ms',
    '1.4 s',
    '7.52 s',
    '1m 0.0s',
    '5m 1.6s',
    '1h 2m 3.4s',
  ]);
  expect(formatNanos(BigInt('18000000000000000000'))).toBe('5000000h 0m 0.0s');
});

test('formatPercent', () => {
  expect([0, 0.0006, 0.1234, 1].map(formatPercent)).toEqual(['0.0%', '0.1%', '12.3%', '100.0%']);
});

test('alignColumns pads to the widest cell, right-aligns where asked, leaves no trailing space', () => {
  expect(
    alignColumns(
      [
        ['12.5%', '1,439', 'a'],
        ['3.1%', '91', 'crypto/aes.ctr'],
      ],
      ['right', 'right', 'left'],
    ),
  ).toEqual(['12.5%  1,439  a', ' 3.1%     91  crypto/aes.ctr']);
  expect(alignColumns([['file', 'x'], ['sample types', 'y'], ['']])).toEqual(['file          x', 'sample types  y', '']);
  expect(alignColumns([['µs', 'x'], ['ms', 'y']])).toEqual(['µs  x', 'ms  y']);
});

test('plural', () => {
  expect([plural(0, 'label'), plural(1, 'profile'), plural(1234, 'sample')]).toEqual(['0 labels', '1 profile', '1,234 samples']);
});
