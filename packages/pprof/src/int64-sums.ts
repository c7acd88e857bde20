// Growable arrays of int64 sums, for hot loops that add up sample values by index. Doubles when
// no partial sum can leave the safe integers (always, in practice); else a BigInt64Array, which
// wraps around 2^64 as Go's int64 does. Two classes rather than one with a branch, so that each
// call site stays monomorphic.
import { normalizeInt64 } from './int64';
import type { Int64 } from './model';

export interface Int64Sums {
  add(index: number, value: Int64): void;
  /** The sum at `index` (0 where nothing was added), in Int64's normal form. */
  get(index: number): Int64;
  isZero(index: number): boolean;
}

/** Sums for values whose absolute values add up to `bound` at most. */
export function int64Sums(bound: number): Int64Sums {
  return bound <= Number.MAX_SAFE_INTEGER ? new NumberSums() : new BigSums();
}

const INITIAL = 1024;

class NumberSums implements Int64Sums {
  private values = new Float64Array(INITIAL);

  add(index: number, value: Int64): void {
    if (index >= this.values.length) this.values = grown(this.values, index, (size) => new Float64Array(size));
    this.values[index] = this.values[index]! + (value as number);
  }

  get(index: number): Int64 {
    return index < this.values.length ? this.values[index]! : 0;
  }

  isZero(index: number): boolean {
    return index >= this.values.length || this.values[index] === 0;
  }
}

class BigSums implements Int64Sums {
  private values = new BigInt64Array(INITIAL);

  add(index: number, value: Int64): void {
    if (index >= this.values.length) this.values = grown(this.values, index, (size) => new BigInt64Array(size));
    this.values[index] = this.values[index]! + BigInt(value);
  }

  get(index: number): Int64 {
    return index < this.values.length ? normalizeInt64(this.values[index]!) : 0;
  }

  isZero(index: number): boolean {
    return index >= this.values.length || this.values[index] === 0n;
  }
}

/** `values` copied into an array `make` makes, doubled until `index` fits. */
function grown<T extends Float64Array | BigInt64Array>(values: T, index: number, make: (size: number) => T): T {
  let size = values.length;
  while (size <= index) size *= 2;
  const bigger = make(size);
  (bigger as Float64Array).set(values as Float64Array);
  return bigger;
}
