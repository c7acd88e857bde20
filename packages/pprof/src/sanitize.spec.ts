// sanitize on every well-formed corpus file: labels, mapping file names and build ids are gone,
// nothing else changed, and `go tool preprofile` prints the same for every file.
import { wellFormedCorpus } from '../../../tools/test-support/corpus';
import { compareSemantics, NO_DIFFERENCE, profileSemantics } from '../../../tools/test-support/profile-semantics';
import { decode } from './decode';
import { sanitize } from './sanitize';
import { preprofileOf, preprofileText } from './test-support/preprofile-of';

const GO_TIMEOUT_MS = 120_000;

describe('sanitize', () => {
  const files = wellFormedCorpus();

  it('is tested on profiles that carry labels and mapping file names', () => {
    const profiles = files.map((f) => decode(f.bytes));
    expect(profiles.filter((p) => p.sample.some((s) => s.label.length > 0)).length).toBeGreaterThanOrEqual(3);
    expect(profiles.filter((p) => p.mapping.some((m) => m.filename !== '' || m.buildId !== '')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const original = decode(file.bytes);
    const clean = sanitize(original);

    expect(clean.sample.every((s) => s.label.length === 0)).toBe(true);
    expect(clean.mapping.every((m) => m.filename === '' && m.buildId === '')).toBe(true);
    // Everything else is what it was.
    const unlabeled = { ...original, sample: original.sample.map((s) => ({ ...s, label: [] })) };
    expect(compareSemantics(profileSemantics(clean), profileSemantics(unlabeled))).toEqual(NO_DIFFERENCE);
    expect({ ...clean, mapping: [], sample: [] }).toEqual({ ...original, mapping: [], sample: [] });
    expect(clean.sample.map((s) => s.locationId)).toEqual(original.sample.map((s) => s.locationId));
    expect(clean.mapping.map((m) => ({ ...m, filename: '', buildId: '' }))).toEqual(original.mapping.map((m) => ({ ...m, filename: '', buildId: '' })));

    // What the compiler reads (or preprofile's refusal) is the same.
    expect(preprofileOf(clean)).toBe(preprofileText(file.path));
  }, GO_TIMEOUT_MS);

  it('does not change its input', () => {
    const original = decode(files.find((f) => f.name.includes('grpc-anon'))!.bytes);
    const before = structuredClone(original);
    sanitize(original);
    expect(original).toEqual(before);
  });
});
