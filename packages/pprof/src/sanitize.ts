import type { Profile } from './model';

// What a committed profile must not carry: sample labels (they may hold customer data: user ids,
// endpoints) and mapping file names and build ids (internal paths, build identities). Nothing
// Go's PGO reads is touched, so `go tool preprofile` output does not change. Samples that now
// differ only by their old labels stay separate samples; merge with dropLabels to add them up.

export function sanitize(profile: Profile): Profile {
  return {
    ...profile,
    sample: profile.sample.map((s) => (s.label.length === 0 ? s : { ...s, label: [] })),
    mapping: profile.mapping.map((m) => ({ ...m, filename: '', buildId: '' })),
  };
}
