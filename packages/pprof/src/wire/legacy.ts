// Recognizes the pre-protobuf profile formats that `go tool pprof` still reads, so that the
// decoder can say "convert it" instead of reporting protobuf garbage.

/** Header words of the legacy binary CPU profile: 0, 3, 0 (or 1 for Java), period > 0, 0. */
function legacyCpuHeader(bytes: Uint8Array, wordSize: 4 | 8, littleEndian: boolean): boolean {
  if (bytes.length < 5 * wordSize) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 5 * wordSize);
  const word = (i: number): bigint =>
    wordSize === 8 ? view.getBigUint64(i * 8, littleEndian) : BigInt(view.getUint32(i * 4, littleEndian));
  return word(0) === BigInt(0) && word(1) === BigInt(3) && word(2) <= BigInt(1) && word(3) > BigInt(0) && word(4) === BigInt(0);
}

/** First lines of the legacy text profiles (heap, contention, goroutine, threadcreate, threadz). */
const LEGACY_TEXT = /^(heap profile: |heap_v2\/|--- contention|--- mutex|--- threadz |--- Thread |\S+ profile: total \d)/;

/** A description of the legacy format `bytes` are in, or undefined. */
export function legacyFormat(bytes: Uint8Array): string | undefined {
  // A protobuf message never starts with byte 0 (that would be field number 0).
  if (bytes[0] === 0) {
    for (const wordSize of [8, 4] as const) {
      for (const littleEndian of [true, false]) {
        if (legacyCpuHeader(bytes, wordSize, littleEndian)) {
          return `the legacy binary runtime/pprof CPU profile format (${wordSize * 8}-bit ${littleEndian ? 'little' : 'big'}-endian header)`;
        }
      }
    }
    return undefined;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)).toString('latin1');
  return LEGACY_TEXT.test(head) ? `the legacy text profile format (it starts with "${head.split('\n')[0]}")` : undefined;
}
