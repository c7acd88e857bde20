// What the Pyroscope and Parca contract fakes store: one series (a label set) of real Go CPU
// profile data ingested at one time, answered for a profile type the way both services answer
// a merge query: only the selected sample type, and nothing when the selector or window miss.
import { decode, emptyProfile, type Profile } from '@go-pgo/pprof';

export interface StoredSeries {
  labels: Record<string, string>;
  /** When the profile was ingested (ms since the epoch). */
  at: number;
  /** A real Go CPU profile (samples/count + cpu/nanoseconds). */
  profile: Profile;
}

export function storedSeries(labels: Record<string, string>, at: number, bytes: Uint8Array): StoredSeries {
  return { labels, at, profile: decode(bytes) };
}

/** `name:sample_type:sample_unit:period_type:period_unit`, as both services spell a profile type. */
export function parseProfileType(id: string): { sampleType: string; sampleUnit: string; periodType: string; periodUnit: string } | undefined {
  const parts = id.split(':');
  if ((parts.length !== 5 && !(parts.length === 6 && parts[5] === 'delta')) || parts.slice(0, 5).some((p) => p === '')) return undefined;
  const [, sampleType, sampleUnit, periodType, periodUnit] = parts as [string, string, string, string, string];
  return { sampleType, sampleUnit, periodType, periodUnit };
}

/** Equality matchers only (`{a="x", b="y"}`); undefined when the selector is not of that form. */
export function parseSelector(selector: string): Record<string, string> | undefined {
  const inner = /^\{(.*)\}$/s.exec(selector.trim())?.[1]?.trim();
  if (inner === undefined) return undefined;
  const matchers: Record<string, string> = {};
  if (inner === '') return matchers;
  for (const part of inner.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*"([^"]*)"\s*$/.exec(part);
    if (!m) return undefined;
    matchers[m[1]!] = m[2]!;
  }
  return matchers;
}

/** The merge answer: the selected sample type of a matching series, or an empty profile. */
export function answerMerge(
  series: StoredSeries,
  type: { sampleType: string; sampleUnit: string },
  matchers: Record<string, string>,
  startMs: number,
  endMs: number,
): Profile {
  const selected = Object.entries(matchers).every(([k, v]) => series.labels[k] === v) && series.at >= startMs && series.at < endMs;
  const index = series.profile.sampleType.findIndex((t) => t.type === type.sampleType && t.unit === type.sampleUnit);
  if (!selected || index < 0) return emptyProfile();
  const { profile } = series;
  return {
    ...profile,
    sampleType: [profile.sampleType[index]!],
    sample: profile.sample.map((s) => ({ ...s, value: [s.value[index]!] })),
  };
}
