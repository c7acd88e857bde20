// Interning of small-integer sequences (a sample's location ids, then its label ids): the sample
// key of merge and compaction. A sequence is hashed to a number and compared element by element,
// so looking up a stack that is already there allocates nothing.

export class SequenceTable {
  private readonly heads = new Map<number, number>();
  private readonly chain: number[] = [];
  private readonly sequences: number[][] = [];

  get size(): number {
    return this.sequences.length;
  }

  /**
   * Index of `key[0..length)`: `>= 0` when the sequence was already there, `~index` (negative)
   * when it was added now, so the caller knows to create what goes with it.
   */
  findOrAdd(key: ArrayLike<number>, length: number): number {
    let hash = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key[i]!, 0x01000193);
    // A small integer (31 bits) stays unboxed as a Map key.
    hash &= 0x3fffffff;
    const head = this.heads.get(hash);
    for (let at = head ?? -1; at !== -1; at = this.chain[at]!) {
      if (sameSequence(this.sequences[at]!, key, length)) return at;
    }
    const index = this.sequences.length;
    const copy: number[] = new Array(length);
    for (let i = 0; i < length; i++) copy[i] = key[i]!;
    this.sequences.push(copy);
    this.chain.push(head ?? -1);
    this.heads.set(hash, index);
    return ~index;
  }

  /** The stored copy of sequence `index`; callers may keep it but must not change it. */
  sequence(index: number): readonly number[] {
    return this.sequences[index]!;
  }
}

function sameSequence(stored: number[], key: ArrayLike<number>, length: number): boolean {
  if (stored.length !== length) return false;
  for (let i = 0; i < length; i++) if (stored[i] !== key[i]) return false;
  return true;
}
