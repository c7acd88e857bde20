// Our minimal protobuf writer and reader against protobufjs, which reads and writes the same
// messages from a schema (the oracle: a different implementation of the same wire format).
import protobuf from 'protobufjs';
import { bytesField, decodeFields, encodeFields, ProtobufWireError } from './protobuf-wire';

const root = protobuf.parse(
  `syntax = "proto3";
   message Inner { bytes payload = 1; }
   message Outer { string name = 1; int64 big = 3; int32 negative = 4; Inner inner = 5; uint64 huge = 6; fixed64 fixed = 7; float f = 8; }`,
  { keepCase: true },
).root;
const Outer = root.lookupType('Outer');

describe('protobuf-wire', () => {
  it('writes what protobufjs reads', () => {
    const payload = Uint8Array.from([0, 1, 2, 255]);
    const bytes = encodeFields([
      { field: 1, bytes: 'querier ✓' },
      { field: 3, varint: 1_740_830_400_000 },
      { field: 4, varint: -1 },
      { field: 5, bytes: encodeFields([{ field: 1, bytes: payload }]) },
      { field: 6, varint: 2n ** 64n - 1n },
    ]);
    const decoded = Outer.toObject(Outer.decode(bytes), { longs: String, bytes: Array }) as Record<string, unknown>;
    expect(decoded).toEqual({ name: 'querier ✓', big: '1740830400000', negative: -1, inner: { payload: [0, 1, 2, 255] }, huge: '18446744073709551615' });
  });

  it('reads what protobufjs writes, skipping fixed-width fields', () => {
    const bytes = Outer.encode({ name: 'n', big: 42, inner: { payload: Uint8Array.from([9]) }, fixed: 7, f: 1.5 }).finish();
    const fields = decodeFields(bytes);
    expect(fields.map((f) => f.field)).toEqual([1, 3, 5, 7, 8]);
    expect(fields[1]!.value).toBe(42n);
    expect(Array.from(bytesField(decodeFields(bytesField(fields, 5)!), 1)!)).toEqual([9]);
    expect(bytesField(fields, 2)).toBeUndefined();
  });

  it.each([
    ['a truncated varint', [0x18, 0xff]],
    ['a field past the end', [0x0a, 0x05, 0x61]],
    ['a group', [0x0b]],
    ['field number 0', [0x00, 0x01]],
  ])('rejects %s', (_, bytes) => {
    expect(() => decodeFields(Uint8Array.from(bytes))).toThrow(ProtobufWireError);
  });

  it('rejects a varint where bytes are expected', () => {
    expect(() => bytesField(decodeFields(Uint8Array.from([0x08, 0x01])), 1)).toThrow('field 1 is a varint, expected bytes');
  });
});
