// The call edges refresh and validate compare are exactly the records `go tool preprofile` (what
// the compiler reads) prints, offsets included: over every PGO-usable profile of the corpus and
// the Go fixtures; and the similarity of two edge sets is a weighted Jaccard.
import { decode } from '@go-pgo/pprof';
import { pgoUsableCorpus } from '../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { preprofile, preprofileEdges } from '../../../../tools/test-support/go-tool';
import { callEdges, edgeKey, edgeSimilarity, type CallEdges } from './call-edges';

/** preprofile's records by edge key. */
function preprofileWeights(file: string): Map<string, number> {
  return new Map(preprofileEdges(preprofile(file).toString('utf8')).map((e) => [edgeKey(e), e.weight]));
}

let fixtures: FixtureProfile[];
beforeAll(async () => {
  fixtures = await fixtureProfiles();
}, FIXTURE_TIMEOUT_MS);

test.each(pgoUsableCorpus().map((f) => [f.name, f.path, f.bytes] as const))('corpus %s: the edges go tool preprofile reads', (_name, file, bytes) => {
  const ours = callEdges(decode(bytes));
  expect(Object.fromEntries(ours.weights)).toEqual(Object.fromEntries(preprofileWeights(file)));
  expect(ours.total).toBe([...ours.weights.values()].reduce((a, b) => a + b, 0));
});

test('Go fixture profiles: the edges go tool preprofile reads; none for a profile PGO cannot read', () => {
  for (const fixture of fixtures) expect(Object.fromEntries(callEdges(decode(fixture.bytes)).weights)).toEqual(Object.fromEntries(preprofileWeights(fixture.path)));
  const heap = { ...decode(fixtures[0]!.bytes), sampleType: [{ type: 'alloc_space', unit: 'bytes' }] };
  expect(callEdges(heap)).toEqual({ edges: [], weights: new Map(), total: 0 });
});

test('similarity: 1 for the same shares, 0 for nothing in common, min over max of the shares in between', () => {
  const edges = (weights: Record<string, number>): CallEdges => {
    const map = new Map(Object.entries(weights));
    return { edges: [], weights: map, total: [...map.values()].reduce((a, b) => a + b, 0) };
  };
  expect(edgeSimilarity(edges({ a: 1, b: 3 }), edges({ a: 10, b: 30 }))).toBe(1);
  expect(edgeSimilarity(edges({ a: 1 }), edges({ b: 1 }))).toBe(0);
  // a: 0.5 vs 0.25, b: 0.5 vs 0.75: (0.25 + 0.5) / (0.5 + 0.75)
  expect(edgeSimilarity(edges({ a: 1, b: 1 }), edges({ a: 1, b: 3 }))).toBeCloseTo(0.6, 12);
  expect(edgeSimilarity(edges({}), edges({}))).toBe(0);
});
