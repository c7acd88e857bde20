// The call edges we weigh are exactly those `go tool preprofile` (what the compiler reads) lists,
// with call-site offsets summed: over every PGO-usable profile of the corpus and the Go fixtures.
import { decode } from '@go-pgo/pprof';
import { pgoUsableCorpus } from '../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { preprofile } from '../../../../tools/test-support/go-tool';
import { callEdges, EDGE_SEPARATOR } from './call-edges';

/** preprofile's records (caller, callee, "offset weight") summed by caller → callee. */
function preprofileEdges(file: string): Map<string, number> {
  const lines = preprofile(file).toString('utf8').replace(/\n$/, '').split('\n').slice(1);
  const edges = new Map<string, number>();
  for (let i = 0; i + 2 < lines.length + 1; i += 3) {
    const key = `${lines[i]}${EDGE_SEPARATOR}${lines[i + 1]}`;
    edges.set(key, (edges.get(key) ?? 0) + Number(lines[i + 2]!.split(' ')[1]));
  }
  return edges;
}

let fixtures: FixtureProfile[];
beforeAll(async () => {
  fixtures = await fixtureProfiles();
}, FIXTURE_TIMEOUT_MS);

test.each(pgoUsableCorpus().map((f) => [f.name, f.path, f.bytes] as const))('corpus %s: the edges go tool preprofile reads', (_name, file, bytes) => {
  const ours = callEdges(decode(bytes));
  expect(Object.fromEntries(ours.weights)).toEqual(Object.fromEntries(preprofileEdges(file)));
  expect(ours.total).toBe([...ours.weights.values()].reduce((a, b) => a + b, 0));
});

test('Go fixture profiles: the edges go tool preprofile reads', () => {
  for (const fixture of fixtures) expect(Object.fromEntries(callEdges(decode(fixture.bytes)).weights)).toEqual(Object.fromEntries(preprofileEdges(fixture.path)));
});
