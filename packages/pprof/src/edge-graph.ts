// Go's internal/profile NewGraph and cmd/internal/pgo createNamedEdgeMap, restated for the one
// thing PGO takes from them: the named call edges. What they do, and so what this does:
// - one node per {function name, address, start_line, line} (a line without a function, or a
//   location without lines: {address} alone); Go makes them for every location, this only for
//   the locations samples use as their two leaf-most frames (no other node can carry an edge);
// - per sample whose PGO value w is not 0, only the two leaf-most locations, walked from the
//   outer one's outermost inlined line to the leaf: each node met for the first time in the
//   sample gains w of cumulative weight; each step from one node to a different one adds w to
//   the edge between them, once per sample and pair; the last node gains w of flat weight;
// - nodes whose cumulative and flat weights are both 0 are dropped with their outgoing edges
//   (only possible when values of opposite sign cancel out);
// - edges are summed by (caller name, caller line − caller start_line, callee name), in int64
//   arithmetic that wraps as Go's does; a zero sum stays listed;
// - no kept node with a start_line: an error; a total edge weight of 0: no edges at all.
// Everything is keyed by numbers in flat tables (TupleTable), so the pass allocates little.
import { IdIndex, danglingId } from './id-index';
import { isZeroInt64 } from './int64';
import { int64Sums, type Int64Sums } from './int64-sums';
import type { Int64, Profile } from './model';
import type { PgoEdge } from './pgo-edges';
import { TransformError } from './transform-error';
import { TupleTable } from './tuple-table';

export class EdgeGraph {
  private readonly locationIds: IdIndex;
  /** Per location index: where its node ids (innermost line first) start in `pool`, −1 until first use; and how many. */
  private readonly nodesStart: Int32Array;
  private readonly nodesCount: Int32Array;
  private pool = new Int32Array(4096);
  private poolSize = 0;
  private readonly functionIds: IdIndex;
  /** Per function index: an id per distinct {name, start_line}, and an id per distinct name. */
  private readonly functionKey: Int32Array;
  private readonly functionName: Int32Array;
  private readonly names: string[] = [];
  /** Addresses beyond 2^53 (bigints), by index. */
  private readonly bigAddresses = new Map<bigint, number>();
  /** {function key (−1: none), line, address kind (0: number, 1: bigint index), address} → node id. */
  private readonly nodes = new TupleTable(4);
  private readonly key = [0, 0, 0, 0];
  private readonly nodeName: number[] = [];
  private readonly nodeOffset: number[] = [];
  private readonly nodeHasStartLine: boolean[] = [];
  /** Σ|value| of the samples: whether sums stay exact in doubles (int64-sums.ts). */
  private readonly bound: number;

  constructor(
    private readonly profile: Profile,
    private readonly valueIndex: number,
  ) {
    this.locationIds = new IdIndex(profile.location, 'location');
    this.nodesStart = new Int32Array(profile.location.length).fill(-1);
    this.nodesCount = new Int32Array(profile.location.length);
    this.functionIds = new IdIndex(profile.function, 'function');
    const keys = new Map<string, number>();
    const names = new Map<string, number>();
    this.functionKey = new Int32Array(profile.function.length);
    this.functionName = new Int32Array(profile.function.length);
    profile.function.forEach((f, i) => {
      const key = `${f.startLine}\u0000${f.name}`;
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      let n = names.get(f.name);
      if (n === undefined) {
        names.set(f.name, (n = this.names.length));
        this.names.push(f.name);
      }
      this.functionKey[i] = k;
      this.functionName[i] = n;
    });
    let bound = 0;
    for (const s of profile.sample) {
      const v = s.value[valueIndex]!;
      bound += typeof v === 'number' ? Math.abs(v) : Number.POSITIVE_INFINITY;
    }
    this.bound = bound;
  }

  /** The named edges, in no particular order, and their total. */
  namedEdges(): { edges: PgoEdge[]; total: Int64 } {
    const { cum, flat, edges } = this.walk();
    const kept = (n: number): boolean => !cum.isZero(n) || !flat.isZero(n);
    let seenStartLine = false;
    for (let n = 0; n < this.nodeName.length && !seenStartLine; n++) seenStartLine = this.nodeHasStartLine[n]! && kept(n);
    if (!seenStartLine) {
      throw new TransformError(
        'no-start-line',
        'the profile has no Function.start_line data, so Go PGO rejects it (Go version of the profiled program too old? Go 1.20 and newer record it): capture it again with a newer Go',
      );
    }
    const named = new TupleTable(3);
    const key = [0, 0, 0];
    const records: PgoEdge[] = [];
    // Per record its sum; after the records, the total of all edges.
    const sums = int64Sums(this.bound);
    for (let e = 0; e < edges.src.length; e++) {
      const src = edges.src[e]!;
      if (!kept(src)) continue;
      key[0] = this.nodeName[src]!;
      key[1] = this.nodeOffset[src]!;
      key[2] = this.nodeName[edges.dst[e]!]!;
      let r = named.findOrAdd(key);
      if (r < 0) {
        r = ~r;
        records.push({ caller: this.names[key[0]]!, callee: this.names[key[2]]!, offset: key[1], weight: 0 });
      }
      sums.add(r, edges.weights.get(e));
    }
    const total = records.length;
    for (let r = 0; r < records.length; r++) {
      records[r]!.weight = sums.get(r);
      sums.add(total, records[r]!.weight);
    }
    return { edges: records, total: sums.get(total) };
  }

  /** NewGraph's pass over the samples. */
  private walk(): { cum: Int64Sums; flat: Int64Sums; edges: { src: number[]; dst: number[]; weights: Int64Sums } } {
    const cum = int64Sums(this.bound);
    const flat = int64Sums(this.bound);
    const edges = { src: [] as number[], dst: [] as number[], weights: int64Sums(this.bound) };
    const edgeIndex = new TupleTable(2);
    const pair = [0, 0];
    const seen = new SeenInSample();
    const { sample } = this.profile;
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      const value = s.value[this.valueIndex]!;
      if (isZeroInt64(value)) continue;
      seen.clear();
      let parent = -1;
      for (let i = Math.min(1, s.locationId.length - 1); i >= 0; i--) {
        const li = this.locationIds.get(s.locationId[i]!);
        if (li < 0) throw danglingId(`sample[${si}].location_id[${i}]`, s.locationId[i]!, 'location');
        if (this.nodesStart[li]! < 0) this.createNodes(li);
        const start = this.nodesStart[li]!;
        for (let ni = start + this.nodesCount[li]! - 1; ni >= start; ni--) {
          const n = this.pool[ni]!;
          const sawNode = seen.hasNode(n);
          if (!sawNode) {
            seen.addNode(n);
            cum.add(n, value);
          }
          if (parent >= 0 && n !== parent && (!sawNode || !seen.hasEdge(parent, n))) {
            seen.addEdge(parent, n);
            pair[0] = parent;
            pair[1] = n;
            let e = edgeIndex.findOrAdd(pair);
            if (e < 0) {
              e = ~e;
              edges.src.push(parent);
              edges.dst.push(n);
            }
            edges.weights.add(e, value);
          }
          parent = n;
        }
      }
      if (parent >= 0) flat.add(parent, value);
    }
    return { cum, flat, edges };
  }

  /** CreateNodes for one location: a node per line, in `pool`. */
  private createNodes(li: number): void {
    const location = this.profile.location[li]!;
    const { line } = location;
    const count = Math.max(1, line.length);
    if (this.poolSize + count > this.pool.length) {
      const bigger = new Int32Array(2 * (this.pool.length + count));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const start = this.poolSize;
    this.poolSize += count;
    if (line.length === 0) this.pool[start] = this.node(-1, 0, location.address);
    for (let i = 0; i < line.length; i++) {
      const { functionId } = line[i]!;
      const fi = functionId === 0 ? -1 : this.functionIds.get(functionId);
      if (functionId !== 0 && fi < 0) throw danglingId(`location[${li}].line[${i}].function_id`, functionId, 'function');
      this.pool[start + i] = this.node(fi, fi < 0 ? 0 : line[i]!.line, location.address);
    }
    this.nodesStart[li] = start;
    this.nodesCount[li] = count;
  }

  /** The node of function index `fi` (−1: none) at `line` and `address`. */
  private node(fi: number, line: number, address: Int64): number {
    const key = this.key;
    key[0] = fi < 0 ? -1 : this.functionKey[fi]!;
    key[1] = line;
    if (typeof address === 'number') {
      key[2] = 0;
      key[3] = address;
    } else {
      let index = this.bigAddresses.get(address);
      if (index === undefined) this.bigAddresses.set(address, (index = this.bigAddresses.size));
      key[2] = 1;
      key[3] = index;
    }
    const found = this.nodes.findOrAdd(key);
    if (found >= 0) return found;
    const f = fi < 0 ? undefined : this.profile.function[fi]!;
    this.nodeName.push(fi < 0 ? this.emptyName() : this.functionName[fi]!);
    this.nodeOffset.push(f === undefined ? 0 : line - f.startLine);
    this.nodeHasStartLine.push(f !== undefined && f.startLine !== 0);
    return ~found;
  }

  /** The name id of '' (a node without a function). */
  private emptyName(): number {
    const at = this.names.indexOf('');
    if (at >= 0) return at;
    this.names.push('');
    return this.names.length - 1;
  }
}

/** The nodes and edges one sample has met: a handful, so a flat scan beats hashing. */
class SeenInSample {
  private nodes: Int32Array = new Int32Array(16);
  private nodeCount = 0;
  private edges: Int32Array = new Int32Array(32);
  private edgeCount = 0;

  clear(): void {
    this.nodeCount = 0;
    this.edgeCount = 0;
  }

  hasNode(n: number): boolean {
    for (let i = 0; i < this.nodeCount; i++) if (this.nodes[i] === n) return true;
    return false;
  }

  addNode(n: number): void {
    if (this.nodeCount === this.nodes.length) this.nodes = grown(this.nodes);
    this.nodes[this.nodeCount++] = n;
  }

  hasEdge(src: number, dst: number): boolean {
    for (let i = 0; i < this.edgeCount; i += 2) if (this.edges[i] === src && this.edges[i + 1] === dst) return true;
    return false;
  }

  addEdge(src: number, dst: number): void {
    if (this.edgeCount === this.edges.length) this.edges = grown(this.edges);
    this.edges[this.edgeCount++] = src;
    this.edges[this.edgeCount++] = dst;
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
}
