// What a profile refresh changes, for the person reviewing it: size, samples, the hottest
// functions before and after with their flat shares, and how much of the hot call graph the two
// profiles share. Edges are those Go's PGO weighs, call-site offset included (call-edges.ts):
//   overlap = edgeSimilarity (weighted Jaccard of the edge shares)
//   afterOnCommon = Σ b_e over edges the committed profile also has
//     the share of the new profile's weight on calls the old one already knew.
import { pgoSampleIndex, sampleCount, summarize, type Profile } from '@go-pgo/pprof';
import { callEdges, edgeKey, edgeShare, edgeSimilarity, type CallEdges } from './call-edges';

/** Functions shown per side in a comparison. */
export const COMPARED_TOP_FUNCTIONS = 5;

export interface ComparedProfile {
  bytes: number;
  /** Samples taken (samples/count, else CPU time / period, else Sample messages). */
  samples: number;
  /** `type/unit` of the PGO sample type; null when there is none. */
  sampleType: string | null;
  /** The hottest functions by flat weight, heaviest first. */
  top: { name: string; share: number }[];
}

export interface FunctionShares {
  name: string;
  /** Flat share in the committed profile (0 when absent); null without a committed profile. */
  before: number | null;
  after: number;
}

export interface EdgeOverlap {
  before: number;
  after: number;
  /** Edges in both profiles. */
  common: number;
  /** Weighted Jaccard similarity of the edge shares; null without a committed profile. */
  overlap: number | null;
  /** Share of the new profile's edge weight on edges the committed profile has; null without one. */
  afterOnCommon: number | null;
  /** The new profile's hottest edge, `caller → callee`, with its share. */
  hottestAfter: { caller: string; callee: string; share: number } | null;
}

export interface ProfileComparison {
  before: ComparedProfile | null;
  after: ComparedProfile;
  /** The union of both top lists, by share after (then before), heaviest first. */
  functions: FunctionShares[];
  edges: EdgeOverlap;
}

export interface ProfileBytes {
  profile: Profile;
  bytes: number;
}

export function compareProfiles(before: ProfileBytes | undefined, after: ProfileBytes, top: number = COMPARED_TOP_FUNCTIONS): ProfileComparison {
  const afterFlat = flatShares(after.profile);
  const beforeFlat = before === undefined ? undefined : flatShares(before.profile);
  const names = new Set([...topOf(afterFlat, top), ...(beforeFlat === undefined ? [] : topOf(beforeFlat, top))].map(([name]) => name));
  const functions = [...names]
    .map((name) => ({ name, before: beforeFlat === undefined ? null : (beforeFlat.get(name) ?? 0), after: afterFlat.get(name) ?? 0 }))
    .sort((x, y) => y.after - x.after || (y.before ?? 0) - (x.before ?? 0) || (x.name < y.name ? -1 : 1));
  const afterEdges = callEdges(after.profile);
  return {
    before: before === undefined || beforeFlat === undefined ? null : side(before, beforeFlat, top),
    after: side(after, afterFlat, top),
    functions,
    edges: overlapOf(before === undefined ? undefined : callEdges(before.profile), afterEdges),
  };
}

function side(input: ProfileBytes, flat: Map<string, number>, top: number): ComparedProfile {
  const index = pgoSampleIndex(input.profile);
  const type = index < 0 ? undefined : input.profile.sampleType[index];
  return {
    bytes: input.bytes,
    samples: Math.round(sampleCount(input.profile) ?? input.profile.sample.length),
    sampleType: type === undefined ? null : `${type.type}/${type.unit}`,
    top: topOf(flat, top).map(([name, share]) => ({ name, share })),
  };
}

/** Every function's flat share, in the PGO sample type as summarize() ranks it. */
function flatShares(profile: Profile): Map<string, number> {
  const all = summarize(profile, { top: profile.function.length }).topFlat;
  return new Map(all.map((f) => [f.name, f.share]));
}

function topOf(shares: Map<string, number>, top: number): [string, number][] {
  return [...shares.entries()]
    .filter(([, share]) => share > 0)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, top);
}

function overlapOf(before: CallEdges | undefined, after: CallEdges): EdgeOverlap {
  const hottest = after.edges[0];
  const result: EdgeOverlap = {
    before: before?.weights.size ?? 0,
    after: after.weights.size,
    common: 0,
    overlap: null,
    afterOnCommon: null,
    hottestAfter: hottest === undefined ? null : { caller: hottest.caller, callee: hottest.callee, share: edgeShare(after, edgeKey(hottest)) },
  };
  if (before === undefined) return result;
  let onCommon = 0;
  for (const [key, weight] of after.weights) {
    if (!before.weights.has(key)) continue;
    result.common++;
    onCommon += weight;
  }
  return { ...result, overlap: edgeSimilarity(before, after), afterOnCommon: after.total === 0 ? 0 : onCommon / after.total };
}
