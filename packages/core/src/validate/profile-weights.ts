// One pass over a profile's samples in the PGO sample type, sorting the weight by where its
// frames lie relative to one binary's workspace packages. Definitions (README.md):
// - coverage: weight of samples with at least one frame in the binary's closure packages;
// - wrong binary: weight of samples with at least one frame in a workspace package outside it;
// - stale: weight of samples whose leaf frame (innermost function of the first location, what
//   pprof calls flat) is in a closure package and whose enclosing declaration no longer exists;
// - flat: weight per leaf function name, for drift.
import { toNumber, type Profile } from '@go-pgo/pprof';
import type { FrameOrigin, WorkspacePackages } from './workspace-packages';

export interface ProfileWeights {
  total: number;
  closure: number;
  wrongBinary: number;
  stale: number;
  /** Stale leaf functions → weight. */
  staleFunctions: Map<string, number>;
  /** Leaf function name → weight. */
  flat: Map<string, number>;
  /**
   * Wrong-binary weight by the set of workspace packages its samples touch (key: the sorted
   * import paths joined by newlines), to find which other binary the profile came from.
   */
  wrongByPackages: Map<string, number>;
}

interface Frame {
  name: string;
  origin: FrameOrigin;
}

/** Weighs `profile` in its sample type `valueIndex` against `packages`. */
export function weighProfile(profile: Profile, valueIndex: number, packages: WorkspacePackages): ProfileWeights {
  const functions = new Map(profile.function.map((f) => [f.id, f]));
  const framesByLocation = new Map<number, Frame[]>();
  const frameOf = new Map<number, Frame>();
  for (const location of profile.location) {
    const frames: Frame[] = [];
    for (const line of location.line) {
      const fn = functions.get(line.functionId);
      if (fn === undefined) continue;
      let frame = frameOf.get(fn.id);
      if (frame === undefined) frameOf.set(fn.id, (frame = { name: fn.name, origin: packages.origin(fn.name, fn.filename) }));
      frames.push(frame);
    }
    framesByLocation.set(location.id, frames);
  }

  const weights: ProfileWeights = {
    total: 0,
    closure: 0,
    wrongBinary: 0,
    stale: 0,
    staleFunctions: new Map(),
    flat: new Map(),
    wrongByPackages: new Map(),
  };
  const add = (map: Map<string, number>, key: string, value: number): void => {
    map.set(key, (map.get(key) ?? 0) + value);
  };
  for (const sample of profile.sample) {
    const value = toNumber(sample.value[valueIndex] ?? 0);
    if (value === 0) continue;
    weights.total += value;
    const frames = sample.locationId.flatMap((id) => framesByLocation.get(id) ?? []);
    const leaf = frames[0];
    if (leaf !== undefined) add(weights.flat, leaf.name, value);
    if (leaf?.origin.lookup?.found === false) {
      weights.stale += value;
      add(weights.staleFunctions, leaf.name, value);
    }
    let inClosure = false;
    let outside = false;
    const workspace = new Set<string>();
    for (const { origin } of frames) {
      if (origin.pkg === undefined) continue;
      workspace.add(origin.pkg);
      if (origin.inClosure) inClosure = true;
      else outside = true;
    }
    if (inClosure) weights.closure += value;
    if (outside) {
      weights.wrongBinary += value;
      add(weights.wrongByPackages, [...workspace].sort().join('\n'), value);
    }
  }
  return weights;
}
