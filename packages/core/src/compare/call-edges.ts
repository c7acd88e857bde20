// The one definition of a call edge in go-pgo: what Go's PGO weighs, as @go-pgo/pprof's pgoEdges
// builds it (caller, call-site line offset from the caller's start_line, callee; exactly the
// list `go tool preprofile` prints). Refresh's overlap and validate's drift both compare profiles
// on these edges with one measure. With a_e and b_e each edge's share of its profile's total edge
// weight, over the union of both profiles' edges:
//   similarity (weighted Jaccard) = Σ min(a_e, b_e) / Σ max(a_e, b_e)
//     1: the same calls, from the same lines, are hot in the same proportions; 0: none in common.
import { pgoEdges, toNumber, TransformError, type PgoEdge, type Profile } from '@go-pgo/pprof';

export interface CallEdges {
  /** Heaviest first. */
  edges: PgoEdge[];
  /** Edge key (edgeKey) → weight. */
  weights: Map<string, number>;
  /** Sum of all edge weights. */
  total: number;
}

/** What makes two edges the same edge for PGO; no Go symbol holds a newline. */
export function edgeKey(edge: PgoEdge): string {
  return `${edge.caller}\n${edge.offset}\n${edge.callee}`;
}

/** The profile's call edges; none when Go PGO cannot read it (no CPU sample type, no start_line). */
export function callEdges(profile: Profile): CallEdges {
  try {
    return callEdgesOf(pgoEdges(profile).edges);
  } catch (error) {
    if (!(error instanceof TransformError)) throw error;
    return callEdgesOf([]);
  }
}

/** `edges` (from pgoEdges) keyed for comparisons. */
export function callEdgesOf(edges: PgoEdge[]): CallEdges {
  const weights = new Map<string, number>();
  let total = 0;
  for (const edge of edges) {
    const weight = toNumber(edge.weight);
    weights.set(edgeKey(edge), weight);
    total += weight;
  }
  return { edges, weights, total };
}

/** The share of `key` in `edges`' total weight. */
export function edgeShare(edges: CallEdges, key: string): number {
  return edges.total === 0 ? 0 : (edges.weights.get(key) ?? 0) / edges.total;
}

/** Weighted Jaccard similarity of two profiles' edge shares (see the top of this file). */
export function edgeSimilarity(a: CallEdges, b: CallEdges): number {
  let min = 0;
  let max = 0;
  for (const key of new Set([...a.weights.keys(), ...b.weights.keys()])) {
    const x = edgeShare(a, key);
    const y = edgeShare(b, key);
    min += Math.min(x, y);
    max += Math.max(x, y);
  }
  return max === 0 ? 0 : min / max;
}
