// noInline against `go tool preprofile`: on datadog-pgo's own test profile, the named functions
// have hot call edges before and none after, and every other edge and the total weight stay.
import { pgoUsableCorpus } from '../../../tools/test-support/corpus';
import { decode } from './decode';
import type { Profile } from './model';
import { NO_INLINE_PREFIX, noInline } from './no-inline';
import { buildProfile } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { type PreprofileEdge, preprofileEdges, preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;
const PROCESS_DATA = 'google.golang.org/grpc/internal/transport.(*loopyWriter).processData';
// The profile's hottest callee (its names are anonymized).
const HOTTEST = 'shade-johnny-west';

const touches = (names: string[]) => (e: PreprofileEdge) => names.includes(e.caller) || names.includes(e.callee);
const sortedEdges = (edges: PreprofileEdge[]): string[] => edges.map((e) => `${e.caller} -> ${e.callee} @${e.offset} ${e.weight}`).sort();
const totalWeight = (edges: PreprofileEdge[]): number => edges.reduce((sum, e) => sum + e.weight, 0);

describe('noInline', () => {
  const grpc = pgoUsableCorpus().find((f) => f.name.includes('grpc-anon'))!;

  it('leaves the named functions without any call edge in preprofile output, and changes nothing else', () => {
    const before = preprofileEdges(preprofileText(grpc.path));
    // The test can fail: both functions are callees of edges (the edges PGO inlines).
    expect(before.filter((e) => e.callee === PROCESS_DATA).length).toBeGreaterThan(0);
    expect(before.filter((e) => e.callee === HOTTEST).length).toBeGreaterThan(0);

    const after = preprofileEdges(preprofileOf(noInline(decode(grpc.bytes), [PROCESS_DATA, HOTTEST])));
    expect(after.filter(touches([PROCESS_DATA, HOTTEST]))).toEqual([]);
    expect(totalWeight(after)).toBe(totalWeight(before));
    const unprefixed = after.map((e) => ({ ...e, caller: e.caller.replace(NO_INLINE_PREFIX, ''), callee: e.callee.replace(NO_INLINE_PREFIX, '') }));
    expect(sortedEdges(unprefixed)).toEqual(sortedEdges(before));
  }, GO_TIMEOUT_MS);

  it('renames as datadog-pgo does: the 17 samples whose leaf is processData now have the prefixed name', () => {
    const leafSamples = (p: Profile, name: string): number => {
      const names = new Map(p.function.map((f) => [f.id, f.name]));
      const leaf = new Map(p.location.map((l) => [l.id, l.line[0] && names.get(l.line[0].functionId)]));
      return p.sample.filter((s) => leaf.get(s.locationId[0]!) === name).length;
    };
    const original = decode(grpc.bytes);
    const renamed = noInline(original, [PROCESS_DATA]);
    expect(leafSamples(original, PROCESS_DATA)).toBe(17);
    expect(leafSamples(renamed, PROCESS_DATA)).toBe(0);
    expect(leafSamples(renamed, NO_INLINE_PREFIX + PROCESS_DATA)).toBe(17);
    // The input is unchanged.
    expect(leafSamples(original, PROCESS_DATA)).toBe(17);
  });

  it('also renames a function that is never a leaf, only inlined into its caller', () => {
    const p = buildProfile({
      startLines: { 'main.hot': 10, 'main.caller': 20, 'main.leaf': 30 },
      samples: [{ stack: ['main.leaf@31', { lines: ['main.hot@12', 'main.caller@22'] }], values: [5, 50] }],
    });
    expect(preprofileEdges(preprofileOf(p)).filter(touches(['main.hot'])).length).toBe(2);
    const edges = preprofileEdges(preprofileOf(noInline(p, ['main.hot'])));
    expect(edges.filter(touches(['main.hot']))).toEqual([]);
    expect(edges.map((e) => [e.caller, e.callee])).toEqual(
      expect.arrayContaining([
        ['main.caller', `${NO_INLINE_PREFIX}main.hot`],
        [`${NO_INLINE_PREFIX}main.hot`, 'main.leaf'],
      ]),
    );
  }, GO_TIMEOUT_MS);

  it('refuses names that are not non-empty strings', () => {
    const p = buildProfile({ samples: [] });
    expect(catchError(() => noInline(p, ['ok', '']))).toMatchObject({ code: 'invalid-option', option: 'names[1]' });
    expect(catchError(() => noInline(p, 'runtime.gopark' as unknown as string[]))).toBeInstanceOf(TransformError);
  });
});
