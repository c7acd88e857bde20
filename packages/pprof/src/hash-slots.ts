// The open-addressing slots SequenceTable and TupleTable share: two Int32 entries per slot
// (1 + entry index, 0 for a free slot; and the entry's hash), linear probing, never more than
// half full.

export const EMPTY_SLOT = 0;

/** murmur3's final mix: multiplying only carries bits upwards, so without it the low bits that pick the slot would come from the keys' low bits alone. */
export function mixHash(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** The slots moved into a table of twice the size. */
export function doubledSlots(old: Int32Array): Int32Array {
  const slots = new Int32Array(2 * old.length);
  const mask = (slots.length >> 1) - 1;
  for (let from = 0; from < old.length; from += 2) {
    if (old[from] === EMPTY_SLOT) continue;
    let slot = old[from + 1]! & mask;
    while (slots[2 * slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
    slots[2 * slot] = old[from]!;
    slots[2 * slot + 1] = old[from + 1]!;
  }
  return slots;
}
