// Hand-made protobuf bytes for decoder tests, written with protobufjs' Writer so that the
// bytes under test do not come from our own encoder. A message is a list of [field, value]:
// a number or bigint is a varint (int64, two's complement), a string or Uint8Array is
// length-delimited, a nested list is a sub-message, `{ packed }` a packed varint run.
import { Writer } from 'protobufjs/minimal';
import type { Int64 } from '../model';

export type PbValue = Int64 | string | Uint8Array | PbField[] | { packed: Int64[] };
export type PbField = [field: number, value: PbValue];

/** protobufjs takes a number when exact, else the int64 as a decimal string. */
function int64Arg(value: Int64): number | string {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : BigInt.asIntN(64, BigInt(value)).toString();
}

function write(w: Writer, fields: PbField[]): void {
  for (const [field, value] of fields) {
    if (typeof value === 'number' || typeof value === 'bigint') {
      w.uint32((field << 3) | 0).int64(int64Arg(value));
    } else if (typeof value === 'string') {
      w.uint32((field << 3) | 2).string(value);
    } else if (value instanceof Uint8Array) {
      w.uint32((field << 3) | 2).bytes(value);
    } else if (Array.isArray(value)) {
      w.uint32((field << 3) | 2).fork();
      write(w, value);
      w.ldelim();
    } else {
      w.uint32((field << 3) | 2).fork();
      for (const v of value.packed) w.int64(int64Arg(v));
      w.ldelim();
    }
  }
}

export function pb(fields: PbField[]): Uint8Array {
  const w = Writer.create();
  write(w, fields);
  return w.finish();
}

/** string_table entries (field 6) for a list of strings. */
export const stringTable = (strings: string[]): PbField[] => strings.map((s): PbField => [6, s]);

/**
 * A small valid profile (2 sample types, 1 mapping, 2 locations, 2 functions, 2 samples) as
 * fields, so a test can add or change one thing. String indexes: see STRINGS.
 */
export const STRINGS = ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main.main', 'main.go', 'main.work', '/bin/app'];

export function baseFields(): PbField[] {
  return [
    [1, [[1, 1], [2, 2]]],
    [1, [[1, 3], [2, 4]]],
    [2, [[1, { packed: [1, 2] }], [2, { packed: [1, 10_000_000] }]]],
    [2, [[1, { packed: [2] }], [2, { packed: [3, 30_000_000] }]]],
    [3, [[1, 1], [2, 0x400000], [3, 0x500000], [5, 8], [7, 1]]],
    [4, [[1, 1], [2, 1], [3, 0x401000], [4, [[1, 2], [2, 12]]]]],
    [4, [[1, 2], [2, 1], [3, 0x402000], [4, [[1, 1], [2, 5]]]]],
    [5, [[1, 1], [2, 5], [3, 5], [4, 6], [5, 3]]],
    [5, [[1, 2], [2, 7], [3, 7], [4, 6], [5, 10]]],
    ...stringTable(STRINGS),
    [9, 1_700_000_000_000_000_000n],
    [10, 1_000_000_000],
    [11, [[1, 3], [2, 4]]],
    [12, 10_000_000],
  ];
}
