// Small hand-built profiles for tests that need an exact shape no real profile has (a recursion
// on one line, bigint values, given durations): frames are written as `name@line`, stacks leaf
// first, and every distinct frame list (with its address) becomes one location.
import type { Int64, Label, Location, PprofFunction, Profile, Sample } from '../model';
import { emptyProfile } from '../model';

export interface FrameSpec {
  /** Lines of the location, innermost first, each `name@line`. */
  lines: string[];
  address?: Int64;
}

export interface SampleSpec {
  /** Leaf first; a string is a location with one line and address 0. */
  stack: (string | FrameSpec)[];
  values: Int64[];
  labels?: Label[];
}

export interface ProfileSpec {
  /** `type/unit`, default samples/count and cpu/nanoseconds. */
  sampleTypes?: string[];
  /** `type/unit`, default cpu/nanoseconds. */
  periodType?: string;
  period?: Int64;
  durationNanos?: Int64;
  timeNanos?: Int64;
  /** start_line per function name (default 1). */
  startLines?: Record<string, number>;
  samples: SampleSpec[];
}

export function buildProfile(spec: ProfileSpec): Profile {
  const p = emptyProfile();
  p.sampleType = (spec.sampleTypes ?? ['samples/count', 'cpu/nanoseconds']).map(valueType);
  p.periodType = valueType(spec.periodType ?? 'cpu/nanoseconds');
  p.period = spec.period ?? 10_000_000;
  p.durationNanos = spec.durationNanos ?? 1_000_000_000;
  p.timeNanos = spec.timeNanos ?? 1_700_000_000_000_000_000n;
  const functions = new Map<string, PprofFunction>();
  const locations = new Map<string, Location>();
  const functionId = (name: string): number => {
    let f = functions.get(name);
    if (!f) {
      f = { id: functions.size + 1, name, systemName: name, filename: `${name.split('.')[0]}.go`, startLine: spec.startLines?.[name] ?? 1 };
      functions.set(name, f);
    }
    return f.id;
  };
  const locationId = (frame: string | FrameSpec): number => {
    const { lines, address = 0 } = typeof frame === 'string' ? { lines: [frame] } : frame;
    const key = `${String(address)}|${lines.join('|')}`;
    let l = locations.get(key);
    if (!l) {
      l = {
        id: locations.size + 1,
        mappingId: 0,
        address,
        line: lines.map((text) => {
          const [name, line] = text.split('@');
          return { functionId: functionId(name!), line: Number(line), column: 0 };
        }),
        isFolded: false,
      };
      locations.set(key, l);
    }
    return l.id;
  };
  p.sample = spec.samples.map((s): Sample => ({ locationId: s.stack.map(locationId), value: s.values, label: s.labels ?? [] }));
  p.function = [...functions.values()];
  p.location = [...locations.values()];
  return p;
}

function valueType(text: string): { type: string; unit: string } {
  const [type, unit] = text.split('/');
  return { type: type!, unit: unit ?? '' };
}

export function stringLabel(key: string, str: string): Label {
  return { key, str, num: 0, numUnit: '' };
}

export function numberLabel(key: string, num: Int64, numUnit = ''): Label {
  return { key, str: '', num, numUnit };
}
