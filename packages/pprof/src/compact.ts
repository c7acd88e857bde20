import { IdIndex, danglingId } from './id-index';
import { addInt64, isZeroInt64 } from './int64';
import type { Int64, Line, Location, PprofFunction, Profile, Sample } from './model';
import { notPgoProfile, pgoSampleIndex } from './pgo-sample-type';
import { SequenceTable } from './sequence-table';
import { TransformError } from './transform-error';
import { compactHeader } from './compact-header';
import { compactToEdges } from './compact-minimal';

// Compaction to what Go's PGO reads (cmd/internal/pgo FromPProf, internal/profile NewGraph;
// pgo-edges.ts restates it), without changing one PGO decision: the PGO sample type; per sample
// with a non-zero value, the leaf-most frames (the compiler reads two) with all their inlined
// lines; per line the function name, line and the function's start_line. Labels, mappings,
// comments, file and system names go; period type, period, time and duration stay (tiny, and
// normalizing merges need them). This is the `default` level; `minimal` (compact-minimal.ts)
// keeps the edge list alone.
//
// Leaf lines: the innermost line of a sample's leaf location is only ever a callee, and PGO
// names a callee by its function alone; its line matters only to tell apart two nodes of one
// sample (a recursion) or, with negative values, to keep a node whose weights cancel out. So
// where the leaf's function appears nowhere else in the sample's two leaf-most locations and no
// value is negative, the leaf line becomes 0 (LEAF_LINE): samples that differed only by where in
// the leaf function they were taken merge, and most of the locations go.
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

export type CompactLevel = 'default' | 'minimal';

export const COMPACT_LEVELS: readonly CompactLevel[] = ['default', 'minimal'];

export interface CompactOptions {
  /** `default`: the leaf-most frames, leaf lines aggregated; `minimal`: the edge list alone (compact-minimal.ts). */
  level?: CompactLevel;
  /** Leaf-most locations kept per sample at the default level (default 5, at least 2: the compiler reads 2). */
  keepFrames?: number;
}

export const DEFAULT_KEEP_FRAMES = 5;
export const MIN_KEEP_FRAMES = 2;
/** The line an aggregated leaf gets: pprof's "line unknown". */
export const LEAF_LINE = 0;

export function compactForPgo(profile: Profile, options: CompactOptions = {}): Profile {
  const level = options.level ?? 'default';
  if (!COMPACT_LEVELS.includes(level)) {
    throw new TransformError('invalid-option', `level must be one of ${COMPACT_LEVELS.join(', ')}, got ${String(level)}`, 'level');
  }
  if (level === 'minimal') {
    if (options.keepFrames !== undefined) {
      throw new TransformError('invalid-option', 'keepFrames applies to the default level only: the minimal level keeps the call edges alone', 'keepFrames');
    }
    return compactToEdges(profile);
  }
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
    if (profile.sample.length === 0) return { ...compactHeader(profile), sampleType: profile.sampleType.map((t) => ({ ...t })) };
    throw notPgoProfile(profile);
  }
  return new Compaction(profile, valueIndex, keepFrames).run();
}

/**
 * Locations are handled as variants: index i < n (n locations) is location i as it is, n + i is
 * location i with its innermost line at LEAF_LINE (used as an aggregated leaf).
 */
class Compaction {
  private readonly locations: IdIndex;
  private readonly functions: IdIndex;
  private readonly n: number;
  /** Per sample: 1 when its leaf line is aggregated. */
  private readonly aggregated: Uint8Array;
  /** Location variants in kept frames, in order of first use. */
  private readonly kept: number[] = [];
  /** Per variant: 1 + its position in `kept`, 0 when not kept. */
  private readonly keptAt: Int32Array;

  constructor(
    private readonly profile: Profile,
    private readonly valueIndex: number,
    private readonly keepFrames: number,
  ) {
    this.locations = new IdIndex(profile.location, 'location');
    this.functions = new IdIndex(profile.function, 'function');
    this.n = profile.location.length;
    this.keptAt = new Int32Array(2 * this.n);
    this.aggregated = new Uint8Array(profile.sample.length);
  }

  run(): Profile {
    this.findKeptLocations();
    const functions = this.compactFunctions();
    const locations = this.compactLocations(this.surrogateAddresses(), functions.idOf);
    const out = compactHeader(this.profile);
    out.sampleType = [{ ...this.profile.sampleType[this.valueIndex]! }];
    out.function = functions.table;
    out.location = locations.table;
    out.sample = this.compactSamples(locations.idOf);
    return out;
  }

  private findKeptLocations(): void {
    const { sample } = this.profile;
    const negative = this.hasNegativeValue();
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      if (isZeroInt64(s.value[this.valueIndex]!)) continue;
      const depth = Math.min(s.locationId.length, this.keepFrames);
      for (let j = 0; j < depth; j++) {
        const index = this.locations.get(s.locationId[j]!);
        if (index < 0) throw danglingId(`sample[${si}].location_id[${j}]`, s.locationId[j]!, 'location');
      }
      if (!negative && depth > 0 && this.leafAggregates(s)) this.aggregated[si] = 1;
      for (let j = 0; j < depth; j++) {
        const variant = this.variantOf(si, j);
        if (this.keptAt[variant] === 0) {
          this.kept.push(variant);
          this.keptAt[variant] = this.kept.length;
        }
      }
    }
  }

  /** Whether the leaf's function appears on no other line of the sample's two leaf-most locations. */
  private leafAggregates(s: Sample): boolean {
    const leafIndex = this.locations.get(s.locationId[0]!);
    const leafLines = this.profile.location[leafIndex]!.line;
    if (leafLines.length === 0) return false;
    const leaf = this.functionIndex(leafLines[0]!, leafIndex, 0);
    if (leaf < 0) return false;
    const name = this.profile.function[leaf]!.name;
    for (let j = 0; j < Math.min(2, s.locationId.length); j++) {
      const index = this.locations.get(s.locationId[j]!);
      const lines = this.profile.location[index]!.line;
      for (let i = j === 0 ? 1 : 0; i < lines.length; i++) {
        const fi = this.functionIndex(lines[i]!, index, i);
        if (fi >= 0 && this.profile.function[fi]!.name === name) return false;
      }
    }
    return true;
  }

  /** The location variant of frame `j` of sample `si` (checked by findKeptLocations). */
  private variantOf(si: number, j: number): number {
    const index = this.locations.get(this.profile.sample[si]!.locationId[j]!);
    return j === 0 && this.aggregated[si] === 1 ? index + this.n : index;
  }

  /** Position in `kept` of frame `j` of sample `si`; only for samples findKeptLocations has seen. */
  private keptPosition(si: number, j: number): number {
    return this.keptAt[this.variantOf(si, j)]! - 1;
  }

  /** Index of a line's function, -1 for a line without one. */
  private functionIndex(line: Line, locationIndex: number, lineIndex: number): number {
    if (line.functionId === 0) return -1;
    const index = this.functions.get(line.functionId);
    if (index < 0) throw danglingId(`location[${locationIndex}].line[${lineIndex}].function_id`, line.functionId, 'function');
    return index;
  }

  /** The line numbers of a variant, innermost first. */
  private lineNumber(variant: number, lineIndex: number): number {
    return variant >= this.n && lineIndex === 0 ? LEAF_LINE : this.profile.location[variant % this.n]!.line[lineIndex]!.line;
  }

  /** The functions kept locations use, one per {name, start_line}, by name; and the compact id of each source function. */
  private compactFunctions(): { table: PprofFunction[]; idOf: Int32Array } {
    const used = new Map<string, { name: string; startLine: number; sources: number[] }>();
    for (const variant of this.kept) {
      const index = variant % this.n;
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

  /** Per kept variant (by position in `kept`): ids of its node key classes {name, line, start_line}. */
  private nodeClasses(): Int32Array[] {
    const ids = new Map<string, number>();
    const classId = (key: string): number => {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    };
    return this.kept.map((variant) => {
      const index = variant % this.n;
      const { line } = this.profile.location[index]!;
      // A location without lines is one node keyed by its address alone, as a line without a function.
      if (line.length === 0) return Int32Array.of(classId(FUNCTIONLESS));
      return Int32Array.from(line, (l, i) => {
        const fi = this.functionIndex(l, index, i);
        if (fi < 0) return classId(FUNCTIONLESS);
        const f = this.profile.function[fi]!;
        return classId(`${f.name}\u0000${this.lineNumber(variant, i)}\u0000${f.startLine}`);
      });
    });
  }

  /** Per kept variant (by position in `kept`): its surrogate address (see the top of this file). */
  private surrogateAddresses(): Int32Array {
    const addressIndex = new Map<Int64, number>();
    const addressOf = Int32Array.from(this.kept, (variant) => {
      const address = this.profile.location[variant % this.n]!.address;
      let a = addressIndex.get(address);
      if (a === undefined) addressIndex.set(address, (a = addressIndex.size));
      return a;
    });
    if (this.hasNegativeValue()) return addressOf.map((a) => a + 1);
    const classes = this.nodeClasses();
    // Addresses that must differ: the two leaf-most frames of a sample, when they share a class.
    const mustDiffer: number[][] = Array.from({ length: addressIndex.size }, () => []);
    const { sample } = this.profile;
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      if (s.locationId.length < 2 || isZeroInt64(s.value[this.valueIndex]!)) continue;
      const leaf = this.keptPosition(si, 0);
      const caller = this.keptPosition(si, 1);
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

  /** One location per distinct {surrogate address, lines}, ordered by lines; and the compact id of each kept variant. */
  private compactLocations(surrogates: Int32Array, functionIds: Int32Array): { table: Location[]; idOf: Int32Array } {
    const table = new SequenceTable();
    const key: number[] = [];
    const unique: Location[] = [];
    const uniqueOf = new Int32Array(this.kept.length);
    this.kept.forEach((variant, k) => {
      const index = variant % this.n;
      const src = this.profile.location[index]!;
      // A line without a function is keyed by the address only: its line number is not read.
      const lines: Line[] = src.line.map((line, i) => {
        const fi = this.functionIndex(line, index, i);
        return fi < 0 ? { functionId: 0, line: 0, column: 0 } : { functionId: functionIds[fi]!, line: this.lineNumber(variant, i), column: 0 };
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

  /**
   * Samples with their stacks cut to keepFrames, equal stacks of values of one sign added up,
   * ordered by stack from the root. Values of opposite signs stay apart: added up to 0 they
   * would vanish, and with them an edge NewGraph lists (at weight 0).
   */
  private compactSamples(locationIds: Int32Array): Sample[] {
    const samples: Sample[] = [];
    const table = new SequenceTable();
    const key = new Int32Array(this.keepFrames);
    const { sample } = this.profile;
    for (let si = 0; si < sample.length; si++) {
      const s = sample[si]!;
      const value = s.value[this.valueIndex]!;
      if (isZeroInt64(value)) continue;
      const depth = Math.min(s.locationId.length, this.keepFrames);
      for (let j = 0; j < depth; j++) key[j] = locationIds[this.keptPosition(si, j)]!;
      const found = table.findOrAdd(key, depth, value < 0 ? 1 : 0);
      if (found >= 0) samples[found]!.value[0] = addInt64(samples[found]!.value[0]!, value);
      else samples.push({ locationId: table.sequence(~found) as number[], value: [value], label: [] });
    }
    return samples.sort((a, b) => compareFromRoot(a.locationId, b.locationId) || (a.value[0]! < b.value[0]! ? -1 : 1));
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
