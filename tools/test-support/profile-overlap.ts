// How alike two profiles are to PGO, for the demo and tools/bench/loadtest: the weighted Jaccard
// similarity of their call edges (the edges go tool preprofile lists, from core's callEdges),
// each edge weighed by its share of its profile's total: 100% when both put the same weight on
// the same calls.
import { callEdges, readProfile } from '@go-pgo/core';

export interface EdgeOverlap {
  /** Σ min(share) / Σ max(share) over the union of edges. */
  similarity: number;
  edges: [number, number];
  common: number;
}

export async function callEdgeOverlap(first: string, second: string): Promise<EdgeOverlap> {
  const [a, b] = await Promise.all([first, second].map(async (file) => callEdges((await readProfile(file)).profile)));
  const share = (edges: typeof a, key: string): number => (edges!.total === 0 ? 0 : (edges!.weights.get(key) ?? 0) / edges!.total);
  let min = 0;
  let max = 0;
  let common = 0;
  for (const key of new Set([...a!.weights.keys(), ...b!.weights.keys()])) {
    min += Math.min(share(a, key), share(b, key));
    max += Math.max(share(a, key), share(b, key));
    if (a!.weights.has(key) && b!.weights.has(key)) common++;
  }
  return { similarity: max === 0 ? 0 : min / max, edges: [a!.weights.size, b!.weights.size], common };
}
