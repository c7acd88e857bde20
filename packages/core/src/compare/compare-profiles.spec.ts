// Comparisons of real profiles: a profile with itself, with its PGO compaction (which keeps every
// edge PGO reads), and with another program's profile.
import { compactForPgo, decode, encode, summarize } from '@go-pgo/pprof';
import { FIXTURE_TIMEOUT_MS, fixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { compareProfiles } from './compare-profiles';

const load = async (name: string) => {
  const { bytes } = await fixtureProfile(name);
  return { profile: decode(bytes), bytes: bytes.length };
};

test('a profile against itself: overlap 1, every edge common, equal shares', async () => {
  const shapes = await load('shapes');
  const result = compareProfiles(shapes, shapes);
  expect(result.edges).toMatchObject({ overlap: 1, afterOnCommon: 1, common: result.edges.after, before: result.edges.after });
  expect(result.edges.after).toBeGreaterThan(5);
  for (const f of result.functions) expect(f.before).toBeCloseTo(f.after, 12);
  // The top list is the profile's own summary (go tool pprof -top ranks the same way; see the refresh spec).
  expect(result.after.top).toEqual(summarize(shapes.profile, { top: 5 }).topFlat.map(({ name, share }) => ({ name, share })));
  expect(result.before?.bytes).toBe(shapes.bytes);
}, FIXTURE_TIMEOUT_MS);

test('compaction to what PGO reads keeps every edge and share, and shrinks the file', async () => {
  const shapes = await load('shapes');
  const compact = compactForPgo(shapes.profile, { keepFrames: 2 });
  const result = compareProfiles(shapes, { profile: compact, bytes: encode(compact).length });
  expect(result.edges.overlap).toBeCloseTo(1, 12);
  expect(result.edges.common).toBe(result.edges.before);
  expect(result.after.bytes).toBeLessThan(result.before!.bytes);
  expect(result.after.samples).toBe(result.before!.samples);
}, FIXTURE_TIMEOUT_MS);

test('two different programs share little; without a committed profile there is nothing to overlap', async () => {
  const [shapes, service] = await Promise.all([load('shapes'), load('service')]);
  const result = compareProfiles(shapes, service);
  expect(result.edges.overlap).toBeLessThan(0.2);
  expect(result.functions.some((f) => f.before === 0 && f.after > 0)).toBe(true);
  const first = compareProfiles(undefined, service);
  expect(first).toMatchObject({ before: null, edges: { overlap: null, afterOnCommon: null, before: 0, common: 0 } });
  expect(first.functions.every((f) => f.before === null)).toBe(true);
  expect(first.edges.hottestAfter!.share).toBeGreaterThan(0);
}, FIXTURE_TIMEOUT_MS);
