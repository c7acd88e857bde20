// A bounded, deterministic fuzz test: corpus files mutated thousands of times (seeded PRNG),
// each result either rejected with a ProfileFormatError or decoded into a Profile that
// re-encodes and decodes back to itself. Nothing else may come out: no RangeError, no
// TypeError, no hang.
import { gunzipSync, gzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { corpusFiles } from '../../../tools/test-support/corpus';
import { decode } from './decode';
import { encode } from './encode';
import { ProfileFormatError } from './errors';

/** mulberry32: a tiny seeded PRNG, so a failure reproduces from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mutations of raw protobuf bytes. */
const MUTATIONS: ((bytes: Buffer, random: () => number) => Buffer)[] = [
  function flipBits(bytes, random) {
    const out = Buffer.from(bytes);
    for (let n = 1 + Math.floor(random() * 8); n > 0; n--) out[Math.floor(random() * out.length)] ^= 1 << Math.floor(random() * 8);
    return out;
  },
  function overwriteBytes(bytes, random) {
    const out = Buffer.from(bytes);
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  },
  function truncate(bytes, random) {
    return bytes.subarray(0, Math.floor(random() * bytes.length));
  },
  function duplicateRange(bytes, random) {
    const start = Math.floor(random() * bytes.length);
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 64));
    const at = Math.floor(random() * bytes.length);
    return Buffer.concat([bytes.subarray(0, at), bytes.subarray(start, end), bytes.subarray(at)]);
  },
  function removeRange(bytes, random) {
    const start = Math.floor(random() * bytes.length);
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 64));
    return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
  },
];

/** Mutations per file: fewer for big files, so the whole run stays well under 20 s on 2 cores. */
const BYTES_PER_FILE = 3_000_000;
const MIN_RUNS = 6;
const MAX_RUNS = 900;

interface Tally {
  runs: number;
  accepted: number;
  rejected: Map<string, number>;
}

function fuzzOne(bytes: Buffer, random: () => number, tally: Tally, label: string): void {
  let input: Buffer;
  const raw = bytes[0] === 0x1f ? gunzipSync(bytes) : bytes;
  const choice = random();
  if (choice < 0.1 && bytes[0] === 0x1f) {
    // Damage the gzip stream itself.
    input = MUTATIONS[Math.floor(random() * MUTATIONS.length)](bytes, random);
  } else {
    input = MUTATIONS[Math.floor(random() * MUTATIONS.length)](raw, random);
    if (choice > 0.7) input = gzipSync(input, { level: 1 });
  }
  tally.runs++;
  let profile;
  try {
    profile = decode(input);
  } catch (error) {
    if (!(error instanceof ProfileFormatError)) {
      throw new Error(`${label}: decode threw ${String(error)}, not a ProfileFormatError`, { cause: error });
    }
    if (error.message.length < 20) throw new Error(`${label}: the message "${error.message}" says nothing`);
    tally.rejected.set(error.code, (tally.rejected.get(error.code) ?? 0) + 1);
    return;
  }
  tally.accepted++;
  const again = decode(encode(profile));
  if (!isDeepStrictEqual(again, profile)) throw new Error(`${label}: a decoded mutant does not survive encode → decode`);
}

describe('decode fuzz', () => {
  it('mutated corpus files give a ProfileFormatError or a Profile that round-trips, nothing else', () => {
    const tally: Tally = { runs: 0, accepted: 0, rejected: new Map() };
    const started = performance.now();
    for (const [index, file] of corpusFiles().entries()) {
      const size = file.bytes[0] === 0x1f ? gunzipSync(file.bytes).length : file.bytes.length;
      const runs = Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.round(BYTES_PER_FILE / size)));
      const random = prng(0x5eed + index);
      for (let run = 0; run < runs; run++) fuzzOne(file.bytes, random, tally, `${file.name} mutation ${run}`);
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `decode fuzz: ${tally.runs} mutations in ${seconds.toFixed(1)} s; ${tally.accepted} accepted; ` +
        `rejected ${JSON.stringify(Object.fromEntries(tally.rejected))}\n`,
    );
    expect(tally.runs).toBeGreaterThanOrEqual(4000);
    // The mutations reach past the first check: many kinds of rejection, and some mutants that are still profiles.
    expect(tally.accepted).toBeGreaterThan(50);
    expect([...tally.rejected.keys()]).toEqual(
      expect.arrayContaining(['truncated', 'malformed', 'gzip', 'string-index', 'dangling-id', 'legacy-format']),
    );
  }, 120_000);
});
