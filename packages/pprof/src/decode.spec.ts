import { gunzipSync } from 'node:zlib';
import { corpusFiles, wellFormedCorpus } from '../../../tools/test-support/corpus';
import { pprofRaw } from '../../../tools/test-support/go-tool';
import { decode } from './decode';
import type { Int64, Label, Profile } from './model';
import { goRawText } from './test-support/go-raw-text';
import { STRINGS, baseFields, pb, stringTable } from './test-support/pb';
import { expectSameProfile } from './test-support/same-profile';
import type { PbField } from './test-support/pb';

// Go prints Time in the local zone; go-tool.ts passes process.env to the go command.
process.env.TZ = 'UTC';

const raw = (bytes: Uint8Array): Buffer => (bytes[0] === 0x1f ? gunzipSync(bytes) : Buffer.from(bytes));

/** Every Int64 of a profile, with where it sits. */
function int64s(p: Profile): [string, Int64][] {
  const out: [string, Int64][] = [
    ['time_nanos', p.timeNanos],
    ['duration_nanos', p.durationNanos],
    ['period', p.period],
  ];
  p.sample.forEach((s, i) => s.value.forEach((v, k) => out.push([`sample[${i}].value[${k}]`, v])));
  p.sample.forEach((s, i) => s.label.forEach((l, k) => out.push([`sample[${i}].label[${k}].num`, l.num])));
  p.location.forEach((l, i) => out.push([`location[${i}].address`, l.address]));
  p.mapping.forEach((m, i) => {
    out.push([`mapping[${i}].memory_start`, m.memoryStart], [`mapping[${i}].memory_limit`, m.memoryLimit]);
    out.push([`mapping[${i}].file_offset`, m.fileOffset]);
  });
  return out;
}

describe('decode: every well-formed corpus file reads as Go reads it', () => {
  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))(
    '%s: `go tool pprof -raw` prints exactly our decoded profile',
    (_name, file) => {
      // Profile.String() covers every sample (values, location ids, labels), location (address,
      // mapping, lines with function name, file, line, column, start line), mapping, the period,
      // the exact time in nanoseconds and the comments: any field we misread shows as a diff.
      expect(goRawText(decode(file.bytes))).toBe(pprofRaw(file.path));
    },
    60_000,
  );

  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))(
    '%s: raw protobuf decodes like the gzip file; Int64 in normal form',
    (_name, file) => {
      const fromGzip = decode(file.bytes);
      expectSameProfile(decode(raw(file.bytes)), fromGzip);
      for (const [where, value] of int64s(fromGzip)) {
        const normal = typeof value === 'number' ? Number.isSafeInteger(value) : !Number.isSafeInteger(Number(value));
        if (!normal) throw new Error(`${where} = ${String(value)} (${typeof value}) is not in Int64 normal form`);
      }
      // Real profiles have nanosecond timestamps beyond 2^53: they must come out as exact bigints.
      expect(typeof fromGzip.timeNanos).toBe('bigint');
    },
  );

  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))(
    '%s: equal string labels are one frozen object, equal label lists one frozen array',
    (_name, file) => {
      const p = decode(file.bytes);
      const first = <T>(seen: Map<string, T>, key: string, value: T): T => {
        if (!seen.has(key)) seen.set(key, value);
        return seen.get(key)!;
      };
      const labels = new Map<string, Label>();
      const lists = new Map<string, Label[]>();
      for (const s of p.sample) {
        expect(Object.isFrozen(s.label)).toBe(true);
        // Numeric labels (heap profiles) are not shared.
        if (s.label.some((l) => l.str === '' || l.num !== 0 || l.numUnit !== '')) continue;
        for (const l of s.label) expect(first(labels, `${l.key}=${l.str}`, l)).toBe(l);
        expect(first(lists, s.label.map((l) => `${l.key}=${l.str}`).join(','), s.label)).toBe(s.label);
      }
      // Shared, so an edit in place must fail loudly rather than change other samples.
      const labelled = p.sample.find((s) => s.label.length > 0) ?? p.sample[0]!;
      expect(() => labelled.label.push({ key: 'k', str: 'v', num: 0, numUnit: '' })).toThrow(TypeError);
    },
  );

  it('the corpus holds what these tests claim to cover', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(17);
    expect(wellFormedCorpus().some((f) => decode(f.bytes).sample.some((s) => s.label.length > 0))).toBe(true);
    expect(wellFormedCorpus().some((f) => decode(f.bytes).location.some((l) => l.line.length > 1))).toBe(true);
  });
});

describe('decode: wire-format variants', () => {
  const base = decode(pb(baseFields()));

  it('reads the hand-made base profile field by field', () => {
    expect(base.sampleType).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ]);
    expect(base.sample).toEqual([
      { locationId: [1, 2], value: [1, 10_000_000], label: [] },
      { locationId: [2], value: [3, 30_000_000], label: [] },
    ]);
    expect(base.location[0]).toEqual({
      id: 1,
      mappingId: 1,
      address: 0x401000,
      line: [{ functionId: 2, line: 12, column: 0 }],
      isFolded: false,
    });
    expect(base.function[1]).toEqual({ id: 2, name: 'main.work', systemName: 'main.work', filename: 'main.go', startLine: 10 });
    expect(base.mapping[0]).toMatchObject({ id: 1, memoryStart: 0x400000, memoryLimit: 0x500000, filename: '/bin/app', hasFunctions: true });
    expect(base.timeNanos).toBe(1_700_000_000_000_000_000n);
    expect(base.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
  });

  it('reads unpacked repeated scalars (one tag per element) like packed ones', () => {
    const unpacked = baseFields().map(([field, value]): PbField => {
      if (field !== 2 || !Array.isArray(value)) return [field, value];
      return [
        2,
        value.flatMap(([f, v]): PbField[] =>
          typeof v === 'object' && v !== null && 'packed' in v ? v.packed.map((x): PbField => [f, x]) : [[f, v]],
        ),
      ];
    });
    expect(decode(pb(unpacked))).toEqual(base);
    // A list split over several runs, packed and not, is one list.
    const split = baseFields();
    split[2] = [2, [[1, { packed: [1] }], [1, 2], [2, 1], [2, { packed: [10_000_000] }]]];
    expect(decode(pb(split)).sample[0]).toEqual(base.sample[0]);
  });

  it('skips fields it does not know, of every wire type, at any depth', () => {
    const tag = (field: number, wire: number): number[] => {
      const bytes: number[] = [];
      for (let v = (field << 3) | wire; ; v >>>= 7) {
        if (v < 0x80) return [...bytes, v];
        bytes.push((v & 0x7f) | 0x80);
      }
    };
    const fixed64 = [...tag(97, 1), 1, 2, 3, 4, 5, 6, 7, 8];
    const fixed32 = [...tag(96, 5), 1, 2, 3, 4];
    const fields = baseFields();
    fields[7] = [5, [[1, 1], [9, 1], [2, 5], [300, 'ignored'], [3, 5], [4, 6], [5, 3], [11, [[1, 1]]]]];
    const withUnknown = Buffer.concat([
      pb(fields),
      pb([
        [99, 7],
        [98, 'bytes'],
      ]),
      Buffer.from(fixed64),
      Buffer.from(fixed32),
    ]);
    expect(decode(withUnknown)).toEqual(base);
  });

  it('returns Int64 as number when safe and as exact bigint otherwise, signed or not as profile.proto says', () => {
    const fields = baseFields();
    fields[2] = [2, [[1, { packed: [1] }], [2, { packed: [2 ** 53 - 1, 2n ** 53n] }]]];
    fields[3] = [2, [[1, { packed: [2] }], [2, { packed: [-(2 ** 53 - 1), -(2n ** 53n)] }]]];
    fields.push([4, [[1, 3], [3, 0xffffffffffffffffn]]]); // uint64 address: all bits set
    fields.push([2, [[2, { packed: [-1, -10_000_000] }], [3, [[1, 3], [3, -5], [4, 4]]]]]);
    const p = decode(pb(fields));
    expect(p.sample[0].value).toEqual([2 ** 53 - 1, 2n ** 53n]);
    expect(p.sample[1].value).toEqual([-(2 ** 53 - 1), -(2n ** 53n)]);
    expect(p.sample[2].value).toEqual([-1, -10_000_000]);
    expect(p.sample[2].label).toEqual([{ key: 'cpu', str: '', num: -5, numUnit: 'nanoseconds' }]);
    expect(p.location[2].address).toBe(0xffffffffffffffffn);
  });

  it('reads every optional field: comments (packed and not), doc_url, default_sample_type, folding, columns, frames', () => {
    const strings = [...STRINGS, 'a comment', 'https://example.com/doc', 'runtime\\..*', 'main\\..*', 'bytes', 'second'];
    const fields: PbField[] = [
      ...baseFields().filter(([field]) => field !== 6 && field !== 4),
      ...stringTable(strings),
      [4, [[1, 1], [2, 1], [3, 0x401000], [4, [[1, 2], [2, 12], [3, 7]]], [4, [[1, 1], [2, 4], [3, 2]]], [5, 1]]],
      [4, [[1, 2], [4, [[1, 1], [2, 5]]]]],
      [7, 11],
      [8, 12],
      [13, { packed: [9, 14] }],
      [13, 9],
      [14, 3],
      [15, 10],
    ];
    const p = decode(pb(fields));
    expect(p.comments).toEqual(['a comment', 'second', 'a comment']);
    expect(p.docUrl).toBe('https://example.com/doc');
    expect(p.defaultSampleType).toBe('cpu');
    expect(p.dropFrames).toBe('runtime\\..*');
    expect(p.keepFrames).toBe('main\\..*');
    expect(p.location[0]).toEqual({
      id: 1,
      mappingId: 1,
      address: 0x401000,
      line: [
        { functionId: 2, line: 12, column: 7 },
        { functionId: 1, line: 4, column: 2 },
      ],
      isFolded: true,
    });
    expect(p.location[1].mappingId).toBe(0);
  });

  it('accepts a profile that is only a string table, and a missing period_type as undefined', () => {
    const p = decode(pb(stringTable([''])));
    expect(p.sample).toEqual([]);
    expect(p.periodType).toBeUndefined();
    expect(p.timeNanos).toBe(0);
  });
});
