// One pass over a profile's samples in the PGO sample type, sorting the weight by where its
// frames lie relative to one binary's workspace packages. Definitions (README.md):
// - coverage: weight of samples with at least one frame in the binary's closure packages;
// - wrong binary: weight of samples with at least one frame in a workspace package outside it.
// (What is stale is measured on the call edges PGO reads: edge-weights.ts.)
import { toNumber, type Profile } from '@go-pgo/pprof';
import type { FrameOrigin, WorkspacePackages } from './workspace-packages';

export interface ProfileWeights {
  total: number;
  closure: number;
  wrongBinary: number;
  /**
   * Wrong-binary weight by the set of workspace packages its samples touch (key: the sorted
   * import paths joined by newlines), to find which other binary the profile came from.
   */
  wrongByPackages: Map<string, number>;
}

/** Weighs `profile` in its sample type `valueIndex` against `packages`. */
export function weighProfile(profile: Profile, valueIndex: number, packages: WorkspacePackages): ProfileWeights {
  const functions = new Map(profile.function.map((f) => [f.id, f]));
  const originsByLocation = new Map<number, FrameOrigin[]>();
  const originOf = new Map<number, FrameOrigin>();
  for (const location of profile.location) {
    const origins: FrameOrigin[] = [];
    for (const line of location.line) {
      const fn = functions.get(line.functionId);
      if (fn === undefined) continue;
      let origin = originOf.get(fn.id);
      if (origin === undefined) originOf.set(fn.id, (origin = packages.origin(fn.name, fn.filename)));
      origins.push(origin);
    }
    originsByLocation.set(location.id, origins);
  }

  const weights: ProfileWeights = {
    total: 0,
    closure: 0,
    wrongBinary: 0,
    wrongByPackages: new Map(),
  };
  for (const sample of profile.sample) {
    const value = toNumber(sample.value[valueIndex] ?? 0);
    if (value === 0) continue;
    weights.total += value;
    const origins = sample.locationId.flatMap((id) => originsByLocation.get(id) ?? []);
    let inClosure = false;
    let outside = false;
    const workspace = new Set<string>();
    for (const origin of origins) {
      if (origin.pkg === undefined) continue;
      workspace.add(origin.pkg);
      if (origin.inClosure) inClosure = true;
      else outside = true;
    }
    if (inClosure) weights.closure += value;
    if (outside) {
      weights.wrongBinary += value;
      const key = [...workspace].sort().join('\n');
      weights.wrongByPackages.set(key, (weights.wrongByPackages.get(key) ?? 0) + value);
    }
  }
  return weights;
}
