// The in-memory pprof profile: the fields of profile.proto with string-table indexes
// resolved to strings. Ids stay ids (as in the wire format) so that merge and compaction can
// work on integer keys.
//
// 64-bit integers: a value is a `number` whenever it is a safe integer and a `bigint`
// otherwise, so the common case stays fast and nothing above 2^53 (time_nanos, kernel
// addresses) loses a bit. Ids, line numbers and columns are plain numbers: the decoder rejects
// values beyond 2^53 there with a typed error.

export type Int64 = number | bigint;

export interface ValueType {
  type: string;
  unit: string;
}

export interface Label {
  key: string;
  /** String value; '' when the label is numeric. */
  str: string;
  num: Int64;
  numUnit: string;
}

export interface Sample {
  /** Location ids, leaf first. */
  locationId: number[];
  value: Int64[];
  label: Label[];
}

export interface Mapping {
  id: number;
  memoryStart: Int64;
  memoryLimit: Int64;
  fileOffset: Int64;
  filename: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

export interface Line {
  /** 0 when the line has no function. */
  functionId: number;
  line: number;
  column: number;
}

export interface Location {
  id: number;
  /** 0 when the location has no mapping. */
  mappingId: number;
  address: Int64;
  /** Innermost (most inlined) line first, as in profile.proto. */
  line: Line[];
  isFolded: boolean;
}

export interface PprofFunction {
  id: number;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

export interface Profile {
  sampleType: ValueType[];
  sample: Sample[];
  mapping: Mapping[];
  location: Location[];
  function: PprofFunction[];
  dropFrames: string;
  keepFrames: string;
  timeNanos: Int64;
  durationNanos: Int64;
  periodType: ValueType | undefined;
  period: Int64;
  comments: string[];
  defaultSampleType: string;
  docUrl: string;
}

/** An empty profile, for building profiles field by field. */
export function emptyProfile(): Profile {
  return {
    sampleType: [],
    sample: [],
    mapping: [],
    location: [],
    function: [],
    dropFrames: '',
    keepFrames: '',
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    comments: [],
    defaultSampleType: '',
    docUrl: '',
  };
}
