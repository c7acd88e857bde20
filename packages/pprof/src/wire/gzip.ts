// gzip in and out for pprof files. Decompression reads exactly one gzip member: Node's
// gunzip would silently join `cat a.pb.gz b.pb.gz` into one stream, and such a file is two
// profiles, not one. So the member header and trailer are parsed here and only the deflate
// body goes to zlib (native, as fast as gunzipSync).
import { crc32, gzipSync, inflateRawSync } from 'node:zlib';
import { ProfileFormatError } from '../errors';

const FLAG_HEADER_CRC = 0x02;
const FLAG_EXTRA = 0x04;
const FLAG_NAME = 0x08;
const FLAG_COMMENT = 0x10;
const FLAG_RESERVED = 0xe0;
const HEADER_SIZE = 10;
const TRAILER_SIZE = 8;
const REFETCH = 'fetch or copy the profile again in full';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function truncated(what: string, offset: number): ProfileFormatError {
  return new ProfileFormatError('truncated', `the gzip data ends inside ${what} (compressed byte ${offset}): ${REFETCH}`);
}

function corrupt(what: string): ProfileFormatError {
  return new ProfileFormatError('gzip', `the gzip data is corrupt: ${what}; ${REFETCH}, or check that it is a pprof file`);
}

/** Offset of the deflate body: past the 10-byte header and its optional fields. */
function deflateStart(bytes: Uint8Array): number {
  if (bytes.length < HEADER_SIZE) throw truncated('the 10-byte header', bytes.length);
  if (bytes[2] !== 8) throw corrupt(`compression method ${bytes[2]} is not deflate (8)`);
  const flags = bytes[3];
  if (flags & FLAG_RESERVED) throw corrupt(`reserved header flag bits are set (flags 0x${flags.toString(16)})`);
  let pos = HEADER_SIZE;
  if (flags & FLAG_EXTRA) {
    if (pos + 2 > bytes.length) throw truncated('the header extra field', pos);
    pos += 2 + (bytes[pos] | (bytes[pos + 1] << 8));
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if (flags & flag) {
      const nul = bytes.indexOf(0, pos);
      if (nul < 0) throw truncated(flag === FLAG_NAME ? 'the header file name' : 'the header comment', pos);
      pos = nul + 1;
    }
  }
  if (flags & FLAG_HEADER_CRC) pos += 2;
  if (pos > bytes.length) throw truncated('the header', bytes.length);
  return pos;
}

function readUint32LE(bytes: Uint8Array, pos: number): number {
  return (bytes[pos] | (bytes[pos + 1] << 8) | (bytes[pos + 2] << 16) | (bytes[pos + 3] << 24)) >>> 0;
}

interface InflateInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

const MIN_CHUNK = 16 * 1024; // zlib's default
const MAX_CHUNK = 512 * 1024 * 1024;
const MAX_DEFLATE_RATIO = 1032;

/**
 * zlib's output chunk: the decompressed size the trailer announces (+1, so that zlib ends with
 * room to spare instead of starting a new chunk). In one chunk, Node returns it without copying;
 * in its default 16 KB chunks, a 10 MB profile takes 650 zlib calls and a concatenation, about a
 * quarter more time. The announced size is only a hint (mod 2^32, and unchecked until the end):
 * it is bounded by what the compressed size can expand to.
 */
function outputChunkSize(bytes: Uint8Array, start: number): number {
  const announced = bytes.length - start >= TRAILER_SIZE ? readUint32LE(bytes, bytes.length - 4) : 0;
  const possible = (bytes.length - start) * MAX_DEFLATE_RATIO;
  return Math.max(MIN_CHUNK, Math.min(announced + 1, possible, MAX_CHUNK));
}

/** Decompresses a single-member gzip file; a second member means concatenated profiles. */
export function gunzipProfile(bytes: Uint8Array): Uint8Array {
  const start = deflateStart(bytes);
  let raw: Buffer;
  let consumed: number;
  try {
    // With `info`, Node returns the engine too (its typings do not say so); its bytesWritten
    // counts the compressed bytes zlib consumed, i.e. the deflate body alone.
    const options = { info: true, chunkSize: outputChunkSize(bytes, start) };
    const result = inflateRawSync(bytes.subarray(start), options) as unknown as InflateInfo;
    raw = result.buffer;
    consumed = result.engine.bytesWritten;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'Z_BUF_ERROR') throw truncated('the compressed data', bytes.length);
    throw corrupt(`zlib says "${message ?? String(error)}"`);
  }
  const trailer = start + consumed;
  if (trailer + TRAILER_SIZE > bytes.length) throw truncated('the 8-byte trailer', bytes.length);
  if (readUint32LE(bytes, trailer) !== crc32(raw)) {
    throw corrupt('the CRC-32 of the decompressed data does not match the one in the gzip trailer');
  }
  if (readUint32LE(bytes, trailer + 4) !== raw.length % 0x100000000) {
    throw corrupt('the decompressed size does not match the one in the gzip trailer');
  }
  const rest = trailer + TRAILER_SIZE;
  if (rest < bytes.length) {
    if (isGzip(bytes.subarray(rest))) {
      throw new ProfileFormatError(
        'concatenated',
        `a second gzip member starts at compressed byte ${rest}: this file is several profiles joined together ` +
          '(for example with `cat a.pb.gz b.pb.gz`); merge them with `go tool pprof -proto a.pb.gz b.pb.gz > merged.pb.gz` ' +
          'or `go-pgo profile merge` instead',
      );
    }
    throw corrupt(`${bytes.length - rest} bytes of trailing data follow the gzip stream at compressed byte ${rest}`);
  }
  return raw;
}

/**
 * gzip as runtime/pprof writes it; `level` trades size for time. memLevel 9 (zlib's most hash
 * memory, 256 KB more than the default 8) makes level 1 about 12% faster on pprof data for 0.1%
 * more bytes: 101 → 89 ms for a 10 MB profile.
 */
export function gzipProfile(raw: Uint8Array, level: number): Uint8Array {
  return gzipSync(raw, { level, memLevel: 9 });
}

/**
 * The smallest gzip zlib makes of `raw`: level 9 at each memLevel. memLevel also sets deflate's
 * block size (2^(memLevel+6) symbols), and small blocks let the Huffman codes follow pprof's
 * alternation of names, ids and line numbers: on compacted corpus profiles memLevel 4–6 beat 9
 * by 3–8%. For files written once and kept (committed profiles): nine passes of a few ms each.
 */
export function gzipSmallest(raw: Uint8Array): Uint8Array {
  let best: Uint8Array | undefined;
  for (let memLevel = 1; memLevel <= 9; memLevel++) {
    const out = gzipSync(raw, { level: 9, memLevel });
    if (best === undefined || out.length < best.length) best = out;
  }
  return best!;
}
