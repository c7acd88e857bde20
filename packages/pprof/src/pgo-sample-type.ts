import type { Profile, ValueType } from './model';

// The sample type Go's PGO reads (cmd/internal/pgo FromPProf): the first one that is
// samples/count or cpu/nanoseconds; the compiler treats either as the raw sample weight.

function isPgoSampleType(t: ValueType): boolean {
  return (t.type === 'samples' && t.unit === 'count') || (t.type === 'cpu' && t.unit === 'nanoseconds');
}

/** Index of the sample type PGO reads, -1 when the profile has none. */
export function pgoSampleIndex(profile: Profile): number {
  return profile.sampleType.findIndex(isPgoSampleType);
}
