// Protobuf wire-format writing into one preallocated buffer, for the two-pass pprof encoder
// (pass 1 sizes every message, pass 2 writes): varint sizes and writes for ids (safe
// non-negative numbers) and for int64/uint64 values (number or bigint, two's complement).
import { ProfileFormatError } from '../errors';
import type { Int64 } from '../model';

const TWO_POW_32 = 4294967296;
const LOW_32_BITS = BigInt(0xffffffff);
const THIRTY_TWO = BigInt(32);
const SEVEN = BigInt(7);
const VARINT_BYTE = BigInt(0x80);

/** Bytes of a non-negative safe integer as a varint. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  if (value < 0x800000000) return 5;
  if (value < 0x40000000000) return 6;
  if (value < 0x2000000000000) return 7;
  return 8;
}

/** An id, line, column or string index: must be a safe integer (ids and indexes also ≥ 0). */
export function checkSmallInt(value: number, signed: boolean, where: string): void {
  if (!Number.isSafeInteger(value) || (!signed && value < 0)) {
    throw new ProfileFormatError(
      'value-out-of-range',
      `${where} is ${String(value)}, which cannot be encoded: it must be ${signed ? 'an' : 'a non-negative'} integer below 2^53; fix the profile object`,
      { where },
    );
  }
}

/** A number that is an integer but not a safe one, as the exact bigint it stands for. */
function unsafeToBigInt(value: number, where: string): bigint {
  if (!Number.isInteger(value)) {
    throw new ProfileFormatError(
      'value-out-of-range',
      `${where} is ${String(value)}, which cannot be encoded: int64 fields take integers (number or bigint); fix the profile object`,
      { where },
    );
  }
  return BigInt(value);
}

/** Bytes of an int64/uint64 value as a varint: its 64-bit two's complement, so negatives take 10. */
export function int64Size(value: Int64, where: string): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value >= 0 ? varintSize(value) : 10;
    value = unsafeToBigInt(value, where);
  }
  let bits = BigInt.asUintN(64, value);
  let size = 1;
  while (bits >= VARINT_BYTE) {
    bits >>= SEVEN;
    size++;
  }
  return size;
}

export class WireWriter {
  pos = 0;
  /** Node's Buffer for its native UTF-8 writer; a Buffer is a Uint8Array. */
  readonly buf: Buffer;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** A one-byte tag: every field of profile.proto has a number below 16. */
  tag(field: number, wireType: number): void {
    this.buf[this.pos++] = (field << 3) | wireType;
  }

  /** A non-negative safe integer. */
  varint(value: number): void {
    if (value < 0x80000000) {
      const buf = this.buf;
      let pos = this.pos;
      while (value >= 0x80) {
        buf[pos++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      buf[pos++] = value;
      this.pos = pos;
    } else this.varint64(value >>> 0, Math.floor(value / TWO_POW_32));
  }

  /** Non-negative safe integers (ids), one after the other: one read and write of pos for all. */
  varints(values: readonly number[]): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let k = 0; k < values.length; k++) {
      let value = values[k]!;
      if (value >= 0x80000000) {
        this.pos = pos;
        this.varint(value);
        pos = this.pos;
        continue;
      }
      while (value >= 0x80) {
        buf[pos++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      buf[pos++] = value;
    }
    this.pos = pos;
  }

  /** An int64 or uint64 value, number or bigint, as its 64-bit two's complement. */
  int64(value: Int64): void {
    if (typeof value === 'number') {
      if (value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
        this.varint(value);
        return;
      }
      if (Number.isSafeInteger(value)) {
        // ToUint32 of the value and of its high word are the two's complement halves.
        this.varint64(value >>> 0, Math.floor(value / TWO_POW_32) >>> 0);
        return;
      }
      value = BigInt(value); // an unsafe integer; int64Size rejected everything else
    }
    const bits = BigInt.asUintN(64, value);
    this.varint64(Number(bits & LOW_32_BITS), Number(bits >> THIRTY_TWO));
  }

  private varint64(lo: number, hi: number): void {
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo >= 0x80) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** UTF-8 bytes of a string whose byte length the caller already counted. */
  utf8(text: string): void {
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }
}
