import type { Int64 } from './model';

// Arithmetic on Int64 (number when safe, bigint otherwise) that stays exact and keeps the
// normal form: a result that fits in a safe integer is always a number.

export function normalizeInt64(value: bigint): Int64 {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

export function addInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normalizeInt64(BigInt(a) + BigInt(b));
}

export function isZeroInt64(value: Int64): boolean {
  return value === 0 || value === BigInt(0);
}

/** Approximate numeric value, for ratios and display. */
export function toNumber(value: Int64): number {
  return typeof value === 'number' ? value : Number(value);
}

export function maxInt64(a: Int64, b: Int64): Int64 {
  return a >= b ? a : b;
}
