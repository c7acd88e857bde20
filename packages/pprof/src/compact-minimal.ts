// The `minimal` compaction level: the smallest pprof we know how to write whose
// `go tool preprofile` output is the original's. It is rebuilt from the edge list (pgo-edges.ts)
// alone, using what NewGraph reads:
//
// - A sample of one location walks that location's lines from the outermost to the innermost,
//   an edge between each pair. So a location whose lines are a path of edges of one weight,
//   f@l1 → g@l2 → h, and one sample of that weight carry all of them: edges of equal weight are
//   chained greedily into such paths (positive weights only, so that no node's weights cancel).
// - Lines only matter as offsets from start_line: every function gets start_line 1 (more where
//   a negative offset would make a line below 1), so that lines are small numbers and the
//   function table is uniform. The real start_lines, like file names, are not kept.
// - The callee at the end of a path gets line 0, which no caller line is, so no two frames of a
//   sample are one node by accident.
// - Weights of 0 or below (a difference of profiles) are one edge per location; a weight of 0 is
//   two samples, +1 and −1; a caller whose samples add up to 0 would be dropped by NewGraph with
//   its edges, so it gets a one-line location of weight 1 (which adds no edge).
import { compactHeader } from './compact-header';
import { addInt64 } from './int64';
import type { Int64, Line, Location, PprofFunction, Profile, Sample } from './model';
import { compareGoStrings, pgoEdges, type PgoEdge } from './pgo-edges';
import { pgoSampleIndex } from './pgo-sample-type';

export function compactToEdges(profile: Profile): Profile {
  const out = compactHeader(profile);
  const valueIndex = pgoSampleIndex(profile);
  const { edges } = pgoEdges(profile);
  out.sampleType = valueIndex < 0 ? profile.sampleType.map((t) => ({ ...t })) : [{ ...profile.sampleType[valueIndex]! }];
  if (edges.length === 0) return out;

  const functions = new FunctionTable(edges);
  const paths = [...chainPaths(edges.filter((e) => isPositive(e.weight))), ...edges.filter((e) => !isPositive(e.weight)).map((e) => [e])];
  const first = (path: PgoEdge[]): PgoEdge => path[0]!;
  paths.sort((a, b) => functions.id(first(a).caller) - functions.id(first(b).caller) || first(a).offset - first(b).offset);

  const locations: Location[] = [];
  const samples: Sample[] = [];
  const callerSums = new Map<string, { line: Line; sum: Int64 }>();
  const addLocation = (line: Line[]): number => {
    locations.push({ id: locations.length + 1, mappingId: 0, address: 0, line, isFolded: false });
    return locations.length;
  };
  for (const path of paths) {
    const weight = first(path).weight;
    const callers = path.map((e) => functions.callSite(e));
    const last = path[path.length - 1]!;
    // Lines are innermost first: the callee, then the callers back to the first.
    const id = addLocation([{ functionId: functions.id(last.callee), line: 0, column: 0 }, ...callers.reverse()]);
    if (weight === 0) samples.push({ locationId: [id], value: [1], label: [] }, { locationId: [id], value: [-1], label: [] });
    else samples.push({ locationId: [id], value: [weight], label: [] });
    for (const line of callers) {
      const key = `${line.functionId}:${line.line}`;
      const entry = callerSums.get(key);
      if (entry === undefined) callerSums.set(key, { line, sum: weight });
      else entry.sum = addInt64(entry.sum, weight);
    }
  }
  for (const { line, sum } of callerSums.values()) {
    if (sum === 0) samples.push({ locationId: [addLocation([{ ...line }])], value: [1], label: [] });
  }
  out.function = functions.table;
  out.location = locations;
  out.sample = samples;
  return out;
}

function isPositive(weight: Int64): boolean {
  return weight > 0;
}

/**
 * Edges of equal weight as paths: each path continues with an unused edge leaving the previous
 * callee, never through a call site it has already passed (a sample's repeated node would hide
 * an edge). Paths start, where possible, at a caller that no edge of the weight calls.
 */
function chainPaths(edges: PgoEdge[]): PgoEdge[][] {
  const byWeight = new Map<Int64, PgoEdge[]>();
  for (const e of edges) {
    const list = byWeight.get(e.weight);
    if (list === undefined) byWeight.set(e.weight, [e]);
    else list.push(e);
  }
  const paths: PgoEdge[][] = [];
  for (const group of byWeight.values()) {
    const leaving = new Map<string, PgoEdge[]>();
    for (const e of group) {
      const list = leaving.get(e.caller);
      if (list === undefined) leaving.set(e.caller, [e]);
      else list.push(e);
    }
    const called = new Set(group.map((e) => e.callee));
    const starts = [...group.filter((e) => !called.has(e.caller)), ...group.filter((e) => called.has(e.caller))];
    const used = new Set<PgoEdge>();
    for (const start of starts) {
      if (used.has(start)) continue;
      const path = [start];
      used.add(start);
      const sites = new Set([siteKey(start)]);
      for (;;) {
        const next = leaving.get(path[path.length - 1]!.callee)?.find((e) => !used.has(e) && !sites.has(siteKey(e)));
        if (next === undefined) break;
        path.push(next);
        used.add(next);
        sites.add(siteKey(next));
      }
      paths.push(path);
    }
  }
  return paths;
}

function siteKey(e: PgoEdge): string {
  return `${e.offset}\u0000${e.caller}`;
}

/** One function per name, by name; start_line 1, or above 1 by as much as the most negative offset needs. */
class FunctionTable {
  readonly table: PprofFunction[];
  private readonly ids = new Map<string, number>();

  constructor(edges: PgoEdge[]) {
    const startLines = new Map<string, number>();
    for (const e of edges) {
      startLines.set(e.callee, startLines.get(e.callee) ?? 1);
      startLines.set(e.caller, Math.max(startLines.get(e.caller) ?? 1, 1 - e.offset));
    }
    const names = [...startLines.keys()].sort(compareGoStrings);
    this.table = names.map((name, i) => {
      this.ids.set(name, i + 1);
      return { id: i + 1, name, systemName: '', filename: '', startLine: startLines.get(name)! };
    });
  }

  id(name: string): number {
    return this.ids.get(name)!;
  }

  /** The caller's line of an edge: start_line + offset, at least 1. */
  callSite(e: PgoEdge): Line {
    const id = this.id(e.caller);
    return { functionId: id, line: this.table[id - 1]!.startLine + e.offset, column: 0 };
  }
}
