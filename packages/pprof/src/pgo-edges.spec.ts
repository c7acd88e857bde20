// pgoEdges is the list Go's PGO builds: formatPreprofile of it is byte-identical to what
// `go tool preprofile` prints, on every PGO-usable corpus file, every Go fixture profile and
// hand-built profiles for the corners of NewGraph (recursion on one line, inlined frames, values
// that cancel out, zero values, 64-bit sums); and it refuses what preprofile refuses.
import { type CorpusFile, corpusFiles, pgoUsableCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS } from '../../../tools/test-support/go-fixtures';
import { compactForPgo } from './compact';
import { decode } from './decode';
import { edgeListFloor } from './edge-floor';
import { encode } from './encode';
import type { Profile } from './model';
import { compareGoStrings, formatPreprofile, pgoEdges } from './pgo-edges';
import { buildProfile } from './test-support/build-profile';
import { CORNER_CASES, CORNER_START_LINES } from './test-support/corner-cases';
import { catchError } from './test-support/catch-error';
import { fixturesWithPreprofile, preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

/** Our preprofile text, or `rejected` when pgoEdges throws. */
function ours(profile: Profile): string {
  try {
    return formatPreprofile(pgoEdges(profile));
  } catch (error) {
    if (error instanceof TransformError) return 'rejected';
    throw error;
  }
}

describe('pgoEdges against go tool preprofile', () => {
  it.each(corpusFiles().filter((f) => f.wellFormed).map((f) => [f.name, f] as const))('%s', (_name, file: CorpusFile) => {
    const expected = preprofileText(file.path);
    const text = ours(decode(file.bytes));
    if (file.pgoUsable) {
      expect(text.length).toBeGreaterThan(100);
      expect(Buffer.from(text).equals(Buffer.from(expected))).toBe(true);
    } else {
      expect(expected).toMatch(/^rejected: /);
      expect(text).toBe('rejected');
    }
  }, GO_TIMEOUT_MS);

  it('covers every PGO-usable corpus file', () => {
    expect(pgoUsableCorpus().length).toBeGreaterThanOrEqual(9);
  });

  it('on every Go fixture profile', async () => {
    for (const { fixture, expected } of await fixturesWithPreprofile()) expect(ours(decode(fixture.bytes))).toBe(expected);
  }, FIXTURE_TIMEOUT_MS);
});

describe('pgoEdges on the corners of NewGraph', () => {
  const startLines = CORNER_START_LINES;
  const cases = CORNER_CASES;

  it.each(cases)('%s', (_name, samples) => {
    for (const sampleTypes of [undefined, ['cpu/nanoseconds', 'samples/count']]) {
      const profile = buildProfile({ startLines, samples, sampleTypes });
      const expected = preprofileOf(profile);
      expect(expected).toMatch(/^GO PREPROFILE V1\n/);
      expect(ours(profile)).toBe(expected);
    }
  }, GO_TIMEOUT_MS);

  it('ranks names in Go byte order, where UTF-16 order differs', () => {
    // U+FF21 (Ａ) sorts before U+1F600 in UTF-8 bytes, after it in UTF-16 code units.
    const profile = buildProfile({
      startLines,
      samples: [
        { stack: ['main.a@31', 'main.\u{1F600}@2'], values: [1, 10] },
        { stack: ['main.a@31', 'main.\uFF21@2'], values: [1, 10] },
      ],
    });
    expect(ours(profile)).toBe(preprofileOf(profile));
    expect(compareGoStrings('\uFF21', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF21' < '\u{1F600}').toBe(false);
  }, GO_TIMEOUT_MS);

  it('refuses what preprofile refuses', () => {
    const noStartLine = buildProfile({ startLines: { 'main.a': 0, 'main.b': 0 }, samples: [{ stack: ['main.a@1', 'main.b@2'], values: [1, 10] }] });
    const zeroOnly = buildProfile({ startLines, samples: [{ stack: ['main.a@31', 'main.b@41'], values: [0, 0] }] });
    const heap = buildProfile({ sampleTypes: ['alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [64] }] });
    for (const profile of [noStartLine, zeroOnly, heap]) expect(preprofileOf(profile)).toMatch(/^rejected: /);
    expect(catchError(() => pgoEdges(noStartLine))).toMatchObject({ code: 'no-start-line' });
    expect(catchError(() => pgoEdges(zeroOnly))).toMatchObject({ code: 'no-start-line' });
    expect(catchError(() => pgoEdges(heap))).toMatchObject({ code: 'not-pgo-profile' });
    expect(pgoEdges(buildProfile({ sampleTypes: ['alloc/bytes'], samples: [] }))).toEqual({ edges: [], totalWeight: 0 });
  }, GO_TIMEOUT_MS);

  it('totals the weight the compiler takes shares of', () => {
    const profile = buildProfile({ startLines, samples: cases[1]![1] });
    const list = pgoEdges(profile);
    expect(list.totalWeight).toBe(list.edges.reduce((sum, e) => sum + Number(e.weight), 0));
    // c@51 calls b in both samples: 3 + 2.
    expect(list.edges[0]).toEqual({ caller: 'main.c', callee: 'main.b', offset: 1, weight: 5 });
  });
});

describe('pgoEdges and both compaction levels on random profiles', () => {
  // Few functions, lines and addresses, so that nodes collide within samples (recursions,
  // repeated inlined frames) as real profiles seldom show; half the profiles have negative values.
  it('agree with go tool preprofile', () => {
    let seed = 20261122;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const names = ['main.a', 'main.b', 'main.c', 'main.d'];
    for (let round = 0; round < 40; round++) {
      const negative = round % 2 === 1;
      const frame = (): { lines: string[]; address: number } => ({
        lines: Array.from({ length: 1 + random(3) }, () => `${names[random(names.length)]}@${1 + random(3)}`),
        address: random(3),
      });
      const profile = buildProfile({
        startLines: { 'main.a': 1, 'main.b': 2, 'main.c': 0, 'main.d': 1 },
        samples: Array.from({ length: 4 + random(8) }, () => ({
          stack: Array.from({ length: 1 + random(4) }, frame),
          values: [(negative ? -3 : 0) + random(6), 10],
        })),
      });
      const expected = preprofileOf(profile);
      const text = ours(profile);
      expect(text === 'rejected' ? expected.startsWith('rejected: ') : text === expected).toBe(true);
      if (text === 'rejected') continue;
      for (const options of [{ keepFrames: 2 }, { keepFrames: 5 }, { level: 'minimal' as const }]) {
        expect(ours(compactForPgo(profile, options))).toBe(text);
      }
    }
  }, GO_TIMEOUT_MS);
});

describe('edgeListFloor', () => {
  it('is the gzipped preprofile text, below what any compaction level reaches on production profiles', () => {
    const file = pgoUsableCorpus().find((f) => f.name.includes('grpc-anon'))!;
    const profile = decode(file.bytes);
    const edges = pgoEdges(profile);
    const floor = edgeListFloor(edges);
    expect(floor).toBeLessThan(Buffer.byteLength(formatPreprofile(edges)) / 4);
    expect(floor).toBeLessThan(encode(compactForPgo(profile, { level: 'minimal' }), { compression: 'smallest' }).length);
    expect(edgeListFloor({ edges: [], totalWeight: 0 })).toBeLessThan(50);
  });
});
