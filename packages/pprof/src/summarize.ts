import { IdIndex, danglingId } from './id-index';
import { isZeroInt64, toNumber } from './int64';
import type { Location, Profile, ValueType } from './model';
import { pgoSampleIndex } from './pgo-sample-type';
import { TransformError } from './transform-error';

// A profile at a glance, and whether Go's PGO can use it. Errors are exactly what
// `go tool preprofile` (cmd/internal/pgo FromPProf) rejects a profile for; warnings are what
// makes a profile it accepts a poor PGO profile.

export interface FunctionWeight {
  name: string;
  value: number;
  /** value / total of the sample type. */
  share: number;
}

export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface ProfileSummary {
  /** `type/unit` */
  sampleTypes: string[];
  /** Number of Sample messages. */
  samples: number;
  /** `type/unit` → sum of its values. */
  totals: Record<string, number>;
  durationNanos: number;
  /** Exact decimal. */
  timeNanos: string;
  /** ISO 8601, null when the profile has no time. */
  time: string | null;
  /** `type/unit`, null when the profile has none. */
  periodType: string | null;
  period: number;
  functions: number;
  locations: number;
  mappings: number;
  startLineCoverage: {
    /** Share of functions with a start_line. */
    functions: number;
    /** Share of the PGO sample type's weight whose leaf frame's function has a start_line. */
    weight: number;
  };
  /** By the PGO sample type when there is one, else by pprof's default sample type; a function's weight where it is the leaf. */
  topFlat: FunctionWeight[];
  /** Same sample type; a function's weight wherever it is on the stack (once per sample). */
  topCum: FunctionWeight[];
  /** `go tool preprofile` accepts the profile (no problem of severity 'error'). */
  pgoUsable: boolean;
  pgoSampleType: string | null;
  problems: Problem[];
}

/** Below this many samples, which call edges are hot is mostly noise. */
export const MIN_TRUSTED_SAMPLES = 1000;

export function summarize(profile: Profile, options: { top?: number } = {}): ProfileSummary {
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 0) throw new TransformError('invalid-option', `top must be an integer >= 0, got ${String(top)}`, 'top');
  const pgoIndex = pgoSampleIndex(profile);
  const typeNames = profile.sampleType.map(showType);
  const totals = sampleTotals(profile);
  const frames = new FrameNames(profile);
  const weighed = pgoIndex >= 0 ? pgoIndex : defaultSampleIndex(profile);
  const ranking = weighed >= 0 ? frames.rank(weighed, top, totals[weighed]!) : { flat: [], cum: [] };
  const pgo = pgoIndex >= 0 ? frames.startLines(pgoIndex) : { seen: false, leafWeight: 0, weight: 0 };

  const summary: ProfileSummary = {
    sampleTypes: typeNames,
    samples: profile.sample.length,
    totals: Object.fromEntries(typeNames.map((name, i) => [name, totals[i]!])),
    durationNanos: toNumber(profile.durationNanos),
    timeNanos: String(profile.timeNanos),
    time: isoTime(profile.timeNanos),
    periodType: profile.periodType && (profile.periodType.type !== '' || profile.periodType.unit !== '') ? showType(profile.periodType) : null,
    period: toNumber(profile.period),
    functions: profile.function.length,
    locations: profile.location.length,
    mappings: profile.mapping.length,
    startLineCoverage: {
      functions: profile.function.length === 0 ? 0 : profile.function.filter((f) => f.startLine !== 0).length / profile.function.length,
      weight: pgo.weight === 0 ? 0 : pgo.leafWeight / pgo.weight,
    },
    topFlat: ranking.flat,
    topCum: ranking.cum,
    pgoUsable: true,
    pgoSampleType: pgoIndex >= 0 ? typeNames[pgoIndex]! : null,
    problems: [],
  };
  summary.problems = problems(profile, summary, pgoIndex, pgo.seen, totals);
  summary.pgoUsable = !summary.problems.some((p) => p.severity === 'error');
  return summary;
}

function problems(profile: Profile, summary: ProfileSummary, pgoIndex: number, seenStartLine: boolean, totals: number[]): Problem[] {
  const found: Problem[] = [];
  const error = (code: string, message: string): number => found.push({ severity: 'error', code, message });
  const warning = (code: string, message: string): number => found.push({ severity: 'warning', code, message });
  const types = summary.sampleTypes.join(', ') || 'none';
  const samples = profile.sample.length;

  // go tool preprofile: a profile without samples is accepted (and does nothing); otherwise it
  // needs a PGO sample type, then a start_line on some frame the graph weighs.
  if (samples > 0 && pgoIndex < 0) {
    error(
      'no-pgo-sample-type',
      `the profile has no samples/count or cpu/nanoseconds sample type (it has ${types}): go build -pgo rejects it; give a Go CPU profile (runtime/pprof or /debug/pprof/profile)`,
    );
  } else if (samples > 0 && !seenStartLine) {
    error(
      'no-start-line',
      'no function the PGO graph weighs has a start_line: go build -pgo rejects the profile ("profile missing Function.start_line data"); ' +
        'it was written by Go older than 1.20 or by a profiler that leaves start_line out; capture it again with runtime/pprof of Go 1.20 or newer',
    );
  }

  const rejected = found.length > 0;

  const periodType = profile.periodType?.type ?? '';
  const has = (type: string, unit: string): boolean => profile.sampleType.some((t) => t.type === type && t.unit === unit);
  if (periodType === 'wallclock' || has('time', 'nanoseconds')) {
    warning(
      'wall-clock',
      `the profile measures wall time (period type ${summary.periodType ?? 'none'}, sample types ${types}; e.g. fgprof), not CPU time: ` +
        'time spent waiting would steer PGO; capture a CPU profile instead',
    );
  }
  if (has('samples', 'count') && !has('cpu', 'nanoseconds') && isZeroInt64(profile.period)) {
    warning(
      'ebpf-agent',
      'the profile has samples/count only and period 0, as an eBPF agent (e.g. parca-agent) writes: its stacks and start_line may not match ' +
        "what Go's runtime/pprof records; prefer a runtime/pprof CPU profile",
    );
  }
  if (samples > 0 && profile.function.length === 0) {
    warning('unsymbolized', 'the profile has no function names (addresses only): PGO matches functions by name and will find none; symbolize it first');
  }
  const coverage = summary.startLineCoverage.weight;
  if (!rejected && pgoIndex >= 0 && totals[pgoIndex] !== 0 && coverage < 1) {
    warning(
      'partial-start-line',
      `${formatShare(1 - coverage)} of the weight has a leaf function without start_line: PGO cannot place those call sites and ignores them`,
    );
  }
  if (samples === 0 || (pgoIndex >= 0 && totals[pgoIndex] === 0)) {
    warning('empty', 'the profile holds no weight: go build -pgo accepts it but optimizes nothing; capture under real load');
  } else {
    const count = sampleCount(profile, totals);
    if (count !== undefined && count < MIN_TRUSTED_SAMPLES) {
      warning('few-samples', `the profile holds ${Math.round(count)} samples, fewer than ${MIN_TRUSTED_SAMPLES}: which call edges look hot is mostly chance; capture for longer or merge more captures`);
    }
  }
  if (isZeroInt64(profile.durationNanos)) {
    warning('no-duration', 'the profile has no duration: merges that normalize by duration cannot weigh it; keep the duration when capturing');
  }
  return found;
}

/** Number of samples behind the PGO weight: samples/count when present, else CPU time / period. */
/**
 * How many samples the profile took: the `samples/count` total, else CPU time over the period;
 * undefined when it has neither (then only the number of Sample messages is known).
 */
export function sampleCount(profile: Profile, totals: number[] = sampleTotals(profile)): number | undefined {
  const counts = profile.sampleType.findIndex((t) => t.type === 'samples' && t.unit === 'count');
  if (counts >= 0) return totals[counts]!;
  const cpu = profile.sampleType.findIndex((t) => t.type === 'cpu' && t.unit === 'nanoseconds');
  const period = toNumber(profile.period);
  return cpu >= 0 && period > 0 ? totals[cpu]! / period : undefined;
}

function sampleTotals(profile: Profile): number[] {
  const totals = profile.sampleType.map(() => 0);
  for (const s of profile.sample) for (let i = 0; i < totals.length; i++) totals[i]! += toNumber(s.value[i] ?? 0);
  return totals;
}

/** pprof's default: the named default sample type, else the last one. */
function defaultSampleIndex(profile: Profile): number {
  const named = profile.sampleType.findIndex((t) => t.type === profile.defaultSampleType);
  return named >= 0 ? named : profile.sampleType.length - 1;
}

/** Per location, the names of its frames (interned), innermost first; for the top lists and start_line checks. */
class FrameNames {
  private readonly names: string[] = [];
  /** Per location index: name ids of its lines, innermost first. */
  private readonly frames: Int32Array[];
  /** Per location index: start_line of each line's function (0 without one). */
  private readonly frameStartLines: Int32Array[];
  private readonly locations: IdIndex;

  constructor(private readonly profile: Profile) {
    const functions = new IdIndex(profile.function, 'function');
    const ids = new Map<string, number>();
    const intern = (name: string): number => {
      let id = ids.get(name);
      if (id === undefined) ids.set(name, (id = this.names.push(name) - 1));
      return id;
    };
    this.locations = new IdIndex(profile.location, 'location');
    this.frames = [];
    this.frameStartLines = [];
    profile.location.forEach((l: Location, li) => {
      if (l.line.length === 0) {
        this.frames.push(Int32Array.of(intern(`0x${l.address.toString(16)}`)));
        this.frameStartLines.push(Int32Array.of(0));
        return;
      }
      const frame = new Int32Array(l.line.length);
      const starts = new Int32Array(l.line.length);
      l.line.forEach((line, i) => {
        if (line.functionId === 0) {
          frame[i] = intern(`0x${l.address.toString(16)}`);
          return;
        }
        const fi = functions.get(line.functionId);
        if (fi < 0) throw danglingId(`location[${li}].line[${i}].function_id`, line.functionId, 'function');
        const f = profile.function[fi]!;
        frame[i] = intern(f.name);
        starts[i] = f.startLine;
      });
      this.frames.push(frame);
      this.frameStartLines.push(starts);
    });
  }

  private locationIndex(id: number, sampleIndex: number, position: number): number {
    const index = this.locations.get(id);
    if (index < 0) throw danglingId(`sample[${sampleIndex}].location_id[${position}]`, id, 'location');
    return index;
  }

  rank(valueIndex: number, top: number, total: number): { flat: FunctionWeight[]; cum: FunctionWeight[] } {
    const flat = new Float64Array(this.names.length);
    const cum = new Float64Array(this.names.length);
    const seenIn = new Int32Array(this.names.length).fill(-1);
    this.profile.sample.forEach((s, si) => {
      const v = toNumber(s.value[valueIndex] ?? 0);
      if (v === 0 || s.locationId.length === 0) return;
      s.locationId.forEach((id, j) => {
        const frame = this.frames[this.locationIndex(id, si, j)]!;
        if (j === 0) flat[frame[0]!]! += v;
        for (const name of frame) {
          if (seenIn[name] === si) continue;
          seenIn[name] = si;
          cum[name]! += v;
        }
      });
    });
    return { flat: this.best(flat, top, total), cum: this.best(cum, top, total) };
  }

  private best(values: Float64Array, top: number, total: number): FunctionWeight[] {
    const order = [...values.keys()].filter((i) => values[i] !== 0);
    order.sort((a, b) => values[b]! - values[a]! || (this.names[a]! < this.names[b]! ? -1 : 1));
    return order.slice(0, top).map((i) => ({ name: this.names[i]!, value: values[i]!, share: total === 0 ? 0 : values[i]! / total }));
  }

  /**
   * What FromPProf sees of start_line: `seen` when some frame of the two leaf-most locations of
   * a sample with weight has a function with start_line (the graph nodes it checks), and the
   * weight whose leaf frame has one. (Exact for non-negative values: with negative ones, nodes
   * whose weights cancel out would not count in Go.)
   */
  startLines(valueIndex: number): { seen: boolean; leafWeight: number; weight: number } {
    let seen = false;
    let leafWeight = 0;
    let weight = 0;
    this.profile.sample.forEach((s, si) => {
      const value = s.value[valueIndex] ?? 0;
      if (isZeroInt64(value)) return;
      const v = toNumber(value);
      weight += v;
      for (let j = 0; j < Math.min(2, s.locationId.length); j++) {
        const starts = this.frameStartLines[this.locationIndex(s.locationId[j]!, si, j)]!;
        if (j === 0 && starts[0] !== 0) leafWeight += v;
        if (!seen && starts.some((start) => start !== 0)) seen = true;
      }
    });
    return { seen, leafWeight, weight };
  }
}

function showType(t: ValueType): string {
  return `${t.type}/${t.unit}`;
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
}

/** ISO 8601 (milliseconds) of a time in Unix nanoseconds; null for 0 or a time no Date can hold. */
function isoTime(nanos: Profile['timeNanos']): string | null {
  if (isZeroInt64(nanos)) return null;
  const ms = Number(BigInt(nanos) / BigInt(1000000));
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}
