// Interning of small-integer sequences, each with an integer tag (merge: a sample's location ids,
// tagged with its label list): the sample key of merge and compaction. A sequence is hashed to a
// number and compared element by element, so looking up one that is already there allocates
// nothing. Open addressing in typed arrays, not a Map of hash chains: a table of a few hundred
// thousand stacks is then a few flat arrays instead of as many Map entries for the collector.

import { copyIds } from './exact-copy';
import { doubledSlots, EMPTY_SLOT as EMPTY, mixHash } from './hash-slots';

export class SequenceTable {
  private readonly sequences: number[][] = [];
  private tags: Int32Array;
  /**
   * Two entries per slot: 1 + index of a sequence (EMPTY: a free slot) and its hash, side by
   * side so that a probe reads one cache line. Never more than half full.
   */
  private slots: Int32Array;

  /** `expected`: how many sequences it will likely hold, so that it need not grow on the way. */
  constructor(expected = 0) {
    let capacity = 64;
    while (capacity < 2 * expected) capacity *= 2;
    this.slots = new Int32Array(2 * capacity);
    this.tags = new Int32Array(capacity >> 1);
  }

  get size(): number {
    return this.sequences.length;
  }

  /**
   * Index of `key[0..length)` with `tag`: `>= 0` when it was already there, `~index` (negative)
   * when it was added now, so the caller knows to create what goes with it. `adopt`, an array
   * equal to the key that nobody changes, is stored instead of a copy.
   */
  findOrAdd(key: ArrayLike<number>, length: number, tag = 0, adopt?: number[]): number {
    let hash = 0x811c9dc5 ^ length ^ Math.imul(tag, 0x9e3779b1);
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key[i]!, 0x01000193);
    // Ids are small: without the final mix, probes would run long.
    hash = mixHash(hash);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let at = slots[2 * slot]!; at !== EMPTY; at = slots[2 * slot]!) {
      const index = at - 1;
      if (slots[2 * slot + 1] === hash && this.tags[index] === tag && sameSequence(this.sequences[index]!, key, length)) return index;
      slot = (slot + 1) & mask;
    }
    const index = this.sequences.length;
    this.sequences.push(adopt ?? copyIds(key, length));
    if (index === this.tags.length) this.tags = grow(this.tags);
    this.tags[index] = tag;
    slots[2 * slot] = index + 1;
    slots[2 * slot + 1] = hash;
    if (2 * (index + 1) > mask) this.rehash();
    return ~index;
  }

  /** The stored copy of sequence `index`; callers may keep it but must not change it. */
  sequence(index: number): readonly number[] {
    return this.sequences[index]!;
  }

  private rehash(): void {
    this.slots = doubledSlots(this.slots);
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
}

function sameSequence(stored: number[], key: ArrayLike<number>, length: number): boolean {
  if (stored.length !== length) return false;
  for (let i = 0; i < length; i++) if (stored[i] !== key[i]) return false;
  return true;
}
