import { Reader } from 'protobufjs/minimal';
import { wellFormedCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles } from '../../../tools/test-support/go-fixtures';
import type { FixtureProfile } from '../../../tools/test-support/go-fixtures';
import { pprofRaw, withTempFile } from '../../../tools/test-support/go-tool';
import { decode } from './decode';
import { encode } from './encode';
import { ProfileFormatError } from './errors';
import type { Profile } from './model';
import { emptyProfile } from './model';
import { goRawText } from './test-support/go-raw-text';
import { expectSameProfile } from './test-support/same-profile';

// Go prints Time in the local zone; go-tool.ts passes process.env to the go command.
process.env.TZ = 'UTC';

/** decode → encode → decode keeps every field, gzip or not, and Go reads our bytes as it reads the original. */
function expectRoundTrip(name: string, path: string, bytes: Uint8Array): void {
  const decoded = decode(bytes);
  const encoded = encode(decoded);
  expect([encoded[0], encoded[1]]).toEqual([0x1f, 0x8b]);
  expectSameProfile(decode(encoded), decoded);
  expectSameProfile(decode(encode(decoded, { gzip: false })), decoded);
  expect(withTempFile(encoded, pprofRaw, `${name}.pb.gz`)).toBe(pprofRaw(path));
}

describe('encode: round trip of every well-formed corpus file', () => {
  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', (name, file) => expectRoundTrip(name, file.path, file.bytes), 120_000);
});

describe('encode: round trip of the Go fixture profiles', () => {
  let fixtures: FixtureProfile[] = [];
  beforeAll(async () => {
    fixtures = await fixtureProfiles();
  }, FIXTURE_TIMEOUT_MS);

  it(
    'every fixture profile',
    () => {
      expect(fixtures.length).toBeGreaterThan(0);
      for (const fixture of fixtures) expectRoundTrip(fixture.name, fixture.path, fixture.bytes);
    },
    FIXTURE_TIMEOUT_MS,
  );
});

/** A profile that sets every field profile.proto has, with values at the edges of Int64. */
function everyField(): Profile {
  return {
    sampleType: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    sample: [
      {
        locationId: [1, 2],
        value: [1, -10_000_000],
        label: [
          { key: 'region', str: 'eu-west', num: 0, numUnit: '' },
          { key: 'request_bytes', str: '', num: 4096, numUnit: 'bytes' },
          { key: 'delta', str: '', num: -3, numUnit: '' },
        ],
      },
      { locationId: [3, 2], value: [2, 2n ** 60n], label: [] },
      { locationId: [2], value: [-(2n ** 62n), 0], label: [] },
    ],
    mapping: [
      {
        id: 1,
        memoryStart: 0x400000,
        memoryLimit: 0x800000,
        fileOffset: 0x1000,
        filename: '/usr/bin/app',
        buildId: 'b1d0c0ffee',
        hasFunctions: true,
        hasFilenames: true,
        hasLineNumbers: true,
        hasInlineFrames: true,
      },
      {
        id: 2,
        memoryStart: 0xffffffff81000000n,
        memoryLimit: 0xffffffff82000000n,
        fileOffset: 0,
        filename: '[kernel.kallsyms]',
        buildId: '',
        hasFunctions: false,
        hasFilenames: false,
        hasLineNumbers: false,
        hasInlineFrames: false,
      },
    ],
    location: [
      {
        id: 1,
        mappingId: 1,
        address: 0x401234,
        line: [
          { functionId: 1, line: 12, column: 5 },
          { functionId: 2, line: 30, column: 9 },
        ],
        isFolded: true,
      },
      { id: 2, mappingId: 1, address: 0x402000, line: [{ functionId: 2, line: 31, column: 0 }], isFolded: false },
      { id: 3, mappingId: 2, address: 0xffffffff81000010n, line: [{ functionId: 3, line: 1, column: 0 }], isFolded: false },
    ],
    function: [
      { id: 1, name: 'main.café', systemName: 'main.café', filename: '/src/main.go', startLine: 10 },
      { id: 2, name: 'main.main', systemName: 'main.main·f', filename: '/src/main.go', startLine: 25 },
      { id: 3, name: 'do_syscall_64', systemName: 'do_syscall_64', filename: '', startLine: 0 },
    ],
    dropFrames: 'runtime\\..*',
    keepFrames: 'main\\..*',
    timeNanos: 1_700_000_000_123_456_789n,
    durationNanos: 30_000_000_000,
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000,
    comments: ['captured by go-pgo', 'second comment'],
    defaultSampleType: 'cpu',
    docUrl: 'https://example.com/profiles',
  };
}

/** string_table of raw protobuf bytes, read with protobufjs' Reader. */
function stringTableOf(bytes: Uint8Array): string[] {
  const reader = Reader.create(bytes);
  const strings: string[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === ((6 << 3) | 2)) strings.push(reader.string());
    else reader.skipType(tag & 7);
  }
  return strings;
}

describe('encode: a hand-built profile with every field', () => {
  const profile = everyField();

  it('round-trips exactly: 64-bit values above 2^53, negative values, kernel addresses, every optional field', () => {
    expect(decode(encode(profile))).toEqual(profile);
    expect(decode(encode(profile, { gzip: false }))).toEqual(profile);
  });

  it('go tool pprof -raw reads our bytes as we meant them: the exact time, the negative values', () => {
    const text = withTempFile(encode(profile), pprofRaw);
    expect(text).toBe(goRawText(profile));
    expect(text).toContain('Time: 2023-11-14 22:13:20.123456789 +0000 UTC');
    expect(text).toContain('         1  -10000000: 1 2 \n');
    expect(text).toContain('-4611686018427387904          0: 2 \n');
    expect(text).toContain('request_bytes:[4096 bytes]');
    expect(text).toContain('0xffffffff81000010 M=2 do_syscall_64');
    expect(text).toContain('Doc: https://example.com/profiles');
    expect(text).toContain('cpu/nanoseconds[dflt]');
  });

  it('writes the string table with "" at index 0 and every string once', () => {
    const strings = stringTableOf(encode(profile, { gzip: false }));
    expect(strings[0]).toBe('');
    expect(new Set(strings).size).toBe(strings.length);
    expect(strings).toEqual(expect.arrayContaining(['main.café', 'runtime\\..*', 'main\\..*', 'second comment', 'bytes']));
  });

  it('encodes an empty profile as a string table of one ""', () => {
    const bytes = encode(emptyProfile(), { gzip: false });
    expect(stringTableOf(bytes)).toEqual(['']);
    expect(decode(bytes)).toEqual(emptyProfile());
  });

  it('writes an integer number beyond 2^53 as the exact integer it is', () => {
    const p = everyField();
    p.sample[0].value = [1, 2 ** 60];
    expect(decode(encode(p)).sample[0].value).toEqual([1, 2n ** 60n]);
  });

  it('refuses values it cannot write, naming the field', () => {
    const bad = (edit: (p: Profile) => void, where: string): void => {
      const p = everyField();
      edit(p);
      const error = (() => {
        try {
          encode(p);
        } catch (e) {
          return e;
        }
        throw new Error('encode accepted the profile');
      })();
      expect(error).toBeInstanceOf(ProfileFormatError);
      expect(error).toMatchObject({ code: 'value-out-of-range', where });
      expect((error as Error).message).toMatch(new RegExp(`^${where.replace(/[[\].]/g, '\\$&')} is .*fix the profile object`));
    };
    bad((p) => (p.sample[1].value[0] = 1.5), 'sample[1].value');
    bad((p) => (p.sample[0].label[2].num = Number.NaN), 'sample[0].label[2].num');
    bad((p) => (p.location[1].id = -1), 'location[1].id');
    bad((p) => (p.location[0].line[1].line = 0.5), 'location[0].line[1].line');
    bad((p) => (p.sample[2].locationId[0] = 2 ** 53), 'sample[2].location_id[0]');
    bad((p) => (p.function[2].startLine = Number.POSITIVE_INFINITY), 'function[2].start_line');
  });
});

describe("encode's compression for profiles that are kept", () => {
  it('smallest: the same profile in fewer bytes than the fast default, readable by Go', () => {
    const file = wellFormedCorpus().find((f) => f.name.includes('grpc-anon'))!;
    const profile = decode(file.bytes);
    const fast = encode(profile);
    const smallest = encode(profile, { compression: 'smallest' });
    expectSameProfile(decode(smallest), profile);
    expect(smallest.length).toBeLessThan(0.9 * fast.length);
    expect(withTempFile(smallest, pprofRaw)).toBe(pprofRaw(file.path));
  }, 120_000);
});
