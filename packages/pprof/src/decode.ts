// decode: pprof bytes (gzip or raw protobuf, profile.proto of google/pprof) to a Profile.
//
// Two passes over the protobuf: the first reads only the string table (which profile.proto
// allows anywhere, and Go writes after every message that points into it), the second builds
// the messages with every string index resolved and checked on the spot, so no message needs
// a second walk or a temporary index field. Then decode-checks.ts checks the id references.
import { checkDecodedProfile, type IdRange } from './decode-checks';
import { within } from './error-path';
import { ProfileFormatError } from './errors';
import { copyIds, copyValues } from './exact-copy';
import { LabelLists, NO_LABELS, sharedLabel } from './label-lists';
import type { Int64, Label, Line, Location, Mapping, PprofFunction, Profile, Sample, ValueType } from './model';
import { emptyProfile } from './model';
import { gunzipProfile, isGzip } from './wire/gzip';
import { legacyFormat } from './wire/legacy';
import { WireReader, badWireType } from './wire/reader';
import { WIRE_BYTES, WIRE_VARINT } from './wire/wire-types';

const REGENERATE = 'the profile is corrupt; regenerate it';

/** Decodes a pprof profile; throws ProfileFormatError (only) when the bytes are not one. */
export function decode(bytes: Uint8Array): Profile {
  if (bytes.length === 0) {
    throw new ProfileFormatError('empty', 'the profile is empty (0 bytes): capture or download it again');
  }
  const raw = isGzip(bytes) ? gunzipProfile(bytes) : bytes;
  if (raw.length === 0) {
    throw new ProfileFormatError('empty', 'the gzip data decompresses to 0 bytes: there is no profile in it; capture it again');
  }
  const legacy = legacyFormat(raw);
  if (legacy !== undefined) {
    throw new ProfileFormatError(
      'legacy-format',
      `the profile is in ${legacy}, not protobuf: convert it with \`go tool pprof -proto file > file.pb.gz\``,
      { offset: 0 },
    );
  }
  const reader = new WireReader(raw);
  const samples = new SampleContext(readStringTable(reader));
  const profile = readProfile(reader, samples);
  checkDecodedProfile(profile, samples.locationIds);
  return profile;
}

/** Pass 1: string_table (field 6) from all over the message; every other field is skipped. */
function readStringTable(r: WireReader): string[] {
  const end = r.length;
  const strings: string[] = [];
  let previousField = 0;
  while (r.pos < end) {
    const tagOffset = r.pos;
    const tag = r.tag();
    const field = tag >>> 3;
    if (field !== 6) r.skip(tag & 7, end, tagOffset);
    else {
      if ((tag & 7) !== WIRE_BYTES) throw badWireType(tag & 7, tagOffset, `string_table[${strings.length}]`);
      const stringEnd = r.lengthDelimited(end);
      // Go writes the table in one run starting with "": a new run that starts with "" again
      // is the string table of a second profile appended to the first.
      if (stringEnd === r.pos && previousField !== 6 && strings.length > 0) {
        throw new ProfileFormatError(
          'concatenated',
          `string_table[${strings.length}] at byte ${tagOffset} starts a second string table with "": these are several raw profiles ` +
            'joined together; decode and merge them separately (`go tool pprof -proto a.pb b.pb > merged.pb.gz`)',
          { offset: tagOffset, where: `string_table[${strings.length}]` },
        );
      }
      strings.push(r.utf8(stringEnd));
    }
    previousField = field;
  }
  if (strings.length === 0) {
    throw new ProfileFormatError(
      'malformed',
      'the protobuf has no string_table (field 6), which every pprof profile has: check that it is a pprof file',
      { where: 'string_table' },
    );
  }
  if (strings[0] !== '') {
    throw new ProfileFormatError(
      'malformed',
      `string_table[0] is ${JSON.stringify(strings[0].slice(0, 40))} but must be "": ${REGENERATE}`,
      { where: 'string_table[0]' },
    );
  }
  r.pos = 0;
  return strings;
}

// ---- errors that name a field path (see error-path.ts) ----

function stringIndexError(index: number, strings: string[], offset: number, where: string): ProfileFormatError {
  return new ProfileFormatError(
    'string-index',
    `${where} at byte ${offset} is string index ${index < 0 ? 'beyond 2^53 (or negative)' : index} but the string ` +
      `table has ${strings.length} entries: ${REGENERATE}`,
    { offset, where },
  );
}

function outOfRangeError(offset: number, where: string): ProfileFormatError {
  return new ProfileFormatError(
    'value-out-of-range',
    `${where} at byte ${offset} is beyond ±2^53, which no real id, line or column reaches: ${REGENERATE}`,
    { offset, where },
  );
}

// ---- scalar fields ----

function expectWire(wire: number, expected: number, tagOffset: number, where: string): void {
  if (wire !== expected) throw badWireType(wire, tagOffset, where);
}

/** A string index (int64 on the wire), checked against the table. */
function readStringIndex(r: WireReader, strings: string[], wire: number, tagOffset: number, where: string): number {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  const offset = r.pos;
  const index = r.uint53();
  if (index < 0 || index >= strings.length) throw stringIndexError(index, strings, offset, where);
  return index;
}

/** A string index (int64 on the wire), resolved. */
function readString(r: WireReader, strings: string[], wire: number, tagOffset: number, where: string): string {
  return strings[readStringIndex(r, strings, wire, tagOffset, where)];
}

/** An id (uint64 on the wire) that must fit a number. */
function readId(r: WireReader, wire: number, tagOffset: number, where: string): number {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  const offset = r.pos;
  const id = r.uint53();
  if (id < 0) throw outOfRangeError(offset, where);
  return id;
}

/** A line, column or start line (int64 on the wire) that must fit a number. */
function readSmallInt(r: WireReader, wire: number, tagOffset: number, where: string): number {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  const offset = r.pos;
  const value = r.int53();
  if (Number.isNaN(value)) throw outOfRangeError(offset, where);
  return value;
}

function readInt64(r: WireReader, wire: number, tagOffset: number, where: string): Int64 {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  return r.int64();
}

function readUint64(r: WireReader, wire: number, tagOffset: number, where: string): Int64 {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  return r.uint64();
}

function readBool(r: WireReader, wire: number, tagOffset: number, where: string): boolean {
  expectWire(wire, WIRE_VARINT, tagOffset, where);
  return r.uint53() !== 0;
}

/**
 * Start of a length-delimited message `name[index]` (`name` alone when index < 0) inside one
 * that ends at `parentEnd`; returns its end.
 */
function messageEnd(r: WireReader, wire: number, tagOffset: number, parentEnd: number, name: string, index: number): number {
  if (wire !== WIRE_BYTES) throw badWireType(wire, tagOffset, index < 0 ? name : `${name}[${index}]`);
  return r.lengthDelimited(parentEnd);
}

// ---- pass 2 ----

function readProfile(r: WireReader, samples: SampleContext): Profile {
  const p = emptyProfile();
  const strings = samples.strings;
  const end = r.length;
  while (r.pos < end) {
    const tagOffset = r.pos;
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        p.sampleType.push(readValueType(r, strings, wire, tagOffset, `sample_type[${p.sampleType.length}]`));
        break;
      case 2:
        p.sample.push(readSample(r, samples, wire, tagOffset, p.sample.length));
        break;
      case 3:
        p.mapping.push(readMapping(r, strings, wire, tagOffset, p.mapping.length));
        break;
      case 4:
        p.location.push(readLocation(r, wire, tagOffset, p.location.length));
        break;
      case 5:
        p.function.push(readFunction(r, strings, wire, tagOffset, p.function.length));
        break;
      case 7:
        p.dropFrames = readString(r, strings, wire, tagOffset, 'drop_frames');
        break;
      case 8:
        p.keepFrames = readString(r, strings, wire, tagOffset, 'keep_frames');
        break;
      case 9: {
        const timeNanos = readInt64(r, wire, tagOffset, 'time_nanos');
        // google/pprof's own test for `cat a.pb b.pb`: a second time_nanos after a nonzero one.
        if (p.timeNanos !== 0) {
          throw new ProfileFormatError(
            'concatenated',
            `time_nanos at byte ${tagOffset} is the second one: these are several raw profiles joined together; ` +
              'decode and merge them separately (`go tool pprof -proto a.pb b.pb > merged.pb.gz`)',
            { offset: tagOffset, where: 'time_nanos' },
          );
        }
        p.timeNanos = timeNanos;
        break;
      }
      case 10:
        p.durationNanos = readInt64(r, wire, tagOffset, 'duration_nanos');
        break;
      case 11:
        p.periodType = readValueType(r, strings, wire, tagOffset, 'period_type');
        break;
      case 12:
        p.period = readInt64(r, wire, tagOffset, 'period');
        break;
      case 13:
        readComments(r, strings, wire, tagOffset, p.comments);
        break;
      case 14:
        p.defaultSampleType = readString(r, strings, wire, tagOffset, 'default_sample_type');
        break;
      case 15:
        p.docUrl = readString(r, strings, wire, tagOffset, 'doc_url');
        break;
      default:
        // string_table (6, read in pass 1) and fields this decoder does not know.
        r.skip(wire, end, tagOffset);
    }
  }
  return p;
}

/** comment (13): repeated string index, packed or not. */
function readComments(r: WireReader, strings: string[], wire: number, tagOffset: number, comments: string[]): void {
  if (wire !== WIRE_BYTES) {
    comments.push(readString(r, strings, wire, tagOffset, `comment[${comments.length}]`));
    return;
  }
  const end = r.lengthDelimited(r.length);
  while (r.pos < end) comments.push(readString(r, strings, WIRE_VARINT, r.pos, `comment[${comments.length}]`));
  r.expectEnd(end, tagOffset, 'the packed comment list');
}

function readValueType(r: WireReader, strings: string[], wire: number, tagOffset: number, where: string): ValueType {
  const end = messageEnd(r, wire, tagOffset, r.length, where, -1);
  const valueType: ValueType = { type: '', unit: '' };
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      switch (tag >>> 3) {
        case 1:
          valueType.type = readString(r, strings, tag & 7, fieldOffset, 'type');
          break;
        case 2:
          valueType.unit = readString(r, strings, tag & 7, fieldOffset, 'unit');
          break;
        default:
          r.skip(tag & 7, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, where);
  }
  return valueType;
}

// Scratch space of the sample being read: its repeated fields arrive packed or one per tag (Go
// writes lists of up to 2 unpacked) and may be split over several runs, so they are gathered here
// and copied out at the sample's end into arrays of their exact size (see exact-copy.ts). Arrays
// grown by push keep room for 17, and every sample survives the decode: exact arrays cut the
// decoded size of a CPU profile by a quarter, and the garbage collector's work with it.
const idScratch: number[] = [];
const valueScratch: Int64[] = [];
const labelScratch: Label[] = [];
/** Per label in labelScratch: its id in SampleContext, -1 when it is not shared. */
const labelIdScratch: number[] = [];

/**
 * What the samples of one decode share: the same string label (key and value) is one frozen
 * object, and the same list of them one frozen array (label-lists.ts), keyed by string-table
 * indexes. Stacks are not shared: a frozen array is read about half as fast as a packed one by
 * merge and encode, and a shared unfrozen one would let an edit of one sample change others.
 */
class SampleContext {
  private readonly labelIds = new Map<number, number>();
  private readonly labels: Label[] = [];
  private readonly lists = new LabelLists();
  /** The string table is small enough for key index × size + value index to be exact. */
  private readonly pairKeys: boolean;
  /** Range of the location ids of all samples, so that checkDecodedProfile can skip the walk. */
  readonly locationIds: IdRange = { lowest: Infinity, highest: 0 };

  constructor(readonly strings: string[]) {
    this.pairKeys = strings.length <= 0x4000000;
  }

  /** Id of the shared string label key=str; -1 when pairs cannot be keyed. */
  stringLabel(keyIndex: number, strIndex: number): number {
    if (!this.pairKeys) return -1;
    const pair = keyIndex * this.strings.length + strIndex;
    let id = this.labelIds.get(pair);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(sharedLabel(this.strings[keyIndex], this.strings[strIndex], 0, ''));
      this.labelIds.set(pair, id);
    }
    return id;
  }

  label(id: number): Label {
    return this.labels[id];
  }

  /** The sample's labels, from the scratch arrays. */
  labelList(count: number): Label[] {
    if (count === 0) return NO_LABELS;
    // Frozen too, so that every decoded label list behaves the same.
    for (let i = 0; i < count; i++) if (labelIdScratch[i] < 0) return Object.freeze(labelScratch.slice(0, count)) as Label[];
    const found = this.lists.findOrAdd(labelIdScratch, labelScratch, count);
    return this.lists.list(found >= 0 ? found : ~found);
  }
}

/** A location id (uint64 on the wire) into idScratch[at]. */
function readLocationId(r: WireReader, range: IdRange, at: number): void {
  const offset = r.pos;
  const id = r.uint53();
  if (id < 0) throw outOfRangeError(offset, `location_id[${at}]`);
  if (id < range.lowest) range.lowest = id;
  if (id > range.highest) range.highest = id;
  idScratch[at] = id;
}

function readSample(r: WireReader, context: SampleContext, wire: number, tagOffset: number, index: number): Sample {
  const end = messageEnd(r, wire, tagOffset, r.length, 'sample', index);
  let ids = 0;
  let values = 0;
  let labelCount = 0;
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      const fieldWire = tag & 7;
      switch (tag >>> 3) {
        case 1:
          if (fieldWire === WIRE_BYTES) {
            const runEnd = r.lengthDelimited(end);
            while (r.pos < runEnd) readLocationId(r, context.locationIds, ids++);
            r.expectEnd(runEnd, fieldOffset, 'the packed location_id list');
          } else {
            expectWire(fieldWire, WIRE_VARINT, fieldOffset, 'location_id');
            readLocationId(r, context.locationIds, ids++);
          }
          break;
        case 2:
          if (fieldWire === WIRE_BYTES) {
            const runEnd = r.lengthDelimited(end);
            while (r.pos < runEnd) valueScratch[values++] = r.int64();
            r.expectEnd(runEnd, fieldOffset, 'the packed value list');
          } else valueScratch[values++] = readInt64(r, fieldWire, fieldOffset, 'value');
          break;
        case 3:
          readLabel(r, context, fieldWire, fieldOffset, end, labelCount++);
          break;
        default:
          r.skip(fieldWire, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `sample[${index}]`);
  }
  return { locationId: copyIds(idScratch, ids), value: copyValues(valueScratch, values), label: context.labelList(labelCount) };
}

/** Label `index` of the sample into labelScratch[index] (and its id into labelIdScratch). */
function readLabel(r: WireReader, context: SampleContext, wire: number, tagOffset: number, parentEnd: number, index: number): void {
  const end = messageEnd(r, wire, tagOffset, parentEnd, 'label', index);
  const strings = context.strings;
  let key = 0;
  let str = 0;
  let num: Int64 = 0;
  let numUnit = 0;
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      switch (tag >>> 3) {
        case 1:
          key = readStringIndex(r, strings, tag & 7, fieldOffset, 'key');
          break;
        case 2:
          str = readStringIndex(r, strings, tag & 7, fieldOffset, 'str');
          break;
        case 3:
          num = readInt64(r, tag & 7, fieldOffset, 'num');
          break;
        case 4:
          numUnit = readStringIndex(r, strings, tag & 7, fieldOffset, 'num_unit');
          break;
        default:
          r.skip(tag & 7, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `label[${index}]`);
  }
  // Numeric labels (heap profiles' bytes) rarely repeat: only string labels are shared.
  const id = num === 0 && numUnit === 0 ? context.stringLabel(key, str) : -1;
  labelIdScratch[index] = id;
  labelScratch[index] = id >= 0 ? context.label(id) : { key: strings[key], str: strings[str], num, numUnit: strings[numUnit] };
}

function readMapping(r: WireReader, strings: string[], wire: number, tagOffset: number, index: number): Mapping {
  const end = messageEnd(r, wire, tagOffset, r.length, 'mapping', index);
  const mapping: Mapping = {
    id: 0,
    memoryStart: 0,
    memoryLimit: 0,
    fileOffset: 0,
    filename: '',
    buildId: '',
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  };
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      const fieldWire = tag & 7;
      switch (tag >>> 3) {
        case 1:
          mapping.id = readId(r, fieldWire, fieldOffset, 'id');
          break;
        case 2:
          mapping.memoryStart = readUint64(r, fieldWire, fieldOffset, 'memory_start');
          break;
        case 3:
          mapping.memoryLimit = readUint64(r, fieldWire, fieldOffset, 'memory_limit');
          break;
        case 4:
          mapping.fileOffset = readUint64(r, fieldWire, fieldOffset, 'file_offset');
          break;
        case 5:
          mapping.filename = readString(r, strings, fieldWire, fieldOffset, 'filename');
          break;
        case 6:
          mapping.buildId = readString(r, strings, fieldWire, fieldOffset, 'build_id');
          break;
        case 7:
          mapping.hasFunctions = readBool(r, fieldWire, fieldOffset, 'has_functions');
          break;
        case 8:
          mapping.hasFilenames = readBool(r, fieldWire, fieldOffset, 'has_filenames');
          break;
        case 9:
          mapping.hasLineNumbers = readBool(r, fieldWire, fieldOffset, 'has_line_numbers');
          break;
        case 10:
          mapping.hasInlineFrames = readBool(r, fieldWire, fieldOffset, 'has_inline_frames');
          break;
        default:
          r.skip(fieldWire, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `mapping[${index}]`);
  }
  return mapping;
}

/**
 * Lines of the location being read. They are copied out at the location's end, so each
 * location's array has its exact size (a pushed-to array keeps room for 17).
 */
const lineScratch: Line[] = [];

function readLocation(r: WireReader, wire: number, tagOffset: number, index: number): Location {
  const end = messageEnd(r, wire, tagOffset, r.length, 'location', index);
  const location: Location = { id: 0, mappingId: 0, address: 0, line: lineScratch, isFolded: false };
  lineScratch.length = 0;
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      const fieldWire = tag & 7;
      switch (tag >>> 3) {
        case 1:
          location.id = readId(r, fieldWire, fieldOffset, 'id');
          break;
        case 2:
          location.mappingId = readId(r, fieldWire, fieldOffset, 'mapping_id');
          break;
        case 3:
          location.address = readUint64(r, fieldWire, fieldOffset, 'address');
          break;
        case 4:
          lineScratch.push(readLine(r, fieldWire, fieldOffset, end, lineScratch.length));
          break;
        case 5:
          location.isFolded = readBool(r, fieldWire, fieldOffset, 'is_folded');
          break;
        default:
          r.skip(fieldWire, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `location[${index}]`);
  }
  location.line = lineScratch.slice();
  return location;
}

function readLine(r: WireReader, wire: number, tagOffset: number, parentEnd: number, index: number): Line {
  const end = messageEnd(r, wire, tagOffset, parentEnd, 'line', index);
  const line: Line = { functionId: 0, line: 0, column: 0 };
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      const fieldWire = tag & 7;
      switch (tag >>> 3) {
        case 1:
          line.functionId = readId(r, fieldWire, fieldOffset, 'function_id');
          break;
        case 2:
          line.line = readSmallInt(r, fieldWire, fieldOffset, 'line');
          break;
        case 3:
          line.column = readSmallInt(r, fieldWire, fieldOffset, 'column');
          break;
        default:
          r.skip(fieldWire, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `line[${index}]`);
  }
  return line;
}

function readFunction(r: WireReader, strings: string[], wire: number, tagOffset: number, index: number): PprofFunction {
  const end = messageEnd(r, wire, tagOffset, r.length, 'function', index);
  const fn: PprofFunction = { id: 0, name: '', systemName: '', filename: '', startLine: 0 };
  try {
    while (r.pos < end) {
      const fieldOffset = r.pos;
      const tag = r.tag();
      const fieldWire = tag & 7;
      switch (tag >>> 3) {
        case 1:
          fn.id = readId(r, fieldWire, fieldOffset, 'id');
          break;
        case 2:
          fn.name = readString(r, strings, fieldWire, fieldOffset, 'name');
          break;
        case 3:
          fn.systemName = readString(r, strings, fieldWire, fieldOffset, 'system_name');
          break;
        case 4:
          fn.filename = readString(r, strings, fieldWire, fieldOffset, 'filename');
          break;
        case 5:
          fn.startLine = readSmallInt(r, fieldWire, fieldOffset, 'start_line');
          break;
        default:
          r.skip(fieldWire, end, fieldOffset);
      }
    }
    r.expectEnd(end, tagOffset, 'the message');
  } catch (error) {
    throw within(error, `function[${index}]`);
  }
  return fn;
}
