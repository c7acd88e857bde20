// The profile's PGO call edges (what `go build -pgo` reads: caller, call-site offset, callee,
// weight) against today's source of one binary's closure packages. Each edge is one of:
// - stale: its caller or callee is a function of a closure package whose declaration no longer
//   exists (the compiler finds no function of that name, so the edge is lost);
// - moved: its caller exists, with a body of its own, but the line start_line + offset holds no
//   call in that body, so the compiler, which matches edges by caller and line offset, finds no
//   call site for it;
// - no-call: the same, but to the runtime (map access, allocation, preemption: calls the
//   compiler inserts where the source has none, so their lines never held a call to find);
// - matched: the line holds a call (of whatever callee: the compiler matches by line too);
// - unchecked: outside the closure, or a function the source does not hold as such (wrappers,
//   loop bodies, closures of inlined functions, package-level closures, linknamed functions).
import { toNumber, type PgoEdge, type PgoEdgeList, type Profile } from '@go-pgo/pprof';
import { parseFunctionName } from './function-name';
import type { WeightedEdge } from './validation-report';
import type { FrameOrigin, WorkspacePackages } from './workspace-packages';

export type EdgeStatus = 'stale' | 'matched' | 'moved' | 'no-call' | 'unchecked';

export interface ClassifiedEdge {
  edge: PgoEdge;
  weight: number;
  /** `no-call`: a compiler-inserted call (runtime) at a line without a call in the source. */
  status: EdgeStatus;
}

export interface EdgeWeights {
  total: number;
  stale: number;
  moved: number;
  /** Every edge, in the profile's order (heaviest first). */
  edges: ClassifiedEdge[];
}

export function weighEdges(profile: Profile, list: PgoEdgeList, packages: WorkspacePackages): EdgeWeights {
  // Edges name functions; their files (which binary a `main.` function is of) are in the profile.
  const files = new Map<string, string>();
  for (const f of profile.function) if (!files.get(f.name)) files.set(f.name, f.filename);
  const origins = new Map<string, FrameOrigin>();
  const originOf = (name: string): FrameOrigin => {
    let origin = origins.get(name);
    if (origin === undefined) origins.set(name, (origin = packages.origin(name, files.get(name) ?? '')));
    return origin;
  };
  const statusOf = (edge: PgoEdge): EdgeStatus => {
    const caller = originOf(edge.caller);
    if (caller.lookup?.found === false || originOf(edge.callee).lookup?.found === false) return 'stale';
    if (caller.source === undefined) return 'unchecked';
    if (caller.source.callLines.includes(caller.source.line + edge.offset)) return 'matched';
    return isInsertedByCompiler(edge.callee) ? 'no-call' : 'moved';
  };
  const weights: EdgeWeights = { total: 0, stale: 0, moved: 0, edges: [] };
  for (const edge of list.edges) {
    const weight = toNumber(edge.weight);
    const status = statusOf(edge);
    weights.total += weight;
    if (status === 'stale') weights.stale += weight;
    else if (status === 'moved') weights.moved += weight;
    weights.edges.push({ edge, weight, status });
  }
  return weights;
}

/** Functions the compiler calls where the source has no call: the runtime's, and its generated ones. */
function isInsertedByCompiler(name: string): boolean {
  const parsed = parseFunctionName(name);
  if (parsed.kind !== 'qualified') return true;
  return parsed.pkg === 'runtime' || parsed.pkg.startsWith('runtime/') || parsed.pkg.startsWith('internal/runtime/');
}

/** The `count` heaviest edges of `status`, as shares of the total. */
export function heaviestEdges(weights: EdgeWeights, status: EdgeStatus, count: number): WeightedEdge[] {
  const { total } = weights;
  return weights.edges
    .filter((e) => e.status === status)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count)
    .map(({ edge, weight }) => ({ caller: edge.caller, callee: edge.callee, offset: edge.offset, share: total === 0 ? 0 : weight / total }));
}
