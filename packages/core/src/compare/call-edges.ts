// The call edges Go's PGO weighs, as `go tool preprofile` lists them: from each sample's two
// leaf-most locations with all their inlined lines (innermost first), every adjacent pair of
// frames is a caller → callee edge carrying the sample's value in the PGO sample type. Call-site
// offsets are summed away: the comparison asks which calls are hot, not from which line.
import { pgoSampleIndex, toNumber, type Profile } from '@go-pgo/pprof';

/** Separates caller and callee in an edge key; no Go symbol holds a newline. */
export const EDGE_SEPARATOR = '\n';

export interface CallEdges {
  /** `caller\ncallee` → weight. */
  weights: Map<string, number>;
  /** Sum of all edge weights. */
  total: number;
}

/** The profile's call edges; none when it has no PGO sample type. */
export function callEdges(profile: Profile): CallEdges {
  const index = pgoSampleIndex(profile);
  const weights = new Map<string, number>();
  let total = 0;
  if (index < 0) return { weights, total };
  const names = new Map(profile.function.map((f) => [f.id, f.name]));
  const locations = new Map(profile.location.map((l) => [l.id, l]));
  for (const sample of profile.sample) {
    const value = toNumber(sample.value[index] ?? 0);
    if (value === 0) continue;
    const frames: string[] = [];
    for (const id of sample.locationId.slice(0, 2)) {
      for (const line of locations.get(id)?.line ?? []) {
        const name = names.get(line.functionId);
        if (name !== undefined) frames.push(name);
      }
    }
    for (let i = 0; i + 1 < frames.length; i++) {
      const key = `${frames[i + 1]}${EDGE_SEPARATOR}${frames[i]}`;
      weights.set(key, (weights.get(key) ?? 0) + value);
      total += value;
    }
  }
  return { weights, total };
}
