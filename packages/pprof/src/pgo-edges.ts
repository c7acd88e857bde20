// The one thing Go's PGO reads from a profile: weighted call edges, each a caller, the call
// site's line offset from the caller's start_line, and a callee (cmd/internal/pgo FromPProf over
// internal/profile NewGraph: edge-graph.ts). `go tool preprofile` prints exactly this list, sorted
// by weight (heaviest first), then caller, callee (byte order) and offset; formatPreprofile
// writes the same bytes.
import { EdgeGraph } from './edge-graph';
import type { Int64, Profile } from './model';
import { notPgoProfile, pgoSampleIndex } from './pgo-sample-type';

export interface PgoEdge {
  caller: string;
  callee: string;
  /** The call site's line minus the caller's start_line. */
  offset: number;
  weight: Int64;
}

export interface PgoEdgeList {
  /** Heaviest first, as `go tool preprofile` lists them. */
  edges: PgoEdge[];
  /** Sum of all edge weights (what the compiler takes percentages of). */
  totalWeight: Int64;
}

export const PREPROFILE_HEADER = 'GO PREPROFILE V1\n';

/** The weighted call edges Go's PGO builds from `profile`. Throws TransformError where preprofile fails. */
export function pgoEdges(profile: Profile): PgoEdgeList {
  if (profile.sample.length === 0) return { edges: [], totalWeight: 0 };
  const valueIndex = pgoSampleIndex(profile);
  if (valueIndex < 0) throw notPgoProfile(profile);
  const { edges, total } = new EdgeGraph(profile, valueIndex).namedEdges();
  if (total === 0) return { edges: [], totalWeight: 0 };
  return { edges: edges.sort(byWeight), totalWeight: total };
}

/** `go tool preprofile` output for an edge list, byte for byte (as UTF-8). */
export function formatPreprofile(list: PgoEdgeList): string {
  const parts = [PREPROFILE_HEADER];
  for (const e of list.edges) parts.push(`${e.caller}\n${e.callee}\n${e.offset} ${String(e.weight)}\n`);
  return parts.join('');
}

/** Go's string order (bytes of UTF-8): UTF-16 order except that code points above U+FFFF sort after U+E000–U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** preprofile's order: weight descending, then caller, callee and offset ascending. */
export function byWeight(a: PgoEdge, b: PgoEdge): number {
  if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
  return compareGoStrings(a.caller, b.caller) || compareGoStrings(a.callee, b.callee) || a.offset - b.offset;
}
