// compactForPgo must not change one PGO decision: `go tool preprofile` (what the compiler reads)
// prints the same bytes for every PGO-usable corpus file and Go fixture profile before and after
// compaction, at the smallest and the default keepFrames; and a hand-built recursion shows that
// addresses matter (dropping them naively changes preprofile's output) and are kept where needed.
import { type CorpusFile, pgoUsableCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles } from '../../../tools/test-support/go-fixtures';
import { compactForPgo } from './compact';
import { decode } from './decode';
import { encode } from './encode';
import type { Profile } from './model';
import { buildProfile, stringLabel } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

describe('compactForPgo keeps go tool preprofile output byte-identical', () => {
  const files = pgoUsableCorpus();

  it('runs on the whole PGO-usable corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s at keepFrames 2 and 5', (_name, file: CorpusFile) => {
    const expected = preprofileText(file.path);
    expect(expected).toMatch(/^GO PREPROFILE V1\n.+/s);
    const profile = decode(file.bytes);
    for (const keepFrames of [2, 5]) {
      const compacted = compactForPgo(profile, { keepFrames });
      expect(preprofileOf(compacted)).toBe(expected);
      expect(encode(compacted).length).toBeLessThan(file.bytes.length);
    }
  }, GO_TIMEOUT_MS);

  it('on every Go fixture profile', async () => {
    const fixtures = await fixtureProfiles();
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const fixture of fixtures) {
      const expected = preprofileText(fixture.path);
      expect(expected).toMatch(/^GO PREPROFILE V1\n.+/s);
      for (const keepFrames of [2, 5]) expect(preprofileOf(compactForPgo(decode(fixture.bytes), { keepFrames }))).toBe(expected);
    }
  }, FIXTURE_TIMEOUT_MS);
});

describe('compactForPgo and addresses', () => {
  // fib's leaf runs on line 12, the line where fib calls itself: the two leaf-most frames are
  // one {name, line, start_line} at two addresses, so NewGraph sees two nodes and counts the
  // fib -> fib edge; with equal addresses they are one node and the edge is skipped.
  const fib = (leafAddress: number, leafLine = 12): { lines: string[]; address: number } => ({ lines: [`main.fib@${leafLine}`], address: leafAddress });
  const caller = { lines: ['main.fib@12'], address: 0x1020 };
  const main = { lines: ['main.main@22'], address: 0x2000 };
  const recursion = buildProfile({
    startLines: { 'main.fib': 10, 'main.main': 20 },
    samples: [
      { stack: [fib(0x1010), caller, main], values: [7, 70] },
      { stack: [fib(0x1000, 11), caller, main], values: [3, 30] },
    ],
  });

  it('a naive compaction (all addresses 0) would change preprofile output', () => {
    const expected = preprofileOf(recursion);
    expect(expected).toBe('GO PREPROFILE V1\nmain.fib\nmain.fib\n2 10\n');
    const compacted = compactForPgo(recursion);
    const naive = { ...compacted, location: compacted.location.map((l) => ({ ...l, address: 0 })) };
    expect(preprofileOf(naive)).toBe('GO PREPROFILE V1\nmain.fib\nmain.fib\n2 3\n');
    expect(preprofileOf(compacted)).toBe(expected);
    // The two fib@12 frames kept distinct surrogates; everything else is 0.
    expect(compacted.location.map((l) => [l.line.map((x) => x.line), l.address])).toEqual(
      expect.arrayContaining([
        [[12], 0],
        [[12], 1],
      ]),
    );
  });

  it('keeps every address apart when values are negative: a node whose weights cancel out is dropped', () => {
    // Two PCs of main.x@12 never share a sample, but the first one's weights add up to 0, so
    // NewGraph drops that node with its edges; merged with the second one, it would not be.
    const x = (address: number): { lines: string[]; address: number } => ({ lines: ['main.x@12'], address });
    const diff = buildProfile({
      startLines: { 'main.x': 10, 'main.y': 20, 'main.z': 30, 'main.w': 40 },
      samples: [
        { stack: [{ lines: ['main.y@21'], address: 0x3000 }, x(0x1000)], values: [5, 50] },
        { stack: [{ lines: ['main.z@31'], address: 0x4000 }, x(0x1000)], values: [-5, -50] },
        { stack: [{ lines: ['main.w@41'], address: 0x5000 }, x(0x1008)], values: [2, 20] },
      ],
    });
    const expected = preprofileOf(diff);
    expect(expected).toBe('GO PREPROFILE V1\nmain.x\nmain.w\n2 2\n');
    const compacted = compactForPgo(diff);
    expect(preprofileOf(compacted)).toBe(expected);
    const merged = { ...compacted, location: compacted.location.map((l) => ({ ...l, address: 0 })) };
    expect(preprofileOf(merged)).not.toBe(expected);
  });

  it('drops addresses nobody needs, so locations and samples that differ only by address merge', () => {
    // Three PCs on fib's line 11 (never next to another fib@11 frame): one location after compaction.
    const spread = buildProfile({
      startLines: { 'main.fib': 10, 'main.main': 20 },
      samples: [0x1000, 0x1004, 0x1008].map((address) => ({ stack: [fib(address, 11), caller, main], values: [1, 10] })),
    });
    const compacted = compactForPgo(spread);
    expect(compacted.location.every((l) => l.address === 0)).toBe(true);
    expect(compacted.location).toHaveLength(3);
    expect(compacted.sample).toEqual([{ locationId: expect.any(Array), value: [3], label: [] }]);
    expect(preprofileOf(compacted)).toBe(preprofileOf(spread));
  });
});

describe('compactForPgo output', () => {
  const grpc = pgoUsableCorpus().find((f) => f.name.includes('grpc-anon'))!;

  it('holds only what PGO reads, each piece once', () => {
    const original = decode(grpc.bytes);
    expect(original.sample.some((s) => s.label.length > 0)).toBe(true);
    const c = compactForPgo(original, { keepFrames: 3 });
    expect(c.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
    expect([c.mapping, c.comments, c.dropFrames, c.keepFrames, c.defaultSampleType, c.docUrl]).toEqual([[], [], '', '', '', '']);
    expect([c.periodType, c.period, c.durationNanos, c.timeNanos]).toEqual([original.periodType, original.period, original.durationNanos, original.timeNanos]);
    expect(c.sample.every((s) => s.label.length === 0 && s.locationId.length <= 3 && s.value.length === 1 && s.value[0] !== 0)).toBe(true);
    expect(new Set(c.sample.map((s) => s.locationId.join(','))).size).toBe(c.sample.length);
    expect(c.function.every((f) => f.filename === '' && f.systemName === '')).toBe(true);
    expect(c.location.every((l) => l.mappingId === 0 && !l.isFolded)).toBe(true);
    // Ids are 1..n and everything is referenced.
    expect(c.location.map((l) => l.id)).toEqual(c.location.map((_, i) => i + 1));
    expect(c.function.map((f) => f.id)).toEqual(c.function.map((_, i) => i + 1));
    expect(new Set(c.sample.flatMap((s) => s.locationId)).size).toBe(c.location.length);
    expect(new Set(c.location.flatMap((l) => l.line.map((x) => x.functionId))).size).toBe(c.function.length);
    // Total weight is kept.
    const total = (p: Profile, i: number): number => p.sample.reduce((sum, s) => sum + Number(s.value[i]), 0);
    expect(total(c, 0)).toBe(total(original, 0));
  });

  it('adds up samples that become identical once cut, and keeps the sample type PGO reads', () => {
    const deep = (root: string): string[] => ['main.a@3', 'main.b@4', 'main.c@5', 'main.d@6', 'main.e@7', root];
    const p = buildProfile({
      sampleTypes: ['alloc/bytes', 'cpu/nanoseconds', 'samples/count'],
      samples: [
        { stack: deep('main.x@1'), values: [1, 20, 2], labels: [stringLabel('k', 'v')] },
        { stack: deep('main.y@1'), values: [1, 30, 3] },
        { stack: deep('main.z@1'), values: [1, 0, 9] },
      ],
    });
    const c = compactForPgo(p, { keepFrames: 5 });
    expect(c.sampleType).toEqual([{ type: 'cpu', unit: 'nanoseconds' }]);
    expect(c.sample.map((s) => s.value)).toEqual([[50]]);
    expect(c.function.map((f) => f.name)).toEqual(['main.a', 'main.b', 'main.c', 'main.d', 'main.e']);
    expect(preprofileOf(c)).toBe(preprofileOf(p));
  });

  it('does not change its input and gives the same output for the same input', () => {
    const original = decode(grpc.bytes);
    const before = structuredClone(original);
    const once = encode(compactForPgo(original));
    expect(original).toEqual(before);
    expect(Buffer.from(encode(compactForPgo(original))).equals(Buffer.from(once))).toBe(true);
  });

  it.each([1, 0, 2.5, Number.NaN])('refuses keepFrames %p', (keepFrames) => {
    const error = catchError(() => compactForPgo(decode(grpc.bytes), { keepFrames }));
    expect(error).toBeInstanceOf(TransformError);
    expect(error).toMatchObject({ code: 'invalid-option', option: 'keepFrames' });
  });

  it('refuses a profile PGO cannot read, as preprofile does; an empty one stays empty', () => {
    const heap = buildProfile({ sampleTypes: ['alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [64] }] });
    expect(preprofileOf(heap)).toMatch(/^rejected: .*samples\/count/s);
    expect(catchError(() => compactForPgo(heap))).toMatchObject({ code: 'not-pgo-profile' });
    const empty = buildProfile({ sampleTypes: ['alloc/bytes'], samples: [] });
    const compacted = compactForPgo(empty);
    expect(compacted.sample).toEqual([]);
    expect(preprofileOf(compacted)).toBe(preprofileOf(empty));
  }, GO_TIMEOUT_MS);
});
