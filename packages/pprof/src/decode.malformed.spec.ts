import { gunzipSync, gzipSync } from 'node:zlib';
import { Reader } from 'protobufjs/minimal';
import { malformedCorpus, wellFormedCorpus } from '../../../tools/test-support/corpus';
import { decode } from './decode';
import { ProfileFormatError } from './errors';
import type { ProfileErrorCode } from './errors';
import { baseFields, pb, stringTable } from './test-support/pb';
import type { PbField } from './test-support/pb';

interface Expected {
  /** Field path the error must name (and its message must contain). */
  where?: string;
  /** Byte offset the error must name. */
  offset?: number;
  /** What the message must say. */
  says: RegExp;
}

/** Every message says what to do about it. */
const ADVICE = /regenerate|re-export|fetch or copy|convert it|merge them|capture|check that it is a pprof file/;

function rejection(bytes: Uint8Array): ProfileFormatError {
  try {
    decode(bytes);
  } catch (error) {
    if (error instanceof ProfileFormatError) return error;
    throw new Error(`decode threw ${String(error)} instead of a ProfileFormatError`);
  }
  throw new Error('decode accepted the bytes');
}

function expectRejected(bytes: Uint8Array, code: ProfileErrorCode, expected: Expected): ProfileFormatError {
  const error = rejection(bytes);
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.stringMatching(expected.says) });
  expect(error.message).toMatch(ADVICE);
  if (expected.where !== undefined) {
    expect(error.where).toBe(expected.where);
    // The message names at least the entity (`function[2]` of `function[2].id`).
    expect(error.message).toContain(expected.where.replace(/\.[a-z_]+$/, ''));
  }
  if (expected.offset !== undefined) {
    expect(error.offset).toBe(expected.offset);
    expect(error.message).toContain(`byte ${expected.offset}`);
  }
  return error;
}

/** The hand-made base profile (1 mapping, 2 locations, 2 functions, 2 samples) with `extra` fields appended. */
const withExtra = (...extra: PbField[]): Uint8Array => pb([...baseFields(), ...extra]);
const raw = (bytes: Uint8Array): Buffer => (bytes[0] === 0x1f ? gunzipSync(bytes) : Buffer.from(bytes));
const smallest = (): Buffer =>
  wellFormedCorpus().reduce((a, b) => (a.bytes.length <= b.bytes.length ? a : b)).bytes;

describe('decode rejects the malformed corpus files', () => {
  it.each(malformedCorpus().map((f) => [f.name, f] as const))('%s: legacy-format, with the conversion command', (_n, file) => {
    expectRejected(file.bytes, 'legacy-format', { says: /legacy binary runtime\/pprof CPU profile format.*go tool pprof -proto/ });
    expectRejected(gzipSync(file.bytes), 'legacy-format', { says: /legacy/ });
  });
});

describe('decode: one hand-made case per error code', () => {
  it('the base profile itself is valid', () => {
    expect(decode(withExtra()).sample).toHaveLength(2);
  });

  it('empty', () => {
    expectRejected(new Uint8Array(0), 'empty', { says: /empty \(0 bytes\)/ });
    expectRejected(gzipSync(new Uint8Array(0)), 'empty', { says: /decompresses to 0 bytes/ });
  });

  it('legacy-format: binary CPU headers of every word size and byte order, and text profiles', () => {
    const header = (wordSize: 4 | 8, littleEndian: boolean): Uint8Array => {
      const view = new DataView(new ArrayBuffer(8 * wordSize));
      [0, 3, 0, 10_000, 0, 1, 0, 0].forEach((word, i) =>
        wordSize === 8 ? view.setBigUint64(i * 8, BigInt(word), littleEndian) : view.setUint32(i * 4, word, littleEndian),
      );
      return new Uint8Array(view.buffer);
    };
    expectRejected(header(4, false), 'legacy-format', { says: /32-bit big-endian/ });
    expectRejected(header(8, false), 'legacy-format', { says: /64-bit big-endian/ });
    expectRejected(Buffer.from('heap profile: 1: 2 [3: 4] @ heap/1048576\n'), 'legacy-format', { says: /legacy text profile/ });
    expectRejected(Buffer.from('goroutine profile: total 5\n1 @ 0x1\n'), 'legacy-format', { says: /goroutine profile/ });
  });

  it('concatenated: a second gzip member (cat a.pb.gz b.pb.gz)', () => {
    const gz = smallest();
    expectRejected(Buffer.concat([gz, gz]), 'concatenated', { says: new RegExp(`second gzip member starts at compressed byte ${gz.length}.*cat`) });
  });

  it('concatenated: two raw profiles back to back (the string table starts again with "")', () => {
    const file = raw(smallest());
    const firstTable = countStrings(file);
    expectRejected(Buffer.concat([file, file]), 'concatenated', {
      where: `string_table[${firstTable}]`,
      says: /at byte \d+ starts a second string table with "".*several raw profiles/,
    });
    const base = withExtra();
    expectRejected(Buffer.concat([base, base]), 'concatenated', { where: `string_table[${countStrings(base)}]`, says: /several raw profiles/ });
  });

  it('concatenated: a second time_nanos (what google/pprof checks)', () => {
    const base = withExtra();
    expectRejected(Buffer.concat([base, pb([[9, 5]])]), 'concatenated', { where: 'time_nanos', offset: base.length, says: /second one/ });
  });

  it('reserved-id: id 0 (or no id) for a location, a function, a mapping', () => {
    expectRejected(withExtra([4, [[2, 1]]]), 'reserved-id', { where: 'location[2].id', says: /id 0 is reserved/ });
    expectRejected(withExtra([5, [[2, 5]]]), 'reserved-id', { where: 'function[2].id', says: /id 0 is reserved/ });
    expectRejected(withExtra([3, [[1, 0], [2, 1]]]), 'reserved-id', { where: 'mapping[1].id', says: /id 0 is reserved/ });
  });

  it('duplicate-id: a second location, function or mapping with an id already used', () => {
    expectRejected(withExtra([5, [[1, 2], [2, 7]]]), 'duplicate-id', { where: 'function[2].id', says: /repeats id 2/ });
    expectRejected(withExtra([4, [[1, 1]]]), 'duplicate-id', { where: 'location[2].id', says: /location\[2\] repeats id 1/ });
    expectRejected(withExtra([3, [[1, 1]]]), 'duplicate-id', { where: 'mapping[1].id', says: /mapping\[1\] repeats id 1/ });
    // Ids far apart take the Set path of the id check.
    expectRejected(withExtra([5, [[1, 2 ** 40]]], [5, [[1, 2 ** 40]]]), 'duplicate-id', { where: 'function[3].id', says: /repeats id 1099511627776/ });
  });

  it('dangling-id: a sample location id of 0, or in a gap of a location table that is not 1..n', () => {
    // decode checks the samples' ids one by one only when the location table is not 1..n or a
    // sample id falls outside it: these are the cases that walk.
    expectRejected(withExtra([2, [[1, { packed: [0, 1] }], [2, { packed: [1, 1] }]]]), 'dangling-id', {
      where: 'sample[2].location_id[0]',
      says: /is 0, but no location has that id/,
    });
    // Locations 1, 2 and 5: a sample at 4 is inside [1, 5] but names nothing.
    expectRejected(withExtra([4, [[1, 5]]], [2, [[1, { packed: [5, 4] }], [2, { packed: [1, 1] }]]]), 'dangling-id', {
      where: 'sample[2].location_id[1]',
      says: /is 4, but no location has that id/,
    });
    expect(decode(withExtra([4, [[1, 5]]], [2, [[1, { packed: [5, 1] }], [2, { packed: [1, 1] }]]])).sample[2]!.locationId).toEqual([5, 1]);
  });

  it('dangling-id: sample location_id, location mapping_id, line function_id', () => {
    expectRejected(withExtra([2, [[1, { packed: [1, 99] }], [2, { packed: [1, 1] }]]]), 'dangling-id', {
      where: 'sample[2].location_id[1]',
      says: /is 99, but no location has that id/,
    });
    expectRejected(withExtra([4, [[1, 3], [2, 7]]]), 'dangling-id', { where: 'location[2].mapping_id', says: /no mapping/ });
    expectRejected(withExtra([4, [[1, 3], [4, [[1, 42]]]]]), 'dangling-id', {
      where: 'location[2].line[0].function_id',
      says: /is 42, but no function has that id/,
    });
    expectRejected(withExtra([4, [[1, 2 ** 40], [4, [[1, 42]]]]]), 'dangling-id', { where: 'location[2].line[0].function_id', says: /42/ });
    // 0 means "none" for mapping_id and function_id.
    expect(decode(withExtra([4, [[1, 3], [2, 0], [4, [[1, 0], [2, 5]]]]])).location[2]).toMatchObject({ mappingId: 0 });
  });

  it('string-index: indexes beyond the table or negative, in every kind of place', () => {
    const base = withExtra();
    const at = base.length;
    // function { id: 3, name: 1000 }: tag, length, id field (2 bytes), name tag; the index starts at +5.
    expectRejected(withExtra([5, [[1, 3], [2, 1000]]]), 'string-index', {
      where: 'function[2].name',
      offset: at + 5,
      says: /is string index 1000 but the string table has 9 entries/,
    });
    expectRejected(withExtra([5, [[1, 3], [4, -1]]]), 'string-index', { where: 'function[2].filename', says: /beyond 2\^53 \(or negative\)/ });
    expectRejected(withExtra([2, [[1, { packed: [1] }], [2, { packed: [1, 1] }], [3, [[1, 50]]]]]), 'string-index', {
      where: 'sample[2].label[0].key',
      says: /string index 50/,
    });
    expectRejected(withExtra([1, [[2, 9]]]), 'string-index', { where: 'sample_type[2].unit', says: /string index 9/ });
    expectRejected(withExtra([15, 99]), 'string-index', { where: 'doc_url', offset: at + 1, says: /string index 99/ });
    expectRejected(withExtra([13, { packed: [1, 77] }]), 'string-index', { where: 'comment[1]', says: /string index 77/ });
    expectRejected(withExtra([3, [[1, 2], [6, 9]]]), 'string-index', { where: 'mapping[1].build_id', says: /string index 9/ });
  });

  it('truncated: raw protobuf cut inside a message or a varint', () => {
    const file = raw(smallest());
    const cut = file.subarray(0, file.length >> 1);
    const error = expectRejected(cut, 'truncated', { says: /truncated/ });
    expect(error.offset).toBeLessThan(cut.length);
    // A 3-byte varint cut after its first byte.
    expectRejected(Buffer.concat([withExtra(), Buffer.from([(12 << 3) | 0, 0x80])]), 'truncated', {
      offset: withExtra().length + 1,
      says: /ends inside a varint/,
    });
  });

  it('truncated: gzip cut inside the compressed data, the trailer, the header', () => {
    const gz = smallest();
    expectRejected(gz.subarray(0, gz.length >> 1), 'truncated', { says: /gzip data ends inside the compressed data/ });
    expectRejected(gz.subarray(0, gz.length - 3), 'truncated', { says: /inside the 8-byte trailer/ });
    expectRejected(gz.subarray(0, 6), 'truncated', { says: /10-byte header/ });
  });

  it.each(wellFormedCorpus().filter((f) => f.bytes[0] === 0x1f).map((f) => [f.name, f] as const))(
    'gzip: %s with a trailer that announces a wrong size (decode sizes its buffer by it) is refused',
    (_name, file) => {
      for (const announced of [0, 1, file.bytes.length, 0xffffffff]) {
        const lying = Buffer.from(file.bytes);
        lying.writeUInt32LE(announced, lying.length - 4);
        expectRejected(lying, 'gzip', { says: /decompressed size does not match/ });
      }
    },
  );

  it('gzip: corrupt deflate data, wrong CRC, trailing bytes, unknown method', () => {
    const gz = smallest();
    const flipped = Buffer.from(gz);
    for (let i = 20; i < 40; i++) flipped[i] ^= 0xff;
    expectRejected(flipped, 'gzip', { says: /gzip data is corrupt/ });
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 8] ^= 1;
    expectRejected(badCrc, 'gzip', { says: /CRC-32/ });
    expectRejected(Buffer.concat([gz, Buffer.from([0, 0, 0])]), 'gzip', { says: /3 bytes of trailing data/ });
    const method = Buffer.from(gz);
    method[2] = 7;
    expectRejected(method, 'gzip', { says: /compression method 7/ });
  });

  it('malformed: wire garbage of every kind', () => {
    const base = withExtra();
    const at = base.length;
    expectRejected(Buffer.concat([base, Buffer.from([0x0b, 0x0c])]), 'malformed', { offset: at, says: /wire type 3.*deprecated protobuf group/ });
    expectRejected(Buffer.concat([base, Buffer.from([0x02, 0x00])]), 'malformed', { offset: at, says: /field number 0/ });
    const longVarint = Buffer.from([(12 << 3) | 0, ...new Array<number>(10).fill(0xff), 0x01]);
    expectRejected(Buffer.concat([base, longVarint]), 'malformed', { offset: at + 1, says: /longer than 10 bytes/ });
    // location { id: 3, line: <5 bytes claimed, 2 left in the location> }
    expectRejected(withExtra([4, new Uint8Array([0x08, 0x03, 0x22, 0x05, 0x08, 0x01])], [12, 10_000_000]), 'malformed', {
      where: 'location[2]',
      offset: at + 5, // tag and length of the location, its id field, the line's tag: then the length
      says: /claims 5 bytes but its enclosing message has only 2 left/,
    });
    expectRejected(withExtra([4, [[1, 'x']]]), 'malformed', { where: 'location[2].id', says: /wire type 2, which this field cannot have/ });
    expectRejected(withExtra([2, 5]), 'malformed', { where: 'sample[2]', offset: at, says: /wire type 0/ });
    expectRejected(pb([...baseFields().filter(([f]) => f !== 6), ...stringTable(['x', 'y'])]), 'malformed', {
      where: 'string_table[0]',
      says: /string_table\[0\] is "x" but must be ""/,
    });
    expectRejected(pb([[20, 1]]), 'malformed', { where: 'string_table', says: /no string_table/ });
    expectRejected(withExtra([2, [[1, { packed: [1] }], [2, { packed: [1] }]]]), 'malformed', {
      where: 'sample[2].value',
      says: /has 1 values but the profile has 2 sample types/,
    });
  });

  it('value-out-of-range: ids, lines and columns beyond 2^53', () => {
    expectRejected(withExtra([4, [[1, 2n ** 53n]]]), 'value-out-of-range', { where: 'location[2].id', says: /beyond ±2\^53/ });
    expectRejected(withExtra([4, [[1, 3], [4, [[1, 1], [2, 2n ** 60n]]]]]), 'value-out-of-range', { where: 'location[2].line[0].line', says: /beyond/ });
    expectRejected(withExtra([4, [[1, 3], [4, [[1, 1], [3, -(2n ** 60n)]]]]]), 'value-out-of-range', { where: 'location[2].line[0].column', says: /beyond/ });
    expectRejected(withExtra([5, [[1, 3], [5, 2n ** 62n]]]), 'value-out-of-range', { where: 'function[2].start_line', says: /beyond/ });
    expectRejected(withExtra([2, [[1, { packed: [1, 2n ** 63n] }], [2, { packed: [1, 1] }]]]), 'value-out-of-range', {
      where: 'sample[2].location_id[1]',
      says: /beyond/,
    });
    expectRejected(withExtra([3, [[1, -1]]]), 'value-out-of-range', { where: 'mapping[1].id', says: /beyond/ });
  });
});

/** Entries of string_table (field 6) in a raw profile, counted with protobufjs' Reader. */
function countStrings(bytes: Uint8Array): number {
  const reader = Reader.create(bytes);
  let count = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 6) count++;
    reader.skipType(tag & 7);
  }
  return count;
}
