import type { Profile, ValueType } from './model';
import { TransformError } from './transform-error';

// The sample type Go's PGO reads (cmd/internal/pgo FromPProf): the first one that is
// samples/count or cpu/nanoseconds; the compiler treats either as the raw sample weight.

function isPgoSampleType(t: ValueType): boolean {
  return (t.type === 'samples' && t.unit === 'count') || (t.type === 'cpu' && t.unit === 'nanoseconds');
}

/** Index of the sample type PGO reads, -1 when the profile has none. */
export function pgoSampleIndex(profile: Profile): number {
  return profile.sampleType.findIndex(isPgoSampleType);
}

/** The error for a profile without that sample type, which PGO cannot read. */
export function notPgoProfile(profile: Profile): TransformError {
  return new TransformError(
    'not-pgo-profile',
    `the profile has no samples/count or cpu/nanoseconds sample type (it has ${profile.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ') || 'none'}), ` +
      'so Go PGO cannot use it: give a CPU profile',
  );
}
