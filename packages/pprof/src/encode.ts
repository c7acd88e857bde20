// encode: a Profile to pprof bytes (profile.proto), gzip by default.
//
// Two passes over the profile instead of protobufjs' Writer: pass 1 interns every string and
// records each message's size (and the string indexes it uses) in one flat number array, pass 2
// writes everything into a single buffer of the exact final size. protobufjs' Writer builds a
// linked list of operations (an object per field, a fork per nested message, a LongBits per
// 64-bit value) and copies it at finish(): the same messages written with it took 350 ms for
// foo.pprof and 490 ms for large.cpu, against 20 ms and 37 ms here (protobuf only, no gzip).
import { within } from './error-path';
import type { Int64, Label, Line, Location, Mapping, PprofFunction, Profile, Sample, ValueType } from './model';
import { NumberList } from './number-list';
import { gzipProfile, gzipSmallest } from './wire/gzip';
import { WIRE_BYTES, WIRE_VARINT } from './wire/wire-types';
import { WireWriter, checkSmallInt, int64Size, varintSize } from './wire/writer';

/**
 * zlib level 1 (BestSpeed), as runtime/pprof writes its profiles. Measured against the default
 * level 6: 30 vs 66 ms for foo.pprof (687 vs 612 KB), 53 vs 117 ms for large.cpu (1094 vs
 * 1061 KB). Encoding is on the path of every merge; a few percent of size is not worth 2×.
 */
const GZIP_LEVEL = 1;

export interface EncodeOptions {
  /** gzip the protobuf (the pprof file format); default true. */
  gzip?: boolean;
  /** `fast` (default): zlib level 1, as runtime/pprof; `smallest`: the smallest gzip zlib makes, for profiles that are kept (committed). */
  compression?: 'fast' | 'smallest';
}

/**
 * Encodes a profile. The string table gets "" at index 0 and every string once; zero and
 * empty fields are left out, as Go's encoder does. Throws ProfileFormatError
 * ('value-out-of-range') for a value no varint can hold (a fraction, NaN, a negative id).
 */
export function encode(profile: Profile, options: EncodeOptions = {}): Uint8Array {
  const plan = new Plan(profile);
  const size = planProfile(profile, plan);
  const w = new WireWriter(size);
  writeProfile(w, profile, plan);
  if (w.pos !== size) throw new Error(`pprof encoder bug: planned ${size} bytes, wrote ${w.pos}`);
  if (options.gzip === false) return w.buf;
  return options.compression === 'smallest' ? gzipSmallest(w.buf) : gzipProfile(w.buf, GZIP_LEVEL);
}

/** What pass 1 learns and pass 2 replays: the string table and a flat list of sizes and indexes. */
class Plan {
  readonly strings: string[] = [];
  readonly stringBytes: number[] = [];
  private readonly indexes = new Map<string, number>();
  /** Message sizes and string indexes, in the order pass 2 visits them. */
  readonly seq: NumberList;
  /** Read position of pass 2 in seq. */
  next = 0;
  /**
   * Labels, apart: per label list, the size of its labels, then size and string indexes of each
   * label. Shared (frozen) lists are planned once, and samples refer to them by offset.
   */
  readonly labels = new NumberList();
  readonly sharedLabels = new Map<Label[], number>();

  constructor(p: Profile) {
    // 4 entries per sample and a few per other message (lines aside): sized so that it seldom
    // grows, since each doubling of millions of entries leaves the old array as garbage.
    this.seq = new NumberList(4 * p.sample.length + 4 * (p.location.length + p.function.length + p.mapping.length) + 64);
    this.intern('');
  }

  intern(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.indexes.set(text, index);
      this.strings.push(text);
    }
    return index;
  }

  take(): number {
    return this.seq.get(this.next++);
  }
}

// ---- sizes ----

const ZERO = BigInt(0);

/** Zero fields are left out (proto3); a bigint zero only comes from hand-built profiles. */
function isZero(value: Int64): boolean {
  return value === 0 || (typeof value === 'bigint' && value === ZERO);
}

const TAG = 1; // every field number of profile.proto is below 16: a one-byte tag

function delimitedSize(length: number): number {
  return TAG + varintSize(length) + length;
}

function indexSize(index: number): number {
  return index === 0 ? 0 : TAG + varintSize(index);
}

function idSize(id: number, where: string): number {
  checkSmallInt(id, false, where);
  return id === 0 ? 0 : TAG + varintSize(id);
}

function smallIntSize(value: number, where: string): number {
  checkSmallInt(value, true, where);
  return value === 0 ? 0 : TAG + int64Size(value, where);
}

function optionalInt64Size(value: Int64, where: string): number {
  return isZero(value) ? 0 : TAG + int64Size(value, where);
}

function boolSize(value: boolean): number {
  return value ? TAG + 1 : 0;
}

// ---- pass 1: sizes, string indexes ----

function planProfile(p: Profile, plan: Plan): number {
  let size = 0;
  for (let i = 0; i < p.sampleType.length; i++) size += delimitedSize(planValueType(p.sampleType[i], plan));
  for (let i = 0; i < p.sample.length; i++) {
    try {
      size += delimitedSize(planSample(p.sample[i], plan));
    } catch (error) {
      throw within(error, `sample[${i}]`);
    }
  }
  for (let i = 0; i < p.mapping.length; i++) {
    try {
      size += delimitedSize(planMapping(p.mapping[i], plan));
    } catch (error) {
      throw within(error, `mapping[${i}]`);
    }
  }
  for (let i = 0; i < p.location.length; i++) {
    try {
      size += delimitedSize(planLocation(p.location[i], plan));
    } catch (error) {
      throw within(error, `location[${i}]`);
    }
  }
  for (let i = 0; i < p.function.length; i++) {
    try {
      size += delimitedSize(planFunction(p.function[i], plan));
    } catch (error) {
      throw within(error, `function[${i}]`);
    }
  }
  const seq = plan.seq;
  size += planIndex(plan, p.dropFrames) + planIndex(plan, p.keepFrames);
  size += optionalInt64Size(p.timeNanos, 'time_nanos') + optionalInt64Size(p.durationNanos, 'duration_nanos');
  if (p.periodType) size += delimitedSize(planValueType(p.periodType, plan));
  size += optionalInt64Size(p.period, 'period');
  if (p.comments.length > 0) {
    const at = seq.length;
    seq.push(0);
    let commentsSize = 0;
    for (const comment of p.comments) {
      const index = plan.intern(comment);
      seq.push(index);
      commentsSize += varintSize(index);
    }
    seq.set(at, commentsSize);
    size += delimitedSize(commentsSize);
  }
  size += planIndex(plan, p.defaultSampleType) + planIndex(plan, p.docUrl);
  // The string table last: now every string is in it.
  for (const text of plan.strings) {
    const bytes = Buffer.byteLength(text, 'utf8');
    plan.stringBytes.push(bytes);
    size += delimitedSize(bytes);
  }
  return size;
}

/** A string field of the profile: its index goes to seq; returns its size. */
function planIndex(plan: Plan, text: string): number {
  const index = plan.intern(text);
  plan.seq.push(index);
  return indexSize(index);
}

function planValueType(valueType: ValueType, plan: Plan): number {
  const type = plan.intern(valueType.type);
  const unit = plan.intern(valueType.unit);
  const size = indexSize(type) + indexSize(unit);
  plan.seq.push(size);
  plan.seq.push(type);
  plan.seq.push(unit);
  return size;
}

/** Bytes of the location ids as varints; they must be ids (safe integers >= 0). */
function locationIdsSize(ids: number[]): number {
  let size = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    // Nearly every id is a small integer: one comparison chain instead of varintSize's.
    if (id >= 0 && id < 0x4000 && (id | 0) === id) size += id < 0x80 ? 1 : 2;
    else {
      checkSmallInt(id, false, `location_id[${k}]`);
      size += varintSize(id);
    }
  }
  return size;
}

/** seq gets: the sample's size, the size of its ids, of its values, and its labels' offset in plan.labels (-1: none). */
function planSample(sample: Sample, plan: Plan): number {
  const ids = sample.locationId;
  const idsSize = locationIdsSize(ids);
  const values = sample.value;
  let valuesSize = 0;
  for (let k = 0; k < values.length; k++) valuesSize += int64Size(values[k], 'value');
  let size = (ids.length > 0 ? delimitedSize(idsSize) : 0) + (values.length > 0 ? delimitedSize(valuesSize) : 0);
  let labelsAt = -1;
  if (sample.label.length > 0) {
    labelsAt = planLabels(sample.label, plan);
    size += plan.labels.get(labelsAt);
  }
  const seq = plan.seq;
  seq.push(size);
  seq.push(idsSize);
  seq.push(valuesSize);
  seq.push(labelsAt);
  return size;
}

/** Offset in plan.labels of the plan of a label list (see Plan.labels). */
function planLabels(labels: Label[], plan: Plan): number {
  const shared = Object.isFrozen(labels);
  if (shared) {
    const at = plan.sharedLabels.get(labels);
    if (at !== undefined) return at;
  }
  const out = plan.labels;
  const at = out.length;
  out.push(0);
  let size = 0;
  for (let k = 0; k < labels.length; k++) {
    try {
      size += delimitedSize(planLabel(labels[k], plan));
    } catch (error) {
      throw within(error, `label[${k}]`);
    }
  }
  out.set(at, size);
  if (shared) plan.sharedLabels.set(labels, at);
  return at;
}

function planLabel(label: Label, plan: Plan): number {
  const key = plan.intern(label.key);
  const str = plan.intern(label.str);
  const numUnit = plan.intern(label.numUnit);
  const size = indexSize(key) + indexSize(str) + optionalInt64Size(label.num, 'num') + indexSize(numUnit);
  const out = plan.labels;
  out.push(size);
  out.push(key);
  out.push(str);
  out.push(numUnit);
  return size;
}

function planMapping(m: Mapping, plan: Plan): number {
  const filename = plan.intern(m.filename);
  const buildId = plan.intern(m.buildId);
  const size =
    idSize(m.id, 'id') +
    optionalInt64Size(m.memoryStart, 'memory_start') +
    optionalInt64Size(m.memoryLimit, 'memory_limit') +
    optionalInt64Size(m.fileOffset, 'file_offset') +
    indexSize(filename) +
    indexSize(buildId) +
    boolSize(m.hasFunctions) +
    boolSize(m.hasFilenames) +
    boolSize(m.hasLineNumbers) +
    boolSize(m.hasInlineFrames);
  plan.seq.push(size);
  plan.seq.push(filename);
  plan.seq.push(buildId);
  return size;
}

function planLocation(location: Location, plan: Plan): number {
  const seq = plan.seq;
  const at = seq.length;
  seq.push(0);
  let size =
    idSize(location.id, 'id') +
    idSize(location.mappingId, 'mapping_id') +
    optionalInt64Size(location.address, 'address') +
    boolSize(location.isFolded);
  for (let j = 0; j < location.line.length; j++) {
    try {
      size += delimitedSize(planLine(location.line[j], seq));
    } catch (error) {
      throw within(error, `line[${j}]`);
    }
  }
  seq.set(at, size);
  return size;
}

function planLine(line: Line, seq: NumberList): number {
  const size =
    idSize(line.functionId, 'function_id') + smallIntSize(line.line, 'line') + smallIntSize(line.column, 'column');
  seq.push(size);
  return size;
}

function planFunction(fn: PprofFunction, plan: Plan): number {
  const name = plan.intern(fn.name);
  const systemName = plan.intern(fn.systemName);
  const filename = plan.intern(fn.filename);
  const size =
    idSize(fn.id, 'id') + indexSize(name) + indexSize(systemName) + indexSize(filename) + smallIntSize(fn.startLine, 'start_line');
  plan.seq.push(size);
  plan.seq.push(name);
  plan.seq.push(systemName);
  plan.seq.push(filename);
  return size;
}

// ---- pass 2: bytes, in the order and with the sizes of pass 1 ----

function writeLength(w: WireWriter, field: number, length: number): void {
  w.tag(field, WIRE_BYTES);
  w.varint(length);
}

function writeIndex(w: WireWriter, field: number, index: number): void {
  if (index === 0) return;
  w.tag(field, WIRE_VARINT);
  w.varint(index);
}

function writeInt64(w: WireWriter, field: number, value: Int64): void {
  if (isZero(value)) return;
  w.tag(field, WIRE_VARINT);
  w.int64(value);
}

function writeBool(w: WireWriter, field: number, value: boolean): void {
  if (!value) return;
  w.tag(field, WIRE_VARINT);
  w.varint(1);
}

function writeProfile(w: WireWriter, p: Profile, plan: Plan): void {
  for (let i = 0; i < p.sampleType.length; i++) writeValueType(w, 1, plan);
  for (const sample of p.sample) writeSample(w, sample, plan);
  for (const mapping of p.mapping) writeMapping(w, mapping, plan);
  for (const location of p.location) writeLocation(w, location, plan);
  for (const fn of p.function) writeFunction(w, fn, plan);
  for (let i = 0; i < plan.strings.length; i++) {
    writeLength(w, 6, plan.stringBytes[i]);
    w.utf8(plan.strings[i]);
  }
  writeIndex(w, 7, plan.take());
  writeIndex(w, 8, plan.take());
  writeInt64(w, 9, p.timeNanos);
  writeInt64(w, 10, p.durationNanos);
  if (p.periodType) writeValueType(w, 11, plan);
  writeInt64(w, 12, p.period);
  if (p.comments.length > 0) {
    writeLength(w, 13, plan.take());
    for (let i = 0; i < p.comments.length; i++) w.varint(plan.take());
  }
  writeIndex(w, 14, plan.take());
  writeIndex(w, 15, plan.take());
}

function writeValueType(w: WireWriter, field: number, plan: Plan): void {
  writeLength(w, field, plan.take());
  writeIndex(w, 1, plan.take());
  writeIndex(w, 2, plan.take());
}

function writeSample(w: WireWriter, sample: Sample, plan: Plan): void {
  writeLength(w, 2, plan.take());
  const idsSize = plan.take();
  const valuesSize = plan.take();
  const labelsAt = plan.take();
  const ids = sample.locationId;
  if (ids.length > 0) {
    writeLength(w, 1, idsSize);
    w.varints(ids);
  }
  const values = sample.value;
  if (values.length > 0) {
    writeLength(w, 2, valuesSize);
    for (let k = 0; k < values.length; k++) w.int64(values[k]);
  }
  if (labelsAt < 0) return;
  const labels = sample.label;
  const planned = plan.labels;
  for (let k = 0, at = labelsAt + 1; k < labels.length; k++, at += 4) {
    writeLength(w, 3, planned.get(at));
    writeIndex(w, 1, planned.get(at + 1));
    writeIndex(w, 2, planned.get(at + 2));
    writeInt64(w, 3, labels[k].num);
    writeIndex(w, 4, planned.get(at + 3));
  }
}

function writeMapping(w: WireWriter, m: Mapping, plan: Plan): void {
  writeLength(w, 3, plan.take());
  writeInt64(w, 1, m.id);
  writeInt64(w, 2, m.memoryStart);
  writeInt64(w, 3, m.memoryLimit);
  writeInt64(w, 4, m.fileOffset);
  writeIndex(w, 5, plan.take());
  writeIndex(w, 6, plan.take());
  writeBool(w, 7, m.hasFunctions);
  writeBool(w, 8, m.hasFilenames);
  writeBool(w, 9, m.hasLineNumbers);
  writeBool(w, 10, m.hasInlineFrames);
}

function writeLocation(w: WireWriter, location: Location, plan: Plan): void {
  writeLength(w, 4, plan.take());
  writeInt64(w, 1, location.id);
  writeInt64(w, 2, location.mappingId);
  writeInt64(w, 3, location.address);
  for (const line of location.line) {
    writeLength(w, 4, plan.take());
    writeInt64(w, 1, line.functionId);
    writeInt64(w, 2, line.line);
    writeInt64(w, 3, line.column);
  }
  writeBool(w, 5, location.isFolded);
}

function writeFunction(w: WireWriter, fn: PprofFunction, plan: Plan): void {
  writeLength(w, 5, plan.take());
  writeInt64(w, 1, fn.id);
  writeIndex(w, 2, plan.take());
  writeIndex(w, 3, plan.take());
  writeIndex(w, 4, plan.take());
  writeInt64(w, 5, fn.startLine);
}
