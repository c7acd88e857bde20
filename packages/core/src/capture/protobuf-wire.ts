// Just enough of the protobuf wire format for the few request and response messages of the
// remote profile APIs (Pyroscope's querier.v1 over Connect, Parca's query.v1alpha1 over
// gRPC-web): their pprof payloads are embedded messages or bytes fields, which pass through
// untouched as the bytes of a length-delimited field. Profiles themselves go to @go-pgo/pprof.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** A field to write: varints for integers and enums, bytes for strings and nested messages. */
export type ProtoField = { field: number; varint: number | bigint } | { field: number; bytes: Uint8Array | string };

export interface ProtoValue {
  field: number;
  /** Varints as bigint; length-delimited fields as their bytes; fixed-width ones as raw bytes. */
  value: bigint | Uint8Array;
}

export class ProtobufWireError extends Error {
  override readonly name = 'ProtobufWireError';
}

/** Encodes fields in the order given (proto3 writers put them in field-number order). */
export function encodeFields(fields: readonly ProtoField[]): Uint8Array {
  const parts: number[] = [];
  const chunks: Uint8Array[] = [];
  const flush = (): void => {
    if (parts.length > 0) chunks.push(Uint8Array.from(parts.splice(0)));
  };
  for (const f of fields) {
    if ('varint' in f) {
      pushVarint(parts, BigInt(f.field << 3) | BigInt(WIRE_VARINT));
      pushVarint(parts, BigInt(f.varint));
    } else {
      const data = typeof f.bytes === 'string' ? Buffer.from(f.bytes, 'utf8') : f.bytes;
      pushVarint(parts, BigInt(f.field << 3) | BigInt(WIRE_BYTES));
      pushVarint(parts, BigInt(data.length));
      flush();
      chunks.push(data);
    }
  }
  flush();
  return Buffer.concat(chunks);
}

/** Every field of one message level, in wire order; throws ProtobufWireError on malformed input. */
export function decodeFields(message: Uint8Array): ProtoValue[] {
  const values: ProtoValue[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= message.length) throw new ProtobufWireError(`truncated varint at byte ${pos}`);
      const byte = message[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
    throw new ProtobufWireError(`varint longer than 10 bytes at byte ${pos}`);
  };
  const take = (length: number): Uint8Array => {
    if (pos + length > message.length) throw new ProtobufWireError(`field runs past the end of the message at byte ${pos}`);
    const slice = message.subarray(pos, pos + length);
    pos += length;
    return slice;
  };
  while (pos < message.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtobufWireError(`field number 0 at byte ${pos}`);
    if (wire === WIRE_VARINT) values.push({ field, value: varint() });
    else if (wire === WIRE_BYTES) values.push({ field, value: take(Number(varint())) });
    else if (wire === WIRE_FIXED64) values.push({ field, value: take(8) });
    else if (wire === WIRE_FIXED32) values.push({ field, value: take(4) });
    else throw new ProtobufWireError(`unsupported wire type ${wire} at byte ${pos}`);
  }
  return values;
}

/** The last bytes value of `field` (proto3: the last one wins), undefined when absent. */
export function bytesField(values: readonly ProtoValue[], field: number): Uint8Array | undefined {
  const found = values.filter((v) => v.field === field).pop()?.value;
  if (found !== undefined && typeof found === 'bigint') throw new ProtobufWireError(`field ${field} is a varint, expected bytes`);
  return found;
}

function pushVarint(out: number[], value: bigint): void {
  if (value < 0n) value = BigInt.asUintN(64, value);
  while (value >= 0x80n) {
    out.push(Number(value & 0x7fn) | 0x80);
    value >>= 7n;
  }
  out.push(Number(value));
}
