// The one thing Go's PGO reads from a profile: weighted call edges, each a caller, the call
// site's line offset from the caller's start_line, and a callee (cmd/internal/pgo FromPProf over
// internal/profile NewGraph). `go tool preprofile` prints exactly this list; formatPreprofile
// writes the same bytes.
//
// What NewGraph does, and so what this does:
// - one node per {function name, address, start_line, line} (a line without a function, or a
//   location without lines: {address} alone), built from every location;
// - per sample whose PGO value w is not 0, only the two leaf-most locations, walked from the
//   outer one's outermost inlined line to the leaf: each node met for the first time in the
//   sample gains w of cumulative weight; each step from one node to a different one adds w to
//   the edge between them, once per sample and pair; the last node gains w of flat weight;
// - nodes whose cumulative and flat weights are both 0 are dropped with their outgoing edges
//   (only possible when values of opposite sign cancel out);
// - edges are summed by (caller name, caller line − caller start_line, callee name), in int64
//   arithmetic that wraps as Go's does; a zero sum stays listed;
// - no kept node with a start_line: an error; a total edge weight of 0: no edges at all.
// Sorted by weight (heaviest first), then caller, callee (byte order) and offset.
import { IdIndex, danglingId } from './id-index';
import { isZeroInt64, normalizeInt64 } from './int64';
import type { Int64, Profile } from './model';
import { notPgoProfile, pgoSampleIndex } from './pgo-sample-type';
import { TransformError } from './transform-error';

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
  return new EdgeGraph(profile, valueIndex).edges();
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

/**
 * Weight sums: exact doubles when no partial sum can leave the safe integers (always, in
 * practice), else int64 with Go's wrap-around.
 */
type Sums = Float64Array | BigInt64Array;

class EdgeGraph {
  /** Per location index: its node ids, innermost line first. */
  private readonly locationNodes: Int32Array[];
  private readonly nodeName: string[] = [];
  private readonly nodeOffset: number[] = [];
  private readonly nodeHasStartLine: boolean[] = [];
  private readonly exact: boolean;

  constructor(
    private readonly profile: Profile,
    private readonly valueIndex: number,
  ) {
    this.locationNodes = this.createNodes();
    let bound = 0;
    for (const s of profile.sample) {
      const v = s.value[valueIndex]!;
      bound += typeof v === 'number' ? Math.abs(v) : Number.POSITIVE_INFINITY;
    }
    this.exact = bound <= Number.MAX_SAFE_INTEGER;
  }

  /** NewGraph's CreateNodes: a node per distinct {name, address, start_line, line}. */
  private createNodes(): Int32Array[] {
    const { function: functions, location: locations } = this.profile;
    const functionIds = new IdIndex(functions, 'function');
    // Functions are the same node material when name and start_line are: one key per pair.
    const functionKeys = new Map<string, number>();
    const functionKey = new Int32Array(functions.length);
    functions.forEach((f, i) => {
      const key = `${f.startLine}\u0000${f.name}`;
      let k = functionKeys.get(key);
      if (k === undefined) functionKeys.set(key, (k = functionKeys.size));
      functionKey[i] = k;
    });
    const nodes = new Map<string, number>();
    const nodeOf = (key: string, name: string, offset: number, startLine: number): number => {
      let id = nodes.get(key);
      if (id === undefined) {
        nodes.set(key, (id = this.nodeName.length));
        this.nodeName.push(name);
        this.nodeOffset.push(offset);
        this.nodeHasStartLine.push(startLine !== 0);
      }
      return id;
    };
    return locations.map((location, li) => {
      const address = String(location.address);
      if (location.line.length === 0) return Int32Array.of(nodeOf(`a${address}`, '', 0, 0));
      return Int32Array.from(location.line, (line, i) => {
        if (line.functionId === 0) return nodeOf(`a${address}`, '', 0, 0);
        const fi = functionIds.get(line.functionId);
        if (fi < 0) throw danglingId(`location[${li}].line[${i}].function_id`, line.functionId, 'function');
        const f = functions[fi]!;
        return nodeOf(`${functionKey[fi]},${line.line},${address}`, f.name, line.line - f.startLine, f.startLine);
      });
    });
  }

  edges(): PgoEdgeList {
    const nodeCount = this.nodeName.length;
    const cum: Sums = this.exact ? new Float64Array(nodeCount) : new BigInt64Array(nodeCount);
    const flat: Sums = this.exact ? new Float64Array(nodeCount) : new BigInt64Array(nodeCount);
    const edgeIndex = new Map<number, number>();
    const edgeSrc: number[] = [];
    const edgeDst: number[] = [];
    const edgeWeight: (number | bigint)[] = [];
    const locationIds = new IdIndex(this.profile.location, 'location');
    // Per-sample sets: a sample meets a handful of nodes, so arrays beat hashing.
    const seenNodes: number[] = [];
    const seenEdges: number[] = [];
    const { sample } = this.profile;
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      const value = s.value[this.valueIndex]!;
      if (isZeroInt64(value)) continue;
      const w = this.exact ? value : BigInt(value);
      seenNodes.length = 0;
      seenEdges.length = 0;
      let parent = -1;
      for (let i = Math.min(1, s.locationId.length - 1); i >= 0; i--) {
        const li = locationIds.get(s.locationId[i]!);
        if (li < 0) throw danglingId(`sample[${si}].location_id[${i}]`, s.locationId[i]!, 'location');
        const nodes = this.locationNodes[li]!;
        for (let ni = nodes.length - 1; ni >= 0; ni--) {
          const n = nodes[ni]!;
          const sawNode = seenNodes.includes(n);
          if (!sawNode) {
            seenNodes.push(n);
            add(cum, n, w);
          }
          if (parent >= 0 && n !== parent && (!sawNode || !seenPair(seenEdges, parent, n))) {
            seenEdges.push(parent, n);
            const key = parent * nodeCount + n;
            let e = edgeIndex.get(key);
            if (e === undefined) {
              edgeIndex.set(key, (e = edgeSrc.length));
              edgeSrc.push(parent);
              edgeDst.push(n);
              edgeWeight.push(this.exact ? 0 : 0n);
            }
            edgeWeight[e] = this.exact ? (edgeWeight[e] as number) + (w as number) : BigInt.asIntN(64, (edgeWeight[e] as bigint) + (w as bigint));
          }
          parent = n;
        }
      }
      if (parent >= 0) add(flat, parent, w);
    }
    return this.namedEdges(cum, flat, edgeSrc, edgeDst, edgeWeight);
  }

  /** createNamedEdgeMap: edges of the kept nodes, summed by names and offset. */
  private namedEdges(cum: Sums, flat: Sums, edgeSrc: number[], edgeDst: number[], edgeWeight: (number | bigint)[]): PgoEdgeList {
    const kept = (n: number): boolean => !isZeroSum(cum[n]!) || !isZeroSum(flat[n]!);
    let seenStartLine = false;
    for (let n = 0; n < this.nodeName.length && !seenStartLine; n++) seenStartLine = this.nodeHasStartLine[n]! && kept(n);
    if (!seenStartLine) {
      throw new TransformError(
        'no-start-line',
        'the profile has no Function.start_line data, so Go PGO rejects it (Go version of the profiled program too old? Go 1.20 and newer record it): capture it again with a newer Go',
      );
    }
    const named = new Map<string, PgoEdge>();
    let total: number | bigint = this.exact ? 0 : 0n;
    for (let e = 0; e < edgeSrc.length; e++) {
      const src = edgeSrc[e]!;
      if (!kept(src)) continue;
      const caller = this.nodeName[src]!;
      const callee = this.nodeName[edgeDst[e]!]!;
      const offset = this.nodeOffset[src]!;
      const key = `${offset}\u0000${caller}\u0000${callee}`;
      const weight = edgeWeight[e]!;
      const found = named.get(key);
      if (found === undefined) named.set(key, { caller, callee, offset, weight });
      else found.weight = this.exact ? (found.weight as number) + (weight as number) : BigInt.asIntN(64, (found.weight as bigint) + (weight as bigint));
      total = this.exact ? (total as number) + (weight as number) : BigInt.asIntN(64, (total as bigint) + (weight as bigint));
    }
    if (total === 0 || total === 0n) return { edges: [], totalWeight: 0 };
    const edges = [...named.values()];
    if (!this.exact) for (const e of edges) e.weight = normalizeInt64(e.weight as bigint);
    edges.sort(byWeight);
    return { edges, totalWeight: this.exact ? total : normalizeInt64(total as bigint) };
  }
}

function add(sums: Sums, index: number, w: number | bigint | Int64): void {
  if (sums instanceof Float64Array) sums[index] = sums[index]! + (w as number);
  else sums[index] = BigInt.asIntN(64, sums[index]! + (w as bigint));
}

function isZeroSum(value: number | bigint): boolean {
  return value === 0 || value === 0n;
}

function seenPair(pairs: number[], src: number, dst: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === src && pairs[i + 1] === dst) return true;
  return false;
}

/** preprofile's order: weight descending, then caller, callee and offset ascending. */
export function byWeight(a: PgoEdge, b: PgoEdge): number {
  if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
  return compareGoStrings(a.caller, b.caller) || compareGoStrings(a.callee, b.callee) || a.offset - b.offset;
}
