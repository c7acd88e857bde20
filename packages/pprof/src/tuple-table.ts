// Interning of fixed-width tuples of safe integers (a node's {function, line, address}, an edge's
// {source, destination}): each distinct tuple gets the next index. Tuples live side by side in
// one Float64Array and slots in an Int32Array, so a table of a hundred thousand entries is a few
// flat arrays, not as many small arrays for the collector (unlike SequenceTable, which keeps
// each sequence as an array because merge and compaction hand them out).

import { doubledSlots, EMPTY_SLOT as EMPTY, mixHash } from './hash-slots';

const TWO_32 = 4294967296;

export class TupleTable {
  private tuples: Float64Array;
  private count = 0;
  /** hash-slots.ts: 1 + tuple index and hash per slot. */
  private slots: Int32Array;

  constructor(private readonly width: number) {
    this.tuples = new Float64Array(256 * width);
    this.slots = new Int32Array(2 * 512);
  }

  get size(): number {
    return this.count;
  }

  /** Index of `key[0..width)`: `>= 0` when it was there already, `~index` when added now. */
  findOrAdd(key: ArrayLike<number>): number {
    const { width } = this;
    let hash = 0x811c9dc5;
    for (let i = 0; i < width; i++) {
      const v = key[i]!;
      hash = Math.imul(hash ^ (v | 0), 0x01000193);
      hash = Math.imul(hash ^ ((v / TWO_32) | 0), 0x01000193);
    }
    hash = mixHash(hash);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let at = slots[2 * slot]!; at !== EMPTY; at = slots[2 * slot]!) {
      if (slots[2 * slot + 1] === hash && this.equals(at - 1, key)) return at - 1;
      slot = (slot + 1) & mask;
    }
    const index = this.count++;
    if (this.count * width > this.tuples.length) {
      const bigger = new Float64Array(2 * this.tuples.length);
      bigger.set(this.tuples);
      this.tuples = bigger;
    }
    for (let i = 0; i < width; i++) this.tuples[index * width + i] = key[i]!;
    slots[2 * slot] = index + 1;
    slots[2 * slot + 1] = hash;
    if (2 * this.count > mask) this.rehash();
    return ~index;
  }

  /** Field `field` of tuple `index`. */
  get(index: number, field: number): number {
    return this.tuples[index * this.width + field]!;
  }

  private equals(index: number, key: ArrayLike<number>): boolean {
    const base = index * this.width;
    for (let i = 0; i < this.width; i++) if (this.tuples[base + i] !== key[i]) return false;
    return true;
  }

  private rehash(): void {
    this.slots = doubledSlots(this.slots);
  }
}
