// compactForPgo must not change one PGO decision: `go tool preprofile` (what the compiler reads)
// prints the same bytes for every PGO-usable corpus file, Go fixture profile and NewGraph corner
// case before and after compaction, at both levels (default at the smallest and the default
// keepFrames); a hand-built recursion shows that addresses and leaf lines matter (dropping them
// naively changes preprofile's output) and are kept where needed.
import { type CorpusFile, pgoUsableCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS } from '../../../tools/test-support/go-fixtures';
import { compactForPgo, LEAF_LINE, type CompactOptions } from './compact';
import { decode } from './decode';
import { encode } from './encode';
import type { Profile } from './model';
import { buildProfile, stringLabel } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { CORNER_CASES, CORNER_START_LINES } from './test-support/corner-cases';
import { fixturesWithPreprofile, preprofileEdges, preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

describe('compactForPgo keeps go tool preprofile output byte-identical', () => {
  const files = pgoUsableCorpus();

  it('runs on the whole PGO-usable corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s at keepFrames 2 and 5, and minimal', (_name, file: CorpusFile) => {
    const expected = preprofileText(file.path);
    expect(expected).toMatch(/^GO PREPROFILE V1\n.+/s);
    const profile = decode(file.bytes);
    const sizes: number[] = [];
    for (const options of LEVELS) {
      const compacted = compactForPgo(profile, options);
      expect(preprofileOf(compacted)).toBe(expected);
      sizes.push(encode(compacted).length);
    }
    // Each level is smaller than the one that keeps more.
    expect(sizes[1]).toBeLessThan(file.bytes.length);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[2]).toBeLessThan(sizes[0]!);
  }, GO_TIMEOUT_MS);

  it('on every Go fixture profile', async () => {
    for (const { fixture, expected } of await fixturesWithPreprofile()) {
      for (const options of LEVELS) expect(preprofileOf(compactForPgo(decode(fixture.bytes), options))).toBe(expected);
    }
  }, FIXTURE_TIMEOUT_MS);

  it.each(CORNER_CASES)('on a corner of NewGraph: %s', (_name, samples) => {
    const profile = buildProfile({ startLines: CORNER_START_LINES, samples });
    const expected = preprofileOf(profile);
    for (const options of LEVELS) expect(preprofileOf(compactForPgo(profile, options))).toBe(expected);
  }, GO_TIMEOUT_MS);
});

const LEVELS: CompactOptions[] = [{ keepFrames: 2 }, { keepFrames: 5 }, { level: 'minimal' }];

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

describe('compactForPgo and leaf lines', () => {
  const startLines = { 'main.work': 10, 'main.loop': 20, 'main.main': 30 };

  it('aggregates the leaf line: samples that differ only by it merge', () => {
    const profile = buildProfile({
      startLines,
      samples: [11, 12, 13, 14].map((line) => ({ stack: [`main.work@${line}`, 'main.loop@22', 'main.main@31'], values: [line, 10 * line] })),
    });
    const compacted = compactForPgo(profile);
    expect(compacted.sample).toEqual([{ locationId: expect.any(Array), value: [11 + 12 + 13 + 14], label: [] }]);
    expect(compacted.location.map((l) => l.line.map((x) => x.line)).sort()).toEqual([[LEAF_LINE], [22], [31]]);
    expect(preprofileOf(compacted)).toBe(preprofileOf(profile));
  }, GO_TIMEOUT_MS);

  it('keeps the leaf line where the leaf function is also on the frame above: setting it naively changes preprofile', () => {
    const [first, second] = CORNER_CASES[0]![1];
    const recursion = buildProfile({ startLines: CORNER_START_LINES, samples: [first!, second!] });
    // The second sample's two fib frames are one location, so one node: no fib -> fib edge; a
    // leaf line set to 0 makes them two nodes and adds one.
    const naive = buildProfile({
      startLines: CORNER_START_LINES,
      samples: [first!, { ...second!, stack: [{ lines: [`main.fib@${LEAF_LINE}`], address: 0x1020 }, ...second!.stack.slice(1)] }],
    });
    const expected = preprofileOf(recursion);
    expect(preprofileOf(naive)).not.toBe(expected);
    const compacted = compactForPgo(recursion);
    expect(preprofileOf(compacted)).toBe(expected);
    expect(compacted.location.flatMap((l) => l.line.map((x) => x.line))).not.toContain(LEAF_LINE);
  }, GO_TIMEOUT_MS);

  it('keeps every leaf line when values are negative (node weights may cancel out)', () => {
    const diff = buildProfile({
      startLines,
      samples: [
        { stack: ['main.work@11', 'main.loop@22'], values: [3, 30] },
        { stack: ['main.work@12', 'main.loop@22'], values: [-1, -10] },
      ],
    });
    const compacted = compactForPgo(diff);
    expect(compacted.location.flatMap((l) => l.line.map((x) => x.line)).sort()).toEqual([11, 12, 22]);
    expect(preprofileOf(compacted)).toBe(preprofileOf(diff));
  }, GO_TIMEOUT_MS);
});

describe('compactForPgo at the minimal level', () => {
  const grpc = pgoUsableCorpus().find((f) => f.name.includes('grpc-anon'))!;

  it('keeps the edge list alone: one function per name at start_line 1, one location per path of edges', () => {
    const original = decode(grpc.bytes);
    const minimal = compactForPgo(original, { level: 'minimal' });
    const edges = preprofileEdges(preprofileText(grpc.path));
    expect(new Set(minimal.function.map((f) => f.name)).size).toBe(minimal.function.length);
    expect(minimal.function.every((f) => f.startLine === 1 && f.filename === '' && f.systemName === '')).toBe(true);
    // A sample per location, and fewer of them than edges: paths carry several.
    expect(minimal.sample.every((s) => s.locationId.length === 1 && s.label.length === 0)).toBe(true);
    expect(minimal.sample.length).toBe(minimal.location.length);
    expect(minimal.location.length).toBeLessThan(edges.length);
    // Each location: a callee at line 0 (innermost), then callers at 1 + their offset.
    const offsets = new Map(edges.map((e) => [`${e.caller}\n${e.offset}`, e.offset]));
    const names = new Map(minimal.function.map((f) => [f.id, f.name]));
    for (const location of minimal.location) {
      expect(location.line[0]!.line).toBe(0);
      for (const line of location.line.slice(1)) expect(offsets.get(`${names.get(line.functionId)}\n${line.line - 1}`)).toBe(line.line - 1);
    }
    expect(minimal.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
    expect([minimal.durationNanos, minimal.period]).toEqual([original.durationNanos, original.period]);
  });

  it('refuses keepFrames and unknown levels, and what preprofile refuses', () => {
    const profile = decode(grpc.bytes);
    expect(catchError(() => compactForPgo(profile, { level: 'minimal', keepFrames: 5 }))).toMatchObject({ code: 'invalid-option', option: 'keepFrames' });
    expect(catchError(() => compactForPgo(profile, { level: 'tiny' as 'minimal' }))).toMatchObject({ code: 'invalid-option', option: 'level' });
    const noStartLine = buildProfile({ startLines: { 'main.a': 0, 'main.b': 0 }, samples: [{ stack: ['main.a@1', 'main.b@2'], values: [1, 10] }] });
    expect(catchError(() => compactForPgo(noStartLine, { level: 'minimal' }))).toMatchObject({ code: 'no-start-line' });
    const heap = buildProfile({ sampleTypes: ['alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [64] }] });
    expect(catchError(() => compactForPgo(heap, { level: 'minimal' }))).toMatchObject({ code: 'not-pgo-profile' });
    expect(compactForPgo(buildProfile({ samples: [] }), { level: 'minimal' }).sample).toEqual([]);
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
