import { IdIndex, danglingId } from './id-index';
import { addInt64, isZeroInt64 } from './int64';
import { emptyProfile } from './model';
import type { Int64, Line, Location, PprofFunction, Profile, Sample } from './model';
import { pgoSampleIndex } from './pgo-sample-type';
import { SequenceTable } from './sequence-table';
import { TransformError } from './transform-error';

// Compaction to what Go's PGO reads (cmd/internal/pgo FromPProf, internal/profile NewGraph),
// without changing one PGO decision: the PGO sample type; per sample with a non-zero value, the
// leaf-most frames (the compiler reads two) with all their inlined lines; per line the function
// name, line and the function's start_line. Labels, mappings, comments, file and system names
// go; period type, period, time and duration stay (tiny, and normalizing merges need them).
//
// Addresses: NewGraph keys a node by {name, address, start_line, line}, and skips the edge
// between two equal nodes, so two frames that differ only by address can carry an edge that
// without addresses would vanish (a recursive call on the line the leaf runs on). What the
// compiler gets is a sum over samples of each sample's edges, and a sample's edges depend only
// on which of its nodes are equal; so a surrogate address must keep apart, within each sample,
// two leaf-most frames that share a {name, line, start_line} class and had different addresses,
// and keep together the ones that had the same. Surrogates are a coloring of the original
// addresses under exactly those constraints: 0 for nearly all, 1, 2… where needed. With
// negative values (a difference of profiles), node identity across samples matters too: a node
// whose weights cancel out is dropped with its edges; then every address keeps its own surrogate.
//
// The tables come out in a canonical order (functions by name, locations by their lines,
// samples by stack from the root), which makes the output independent of the input's order and
// compresses better.

export interface CompactOptions {
  /** Leaf-most locations kept per sample (default 5, at least 2: the compiler reads 2). */
  keepFrames?: number;
}

export const DEFAULT_KEEP_FRAMES = 5;
export const MIN_KEEP_FRAMES = 2;

export function compactForPgo(profile: Profile, options: CompactOptions = {}): Profile {
  const keepFrames = options.keepFrames ?? DEFAULT_KEEP_FRAMES;
  if (!Number.isInteger(keepFrames) || keepFrames < MIN_KEEP_FRAMES) {
    throw new TransformError(
      'invalid-option',
      `keepFrames must be an integer >= ${MIN_KEEP_FRAMES} (Go's PGO reads the 2 leaf-most frames of each sample), got ${String(keepFrames)}`,
      'keepFrames',
    );
  }
  const valueIndex = pgoSampleIndex(profile);
  if (valueIndex < 0) {
    if (profile.sample.length === 0) return { ...header(profile), sampleType: profile.sampleType.map((t) => ({ ...t })) };
    throw new TransformError(
      'not-pgo-profile',
      `the profile has no samples/count or cpu/nanoseconds sample type (it has ${profile.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ') || 'none'}), ` +
        'so Go PGO cannot use it and there is nothing to keep: give a CPU profile',
    );
  }
  const compacted = new Compaction(profile, valueIndex, keepFrames).run();
  // Values of opposite sign can add up to zero; compacting again drops those samples and what
  // only they referenced.
  return compacted.sample.some((s) => isZeroInt64(s.value[0]!)) ? compactForPgo(compacted, options) : compacted;
}

/** What PGO needs of the header: none of it, but duration and period keep the profile comparable. */
function header(profile: Profile): Profile {
  return {
    ...emptyProfile(),
    timeNanos: profile.timeNanos,
    durationNanos: profile.durationNanos,
    periodType: profile.periodType && { ...profile.periodType },
    period: profile.period,
  };
}

class Compaction {
  private readonly locations: IdIndex;
  private readonly functions: IdIndex;
  /** Location indexes in kept frames, in order of first use. */
  private readonly kept: number[] = [];
  /** Per location index: 1 + its position in `kept`, 0 when not kept. */
  private readonly keptAt: Int32Array;

  constructor(
    private readonly profile: Profile,
    private readonly valueIndex: number,
    private readonly keepFrames: number,
  ) {
    this.locations = new IdIndex(profile.location, 'location');
    this.functions = new IdIndex(profile.function, 'function');
    this.keptAt = new Int32Array(profile.location.length);
  }

  run(): Profile {
    this.findKeptLocations();
    const functions = this.compactFunctions();
    const locations = this.compactLocations(this.surrogateAddresses(), functions.idOf);
    const out = header(this.profile);
    out.sampleType = [{ ...this.profile.sampleType[this.valueIndex]! }];
    out.function = functions.table;
    out.location = locations.table;
    out.sample = this.compactSamples(locations.idOf);
    return out;
  }

  private findKeptLocations(): void {
    const { sample } = this.profile;
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      if (isZeroInt64(s.value[this.valueIndex]!)) continue;
      const depth = Math.min(s.locationId.length, this.keepFrames);
      for (let j = 0; j < depth; j++) {
        const index = this.locations.get(s.locationId[j]!);
        if (index < 0) throw danglingId(`sample[${si}].location_id[${j}]`, s.locationId[j]!, 'location');
        if (this.keptAt[index] === 0) {
          this.kept.push(index);
          this.keptAt[index] = this.kept.length;
        }
      }
    }
  }

  /** Position in `kept` of a sample's location; only for samples findKeptLocations has checked. */
  private keptPosition(id: number): number {
    return this.keptAt[this.locations.get(id)]! - 1;
  }

  /** Index of a line's function, -1 for a line without one. */
  private functionIndex(line: Line, locationIndex: number, lineIndex: number): number {
    if (line.functionId === 0) return -1;
    const index = this.functions.get(line.functionId);
    if (index < 0) throw danglingId(`location[${locationIndex}].line[${lineIndex}].function_id`, line.functionId, 'function');
    return index;
  }

  /** The functions kept locations use, one per {name, start_line}, by name; and the compact id of each source function. */
  private compactFunctions(): { table: PprofFunction[]; idOf: Int32Array } {
    const used = new Map<string, { name: string; startLine: number; sources: number[] }>();
    for (const index of this.kept) {
      this.profile.location[index]!.line.forEach((line, i) => {
        const fi = this.functionIndex(line, index, i);
        if (fi < 0) return;
        const f = this.profile.function[fi]!;
        const key = `${f.startLine}\u0000${f.name}`;
        const entry = used.get(key);
        if (entry === undefined) used.set(key, { name: f.name, startLine: f.startLine, sources: [fi] });
        else if (!entry.sources.includes(fi)) entry.sources.push(fi);
      });
    }
    const sorted = [...used.values()].sort((a, b) => compareStrings(a.name, b.name) || a.startLine - b.startLine);
    const idOf = new Int32Array(this.profile.function.length);
    const table = sorted.map((f, i): PprofFunction => {
      for (const source of f.sources) idOf[source] = i + 1;
      return { id: i + 1, name: f.name, systemName: '', filename: '', startLine: f.startLine };
    });
    return { table, idOf };
  }

  /** Per kept location (by position in `kept`): ids of its node key classes {name, line, start_line}. */
  private nodeClasses(): Int32Array[] {
    const ids = new Map<string, number>();
    const classId = (key: string): number => {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    };
    return this.kept.map((index) => {
      const { line } = this.profile.location[index]!;
      // A location without lines is one node keyed by its address alone, as a line without a function.
      if (line.length === 0) return Int32Array.of(classId(FUNCTIONLESS));
      return Int32Array.from(line, (l, i) => {
        const fi = this.functionIndex(l, index, i);
        if (fi < 0) return classId(FUNCTIONLESS);
        const f = this.profile.function[fi]!;
        return classId(`${f.name}\u0000${l.line}\u0000${f.startLine}`);
      });
    });
  }

  /** Per kept location (by position in `kept`): its surrogate address (see the top of this file). */
  private surrogateAddresses(): Int32Array {
    const addressIndex = new Map<Int64, number>();
    const addressOf = Int32Array.from(this.kept, (index) => {
      const address = this.profile.location[index]!.address;
      let a = addressIndex.get(address);
      if (a === undefined) addressIndex.set(address, (a = addressIndex.size));
      return a;
    });
    if (this.hasNegativeValue()) return addressOf.map((a) => a + 1);
    const classes = this.nodeClasses();
    // Addresses that must differ: the two leaf-most frames of a sample, when they share a class.
    const mustDiffer: number[][] = Array.from({ length: addressIndex.size }, () => []);
    for (const s of this.profile.sample) {
      if (s.locationId.length < 2 || isZeroInt64(s.value[this.valueIndex]!)) continue;
      const leaf = this.keptPosition(s.locationId[0]!);
      const caller = this.keptPosition(s.locationId[1]!);
      const a = addressOf[leaf]!;
      const b = addressOf[caller]!;
      if (a !== b && shareAny(classes[leaf]!, classes[caller]!)) {
        mustDiffer[a]!.push(b);
        mustDiffer[b]!.push(a);
      }
    }
    // Greedy coloring: the smallest color none of the already colored neighbors has.
    const color = new Int32Array(addressIndex.size).fill(-1);
    for (let a = 0; a < color.length; a++) {
      const taken = new Set<number>();
      for (const b of mustDiffer[a]!) if (color[b]! >= 0) taken.add(color[b]!);
      let c = 0;
      while (taken.has(c)) c++;
      color[a] = c;
    }
    return Int32Array.from(addressOf, (a) => color[a]!);
  }

  private hasNegativeValue(): boolean {
    return this.profile.sample.some((s) => s.value[this.valueIndex]! < 0);
  }

  /** One location per distinct {surrogate address, lines}, ordered by lines; and the compact id of each kept location. */
  private compactLocations(surrogates: Int32Array, functionIds: Int32Array): { table: Location[]; idOf: Int32Array } {
    const table = new SequenceTable();
    const key: number[] = [];
    const unique: Location[] = [];
    const uniqueOf = new Int32Array(this.kept.length);
    this.kept.forEach((index, k) => {
      const src = this.profile.location[index]!;
      // A line without a function is keyed by the address only: its line number is not read.
      const lines: Line[] = src.line.map((line, i) => {
        const fi = this.functionIndex(line, index, i);
        return fi < 0 ? { functionId: 0, line: 0, column: 0 } : { functionId: functionIds[fi]!, line: line.line, column: 0 };
      });
      lines.forEach((line, i) => {
        key[2 * i] = line.functionId;
        key[2 * i + 1] = line.line;
      });
      key[2 * lines.length] = surrogates[k]!;
      const found = table.findOrAdd(key, 2 * lines.length + 1);
      if (found < 0) unique.push({ id: 0, mappingId: 0, address: surrogates[k]!, line: lines, isFolded: false });
      uniqueOf[k] = found < 0 ? ~found : found;
    });
    const order = unique.map((_, i) => i).sort((a, b) => compareSequences(table.sequence(a), table.sequence(b)));
    const idOfUnique = new Int32Array(unique.length);
    const sorted = order.map((u, i) => {
      idOfUnique[u] = i + 1;
      return { ...unique[u]!, id: i + 1 };
    });
    return { table: sorted, idOf: Int32Array.from(uniqueOf, (u) => idOfUnique[u]!) };
  }

  /** Samples with their stacks cut to keepFrames, equal stacks added up, ordered by stack from the root. */
  private compactSamples(locationIds: Int32Array): Sample[] {
    const samples: Sample[] = [];
    const table = new SequenceTable();
    const key = new Int32Array(this.keepFrames);
    for (const s of this.profile.sample) {
      const value = s.value[this.valueIndex]!;
      if (isZeroInt64(value)) continue;
      const depth = Math.min(s.locationId.length, this.keepFrames);
      for (let j = 0; j < depth; j++) key[j] = locationIds[this.keptPosition(s.locationId[j]!)]!;
      const found = table.findOrAdd(key, depth);
      if (found >= 0) samples[found]!.value[0] = addInt64(samples[found]!.value[0]!, value);
      else samples.push({ locationId: table.sequence(~found) as number[], value: [value], label: [] });
    }
    return samples.sort((a, b) => compareFromRoot(a.locationId, b.locationId));
  }
}

/** NewGraph's node key for a line without a function: {"", address, 0, 0}. */
const FUNCTIONLESS = '\u00000\u00000';

function shareAny(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (a[i] === b[j]) return true;
  return false;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Stacks are leaf first: compare them from their last element. */
function compareFromRoot(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 1; i <= n; i++) if (a[a.length - i] !== b[b.length - i]) return a[a.length - i]! - b[b.length - i]!;
  return a.length - b.length;
}
