// How far a profile has drifted from the committed one: the weighted Jaccard similarity of their
// hottest functions. Over the union U of each profile's top N functions by flat weight (leaf
// frames), with a_f and b_f the flat shares of f in each profile (its share of that profile's
// whole weight, even where f is outside that profile's own top N):
//   similarity = Σ_U min(a_f, b_f) / Σ_U max(a_f, b_f)
// 1 when the hot functions and their shares are the same, 0 when no hot function is shared.

export const DRIFT_TOP_FUNCTIONS = 20;

export interface DriftFigures {
  similarity: number;
  /** Functions in both top lists. */
  sharedTop: number;
  top: number;
}

/** `current` and `committed`: leaf function name → weight, with each profile's total weight. */
export function driftBetween(
  current: { flat: ReadonlyMap<string, number>; total: number },
  committed: { flat: ReadonlyMap<string, number>; total: number },
  top: number = DRIFT_TOP_FUNCTIONS,
): DriftFigures {
  const a = topNames(current.flat, top);
  const b = topNames(committed.flat, top);
  const share = (side: typeof current, name: string): number => (side.total === 0 ? 0 : (side.flat.get(name) ?? 0) / side.total);
  let min = 0;
  let max = 0;
  for (const name of new Set([...a, ...b])) {
    const x = share(current, name);
    const y = share(committed, name);
    min += Math.min(x, y);
    max += Math.max(x, y);
  }
  const inB = new Set(b);
  return { similarity: max === 0 ? 0 : min / max, sharedTop: a.filter((name) => inB.has(name)).length, top };
}

/** The `top` heaviest names, ties broken by name so the result does not depend on map order. */
function topNames(flat: ReadonlyMap<string, number>, top: number): string[] {
  return [...flat.entries()]
    .filter(([, weight]) => weight > 0)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, top)
    .map(([name]) => name);
}
