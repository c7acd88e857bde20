// What both compaction levels keep of a profile besides its PGO samples.
import { emptyProfile, type Profile } from './model';

/** What PGO needs of the header: none of it, but duration and period keep the profile comparable. */
export function compactHeader(profile: Profile): Profile {
  return {
    ...emptyProfile(),
    timeNanos: profile.timeNanos,
    durationNanos: profile.durationNanos,
    periodType: profile.periodType && { ...profile.periodType },
    period: profile.period,
  };
}
