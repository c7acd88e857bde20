// pgoSampleIndex picks what cmd/internal/pgo picks: the first samples/count or cpu/nanoseconds.
// That preprofile reads that very type is checked where it shows (compact.spec.ts keeps only it
// and compares preprofile output).
import { wellFormedCorpus } from '../../../tools/test-support/corpus';
import { decode } from './decode';
import { pgoSampleIndex } from './pgo-sample-type';
import { buildProfile } from './test-support/build-profile';

describe('pgoSampleIndex', () => {
  it.each([
    [['samples/count', 'cpu/nanoseconds'], 0],
    [['cpu/nanoseconds', 'samples/count'], 0],
    [['alloc_objects/count', 'alloc_space/bytes', 'cpu/nanoseconds'], 2],
    [['samples/count', 'time/nanoseconds'], 0],
    [['cpu/milliseconds', 'samples/bytes'], -1],
    [[], -1],
  ])('%p → %p', (sampleTypes, expected) => {
    expect(pgoSampleIndex(buildProfile({ sampleTypes, samples: [] }))).toBe(expected);
  });

  it('finds samples/count in every Go CPU profile of the corpus', () => {
    for (const file of wellFormedCorpus()) expect([file.name, pgoSampleIndex(decode(file.bytes))]).toEqual([file.name, 0]);
  });
});
