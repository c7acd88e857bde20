import { MergeError, ProfileFormatError } from './errors';
import { copyValues } from './exact-copy';
import { IdIndex, danglingId } from './id-index';
import { addInt64, isZeroInt64, normalizeInt64, toNumber } from './int64';
import { LabelLists, NO_LABELS, sharedLabel } from './label-lists';
import type { Int64, Label, Line, Mapping, PprofFunction, Profile, ValueType } from './model';
import { scaleInt64 } from './scale';
import { SequenceTable } from './sequence-table';
import { TransformError } from './transform-error';

// Merging profiles with google/pprof's profile.Merge semantics: samples with the same stack and
// labels add up; functions, locations and mappings are deduplicated with pprof's keys; samples
// whose values are all zero are dropped, with whatever only they referenced. Headers combine as
// pprof does: the first input's period type, drop/keep frames; the largest period; the sum of the
// durations; the earliest non-zero time; comments in order of first appearance; the first
// non-empty default sample type and doc url.
//
// Beyond pprof, each input can be scaled (normalize, weights) before it is added; scaled values
// are rounded to the nearest integer, halves away from zero (see scale.ts).

export interface MergeOptions {
  /** Keep only the sample types every input has, in the first input's order (as `go tool pprof` does), instead of failing. */
  commonSampleTypes?: boolean;
  /** 'duration': scale input i by mean(duration) / duration_i, so each input weighs the same per second of capture. */
  normalize?: 'none' | 'duration';
  /** One factor per input (finite, >= 0), multiplied into its scale. */
  weights?: number[];
  /** Drop sample labels, so stacks that differed only by labels add up. */
  dropLabels?: boolean;
}

export function merge(profiles: Profile[], options: MergeOptions = {}): Profile {
  if (!Array.isArray(profiles) || profiles.length === 0) {
    throw new MergeError('no-inputs', 'no profiles to merge: give at least one profile');
  }
  const plan = planSampleTypes(profiles, options.commonSampleTypes === true);
  const factors = scaleFactors(profiles, options);
  const samples = profiles.reduce((sum, p) => sum + p.sample.length, 0);
  const merger = new ProfileMerger(combineHeaders(profiles, plan), options.dropLabels === true, samples);
  for (let i = 0; i < profiles.length; i++) merger.add(profiles[i]!, i, plan.columns[i]!, factors[i]!);
  const merged = merger.profile();
  // Negative values can cancel a merged sample out; pprof then merges its own result once more,
  // which drops those samples and what only they referenced.
  return merger.hasZeroSample() ? merge([merged]) : merged;
}

// ---------------------------------------------------------------------------------------------
// Sample types and headers

interface SampleTypePlan {
  types: ValueType[];
  /** Per input: the index in its values of each kept type, or null when they are all kept as they are. */
  columns: (Int32Array | null)[];
  /** Per input: its default sample type once its types are reduced to the kept ones (pprof's rule). */
  defaults: string[];
}

const NO_PERIOD_TYPE: ValueType = { type: '', unit: '' };

function planSampleTypes(profiles: Profile[], common: boolean): SampleTypePlan {
  const first = profiles[0]!;
  const firstPeriod = first.periodType ?? NO_PERIOD_TYPE;
  for (let i = 1; i < profiles.length; i++) {
    const period = profiles[i]!.periodType ?? NO_PERIOD_TYPE;
    if (!sameValueType(firstPeriod, period)) {
      throw new MergeError(
        'incompatible',
        `input ${i} has period type ${showType(period)} but input 0 has ${showType(firstPeriod)}: profiles of different kinds ` +
          `(e.g. CPU and wall-clock) cannot be merged, with or without commonSampleTypes; merge them separately`,
      );
    }
  }
  if (!common) {
    for (let i = 1; i < profiles.length; i++) {
      const types = profiles[i]!.sampleType;
      if (types.length !== first.sampleType.length || types.some((t, k) => !sameValueType(t, first.sampleType[k]!))) {
        const shared = sharedTypeNames(profiles);
        throw new MergeError(
          'incompatible',
          `input ${i} has sample types [${types.map(showType).join(', ')}] but input 0 has [${first.sampleType.map(showType).join(', ')}]: ` +
            (shared.length > 0
              ? `pass commonSampleTypes: true to keep only the types all inputs share (${shared.join(', ')})`
              : 'the inputs share no sample type, so they cannot be merged'),
        );
      }
    }
    return { types: first.sampleType.map(copyValueType), columns: profiles.map(() => null), defaults: profiles.map((p) => p.defaultSampleType) };
  }

  const names = sharedTypeNames(profiles);
  if (names.length === 0) {
    throw new MergeError('incompatible', `the inputs share no sample type (input 0 has [${first.sampleType.map(showType).join(', ')}]), so they cannot be merged`);
  }
  const types = names.map((name) => copyValueType(first.sampleType.find((t) => t.type === name)!));
  const columns: (Int32Array | null)[] = [];
  const defaults: string[] = [];
  profiles.forEach((p, i) => {
    const column = new Int32Array(names.length);
    let reordered = names.length !== p.sampleType.length;
    names.forEach((name, k) => {
      const index = p.sampleType.findIndex((t) => t.type === name);
      if (p.sampleType[index]!.unit !== types[k]!.unit) {
        throw new MergeError(
          'incompatible',
          `sample type ${name} is in ${types[k]!.unit} in input 0 but in ${p.sampleType[index]!.unit} in input ${i}: convert the units first`,
        );
      }
      column[k] = index;
      if (index !== k) reordered = true;
    });
    columns.push(reordered ? column : null);
    defaults.push(reordered && !names.includes(p.defaultSampleType) ? names[0]! : p.defaultSampleType);
  });
  return { types, columns, defaults };
}

/** Sample type names every input has, in the first input's order (pprof compares names only). */
function sharedTypeNames(profiles: Profile[]): string[] {
  return profiles[0]!.sampleType
    .map((t) => t.type)
    .filter((name) => profiles.every((p) => p.sampleType.some((t) => t.type === name)));
}

function sameValueType(a: ValueType, b: ValueType): boolean {
  return a.type === b.type && a.unit === b.unit;
}

function showType(t: ValueType): string {
  return `${t.type}/${t.unit}`;
}

function copyValueType(t: ValueType): ValueType {
  return { type: t.type, unit: t.unit };
}

function combineHeaders(profiles: Profile[], plan: SampleTypePlan): Profile {
  const first = profiles[0]!;
  let timeNanos: Int64 = 0;
  let durationNanos: Int64 = 0;
  let period: Int64 = 0;
  let defaultSampleType = '';
  let docUrl = '';
  const comments = new Set<string>();
  profiles.forEach((p, i) => {
    if (!isZeroInt64(p.timeNanos) && (isZeroInt64(timeNanos) || p.timeNanos < timeNanos)) timeNanos = p.timeNanos;
    durationNanos = addInt64(durationNanos, p.durationNanos);
    if (isZeroInt64(period) || period < p.period) period = p.period;
    for (const c of p.comments) comments.add(c);
    if (defaultSampleType === '') defaultSampleType = plan.defaults[i]!;
    if (docUrl === '') docUrl = p.docUrl;
  });
  return {
    sampleType: plan.types,
    sample: [],
    mapping: [],
    location: [],
    function: [],
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
    timeNanos,
    durationNanos,
    periodType: first.periodType && copyValueType(first.periodType),
    period,
    comments: [...comments],
    defaultSampleType,
    docUrl,
  };
}

function scaleFactors(profiles: Profile[], options: MergeOptions): number[] {
  const factors = profiles.map(() => 1);
  if (options.normalize === 'duration') {
    const durations = profiles.map((p, i) => {
      const d = toNumber(p.durationNanos);
      if (!(d > 0)) {
        throw new MergeError(
          'zero-duration',
          `input ${i} has duration_nanos ${String(p.durationNanos)}: normalize: 'duration' weighs inputs per second of capture and needs ` +
            `every input's duration; re-capture it with a duration, or merge with normalize: 'none'`,
        );
      }
      return d;
    });
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    durations.forEach((d, i) => (factors[i] = mean / d));
  } else if (options.normalize !== undefined && options.normalize !== 'none') {
    throw new TransformError('invalid-option', `normalize must be 'none' or 'duration', got ${JSON.stringify(options.normalize)}`, 'normalize');
  }
  const weights = options.weights;
  if (weights !== undefined) {
    if (!Array.isArray(weights) || weights.length !== profiles.length) {
      throw new MergeError(
        'bad-weights',
        `weights must hold one number per input (${profiles.length}), got ${Array.isArray(weights) ? weights.length : typeof weights}`,
      );
    }
    weights.forEach((w, i) => {
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new MergeError('bad-weights', `weights[${i}] is ${String(w)}: every weight must be a finite number >= 0`);
      }
      factors[i] = factors[i]! * w;
    });
  }
  return factors;
}

// ---------------------------------------------------------------------------------------------
// The merger: one pass over each input's samples, mapping what they reference on first use.

const NOT_MAPPED = 0;
const BIG_ZERO = BigInt(0);

class ProfileMerger {
  private readonly out: Profile;
  private readonly dropLabels: boolean;
  /** Merged function ids by name. */
  private readonly functionsByName = new Map<string, number[]>();
  /** Location keys: mapping id, address relative to the mapping (2 numbers), folded, then function id, line, column per line. */
  private readonly locations = new SequenceTable();
  private readonly locationKey: number[] = [];
  private readonly mappingIds = new Map<string, number>();
  /** Samples: their location ids, tagged with 1 + their label list (0: no labels). */
  private readonly stacks: SequenceTable;
  private readonly labelIds = new Map<string, number>();
  /** Ids of frozen (shared, see label-lists.ts) input labels, and merged list tags of frozen input lists. */
  private readonly sharedLabelIds = new Map<Label, number>();
  private readonly sharedListTags = new Map<Label[], number>();
  private readonly labels: Label[] = [];
  private readonly labelLists = new LabelLists();
  private labelIdScratch: number[] = [];
  private readonly labelScratch: Label[] = [];
  private key: Int32Array = new Int32Array(256);
  private readonly valueBuffer: Int64[];
  /**
   * Per merged sample: true while its value array is an input's (copied before the first addition
   * into it). A sample that merges with nothing keeps the input's arrays, even the input's Sample
   * object when nothing about it changed: merging one large profile then allocates nothing per
   * sample. Inputs are never written to, so sharing is safe (scale.ts shares arrays too).
   */
  private readonly borrowed: boolean[] = [];
  private cancelled = false;

  /** `samples`: how many the inputs have together, the most the merged profile can have. */
  constructor(header: Profile, dropLabels: boolean, samples: number) {
    this.out = header;
    this.stacks = new SequenceTable(samples);
    this.dropLabels = dropLabels;
    this.valueBuffer = new Array<Int64>(header.sampleType.length).fill(0);
  }

  profile(): Profile {
    return this.out;
  }

  /** Some merged sample's values added up to zero (inputs with negative values). */
  hasZeroSample(): boolean {
    return this.cancelled;
  }

  add(src: Profile, input: number, columns: Int32Array | null, factor: number): void {
    const source = new InputTables(src, input);
    // pprof maps the first input's first mapping before anything else: it is the main binary,
    // and stays mapping 1 of the result.
    if (this.out.mapping.length === 0 && src.mapping.length > 0) this.mapMapping(source, 0);

    const values = this.valueBuffer;
    const width = values.length;
    const typeCount = src.sampleType.length;
    const sameValues = columns === null && factor === 1;
    for (let si = 0; si < src.sample.length; si++) {
      const s = src.sample[si]!;
      if (s.value.length !== typeCount) {
        throw new ProfileFormatError(
          'malformed',
          `input ${input}: sample[${si}] has ${s.value.length} values but the profile has ${typeCount} sample types`,
          { where: `profiles[${input}].sample[${si}].value` },
        );
      }
      let zero = true;
      for (let k = 0; k < width; k++) {
        let v = s.value[columns === null ? k : columns[k]!]!;
        if (factor !== 1) v = scaleInt64(v, factor);
        values[k] = v;
        if (v !== 0 && v !== BIG_ZERO) zero = false;
      }
      if (zero) continue;

      const ids = s.locationId;
      const depth = ids.length;
      if (this.key.length < depth) this.key = new Int32Array(2 * depth);
      const key = this.key;
      let sameIds = true;
      for (let j = 0; j < depth; j++) {
        const id = this.mapLocationId(source, ids[j]!, si, j);
        key[j] = id;
        if (id !== ids[j]) sameIds = false;
      }
      const tag = this.dropLabels || s.label.length === 0 ? 0 : this.labelListTag(s.label);

      const found = this.stacks.findOrAdd(key, depth, tag, sameIds ? ids : undefined);
      if (found >= 0) this.addInto(found, values);
      else {
        const index = ~found;
        const locationId = this.stacks.sequence(index) as number[];
        const label = tag === 0 ? NO_LABELS : this.labelLists.list(tag - 1);
        this.borrowed.push(sameValues);
        if (!sameValues) this.out.sample.push({ locationId, value: copyValues(values, width), label });
        else if (locationId === ids && label === s.label) this.out.sample.push(s);
        else this.out.sample.push({ locationId, value: s.value, label });
      }
    }
  }

  /** Adds `values` into merged sample `index`, copying its value array first if an input owns it. */
  private addInto(index: number, values: Int64[]): void {
    let sample = this.out.sample[index]!;
    if (this.borrowed[index]) {
      sample = { locationId: sample.locationId, value: copyValues(sample.value, sample.value.length), label: sample.label };
      this.out.sample[index] = sample;
      this.borrowed[index] = false;
    }
    const merged = sample.value;
    let cancelled = true;
    for (let k = 0; k < values.length; k++) if ((merged[k] = addInt64(merged[k]!, values[k]!)) !== 0) cancelled = false;
    if (cancelled) this.cancelled = true;
  }

  private mapLocationId(source: InputTables, id: number, sampleIndex: number, position: number): number {
    const byId = source.mergedLocationById;
    if (id < byId.length && byId[id] !== NOT_MAPPED) return byId[id]!;
    const index = source.locations.get(id);
    if (index < 0) throw danglingId(`profiles[${source.input}].sample[${sampleIndex}].location_id[${position}]`, id, 'location');
    let merged = source.locationMap[index]!;
    if (merged === NOT_MAPPED) merged = this.mapLocation(source, index);
    if (id < byId.length) byId[id] = merged;
    return merged;
  }

  private mapLocation(source: InputTables, index: number): number {
    const src = source.profile.location[index]!;
    let mappingId = 0;
    let address = src.address;
    let keyAddress: Int64 = src.address;
    if (src.mappingId !== 0) {
      const m = source.mappings.get(src.mappingId);
      if (m < 0) throw danglingId(`profiles[${source.input}].location[${index}].mapping_id`, src.mappingId, 'mapping');
      if (source.mappingMap[m] === NOT_MAPPED) this.mapMapping(source, m);
      mappingId = source.mappingMap[m]!;
      const offset = source.mappingOffset[m]!;
      if (!isZeroInt64(offset)) address = uint64Add(address, offset);
      // pprof keys a location by its address relative to its mapping's start, so the same code
      // at another load address (ASLR) is the same location.
      keyAddress = uint64Sub(src.address, source.profile.mapping[m]!.memoryStart);
    }
    const key = this.locationKey;
    key[0] = mappingId;
    writeUint64(key, 1, keyAddress);
    key[3] = src.isFolded ? 1 : 0;
    const lineCount = src.line.length;
    for (let i = 0; i < lineCount; i++) {
      const line = src.line[i]!;
      key[4 + 3 * i] = line.functionId === 0 ? 0 : this.mapFunctionId(source, line.functionId, index, i);
      key[5 + 3 * i] = line.line;
      key[6 + 3 * i] = line.column;
    }
    const found = this.locations.findOrAdd(key, 4 + 3 * lineCount);
    // Location ids are 1 + their index in the table.
    const id = (found >= 0 ? found : ~found) + 1;
    if (found < 0) {
      const lines: Line[] = new Array(lineCount);
      for (let i = 0; i < lineCount; i++) lines[i] = { functionId: key[4 + 3 * i]!, line: key[5 + 3 * i]!, column: key[6 + 3 * i]! };
      this.out.location.push({ id, mappingId, address, line: lines, isFolded: src.isFolded });
    }
    source.locationMap[index] = id;
    return id;
  }

  private mapFunctionId(source: InputTables, id: number, locationIndex: number, lineIndex: number): number {
    const index = source.functions.get(id);
    if (index < 0) throw danglingId(`profiles[${source.input}].location[${locationIndex}].line[${lineIndex}].function_id`, id, 'function');
    const mapped = source.functionMap[index]!;
    if (mapped !== NOT_MAPPED) return mapped;
    const f = source.profile.function[index]!;
    // pprof's function key is {start line, name, system name, file name}; the name alone tells
    // nearly all functions apart, so it keys the map and the rest is compared.
    const sameName = this.functionsByName.get(f.name);
    let merged = sameName?.find((id) => sameFunction(this.out.function[id - 1]!, f));
    if (merged === undefined) {
      merged = this.out.function.length + 1;
      this.out.function.push({ id: merged, name: f.name, systemName: f.systemName, filename: f.filename, startLine: f.startLine });
      if (sameName === undefined) this.functionsByName.set(f.name, [merged]);
      else sameName.push(merged);
    }
    source.functionMap[index] = merged;
    return merged;
  }

  private mapMapping(source: InputTables, index: number): void {
    const m = source.profile.mapping[index]!;
    // pprof's mapping key: size rounded up to 4 KiB (load addresses differ a little), file
    // offset, and build id or else file name; a mapping with neither is a fake one, and all fake
    // mappings are the same.
    const size = roundUpTo4K(uint64Sub(m.memoryLimit, m.memoryStart));
    const key = `${size}|${m.fileOffset}|${m.buildId !== '' ? m.buildId : m.filename}`;
    const existing = this.mappingIds.get(key);
    if (existing !== undefined) {
      source.mappingMap[index] = existing;
      source.mappingOffset[index] = int64Sub(this.out.mapping[existing - 1]!.memoryStart, m.memoryStart);
      return;
    }
    const id = this.out.mapping.length + 1;
    const copy: Mapping = { ...m, id };
    this.out.mapping.push(copy);
    this.mappingIds.set(key, id);
    source.mappingMap[index] = id;
  }

  /**
   * 1 + the merged label list of a sample's labels, 0 when pprof drops them all. A frozen list is
   * shared by many samples (decode and merge share them): it is looked up once.
   */
  private labelListTag(labels: Label[]): number {
    const shared = Object.isFrozen(labels);
    if (shared) {
      const tag = this.sharedListTags.get(labels);
      if (tag !== undefined) return tag;
    }
    if (this.labelIdScratch.length < labels.length) this.labelIdScratch = new Array<number>(labels.length);
    const ids = this.labelIdScratch;
    let count = 0;
    for (let i = 0; i < labels.length; i++) {
      const id = this.labelId(labels[i]!);
      if (id >= 0) ids[count++] = id;
    }
    let tag = 0;
    if (count > 0) {
      // pprof keys string labels by sorted key, then numeric labels by sorted key; the values of
      // one key keep their order (insertion sort: stable, and lists are short).
      for (let i = 1; i < count; i++) {
        const id = ids[i]!;
        let j = i - 1;
        for (; j >= 0 && this.compareLabels(ids[j]!, id) > 0; j--) ids[j + 1] = ids[j]!;
        ids[j + 1] = id;
      }
      let same = shared && count === labels.length;
      for (let i = 0; i < count; i++) {
        const label = this.labels[ids[i]!]!;
        this.labelScratch[i] = label;
        if (label !== labels[i]) same = false;
      }
      const found = this.labelLists.findOrAdd(ids, this.labelScratch, count, same ? labels : undefined);
      tag = (found >= 0 ? found : ~found) + 1;
    }
    if (shared) this.sharedListTags.set(labels, tag);
    return tag;
  }

  private compareLabels(a: number, b: number): number {
    const la = this.labels[a]!;
    const lb = this.labels[b]!;
    const kind = (la.str === '' ? 1 : 0) - (lb.str === '' ? 1 : 0);
    if (kind !== 0) return kind;
    return la.key < lb.key ? -1 : la.key > lb.key ? 1 : 0;
  }

  /** The interned id of a label, -1 for a label pprof's decoder drops (no string, number or unit). */
  private labelId(label: Label): number {
    const shared = Object.isFrozen(label);
    if (shared) {
      const id = this.sharedLabelIds.get(label);
      if (id !== undefined) return id;
    }
    const numeric = label.str === '';
    if (numeric && isZeroInt64(label.num) && label.numUnit === '') return -1;
    const key = numeric ? `n${label.key}\u0000${label.num}\u0000${label.numUnit}` : `s${label.key}\u0000${label.str}`;
    let id = this.labelIds.get(key);
    if (id === undefined) {
      id = this.labels.length;
      // A shared input label that is already in merged form (what decode shares) is reused, so
      // that a shared input list can be the merged list too.
      const reuse = shared && (numeric || (label.num === 0 && label.numUnit === ''));
      this.labels.push(reuse ? label : numeric ? sharedLabel(label.key, '', label.num, label.numUnit) : sharedLabel(label.key, label.str, 0, ''));
      this.labelIds.set(key, id);
    }
    if (shared) this.sharedLabelIds.set(label, id);
    return id;
  }
}

function sameFunction(a: PprofFunction, b: PprofFunction): boolean {
  return a.startLine === b.startLine && a.systemName === b.systemName && a.filename === b.filename;
}

/** One input's id lookups and its id → merged id maps (0 while not mapped yet). */
class InputTables {
  readonly locations: IdIndex;
  readonly functions: IdIndex;
  readonly mappings: IdIndex;
  readonly locationMap: Int32Array;
  /**
   * The same by location id, for ids up to a few times the table's size (all of them, as Go
   * numbers them 1..n): every frame of every sample is looked up, and this is one array read.
   */
  readonly mergedLocationById: Int32Array;
  readonly functionMap: Int32Array;
  readonly mappingMap: Int32Array;
  /** Per mapping: merged mapping start − this mapping's start, added to its addresses. */
  readonly mappingOffset: Int64[];

  constructor(
    readonly profile: Profile,
    readonly input: number,
  ) {
    this.locations = new IdIndex(profile.location, `profiles[${input}].location`);
    this.functions = new IdIndex(profile.function, `profiles[${input}].function`);
    this.mappings = new IdIndex(profile.mapping, `profiles[${input}].mapping`);
    this.locationMap = new Int32Array(profile.location.length);
    let maxId = 0;
    for (const location of profile.location) maxId = Math.max(maxId, location.id);
    this.mergedLocationById = new Int32Array(Math.min(maxId, 4 * profile.location.length + 1024) + 1);
    this.functionMap = new Int32Array(profile.function.length);
    this.mappingMap = new Int32Array(profile.mapping.length);
    this.mappingOffset = new Array<Int64>(profile.mapping.length).fill(0);
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses are uint64: arithmetic on them wraps like Go's.

/** Writes a uint64 as two exact numbers (high and low 32 bits), the same for its number and bigint forms. */
function writeUint64(key: number[], at: number, value: Int64): void {
  if (typeof value === 'number') {
    key[at] = Math.floor(value / 0x100000000);
    key[at + 1] = value % 0x100000000;
  } else {
    key[at] = Number(value >> BigInt(32));
    key[at + 1] = Number(value & BigInt(0xffffffff));
  }
}

function uint64Add(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum >= 0 && sum <= Number.MAX_SAFE_INTEGER) return sum;
  }
  return normalizeInt64(BigInt.asUintN(64, BigInt(a) + BigInt(b)));
}

function uint64Sub(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number' && a >= b) return a - b;
  return normalizeInt64(BigInt.asUintN(64, BigInt(a) - BigInt(b)));
}

function int64Sub(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const diff = a - b;
    if (Number.isSafeInteger(diff)) return diff;
  }
  return normalizeInt64(BigInt(a) - BigInt(b));
}

function roundUpTo4K(size: Int64): Int64 {
  if (typeof size === 'number' && size <= Number.MAX_SAFE_INTEGER - 0xfff) return Math.ceil(size / 0x1000) * 0x1000;
  const big = BigInt(size) + BigInt(0xfff);
  return normalizeInt64(BigInt.asUintN(64, big - (big % BigInt(0x1000))));
}
