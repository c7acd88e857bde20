// What a remote profile service answered, made ready for the capture: decoded (a body that is
// no profile fails the instance), its CPU samples in the sample types Go's own CPU profiles
// carry, and notes for what the service left out (start_line, duration): recorded, never made up.
import { gzipSync } from 'node:zlib';
import { decode, encode, isZeroInt64, pgoSampleIndex, ProfileFormatError, summarize, toNumber, type Profile } from '@go-pgo/pprof';
import { InstanceCaptureError } from './source';

export interface ReadyProfile {
  /** gzipped pprof, as profile files are stored. */
  bytes: Uint8Array;
  notes: string[];
}

const NANOS_PER: Record<string, number> = { nanoseconds: 1, microseconds: 1e3, milliseconds: 1e6, seconds: 1e9 };

/** Decodes `bytes` (gzipped or not) and converts a CPU-time-only profile; `label` starts errors. */
export function readyRemoteProfile(label: string, bytes: Uint8Array): ReadyProfile {
  let profile: Profile;
  try {
    profile = decode(bytes);
  } catch (error) {
    if (!(error instanceof ProfileFormatError)) throw error;
    throw new InstanceCaptureError(
      `${label}: the answer is not a pprof profile (${error.message}): check that the URL points at the service's API, not at a proxy or UI page`,
      false,
      { cause: error },
    );
  }
  if (profile.sample.length === 0) {
    throw new InstanceCaptureError(`${label}: no samples matched in the window: check the query, the profile type and the window (from/until)`, false);
  }
  const notes: string[] = [];
  const ready = withGoCpuSampleTypes(profile, notes);
  if (pgoSampleIndex(ready) < 0) {
    const types = ready.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ');
    throw new InstanceCaptureError(
      `${label}: the profile's sample types (${types}) hold nothing Go's PGO reads (samples/count or cpu/nanoseconds): query a CPU profile type`,
      false,
    );
  }
  // What keeps Go's PGO from using the profile as it is; warnings are pgo-validate's to give.
  for (const problem of summarize(ready, { top: 0 }).problems) if (problem.severity === 'error') notes.push(`${problem.severity} ${problem.code}: ${problem.message}`);
  if (isZeroInt64(ready.durationNanos)) notes.push('the profile records no duration: merge with normalize: duration cannot weigh it against timed captures');
  return { bytes: ready === profile ? gzipped(bytes) : encode(ready), notes };
}

/**
 * A profile whose only sample type is CPU time (Pyroscope's and Parca's merged CPU profiles)
 * gets Go's pair samples/count + cpu/nanoseconds, counts = nanoseconds / period, so that it
 * merges with runtime/pprof captures. Without a period the counts are unknown: it stays CPU
 * time only, in nanoseconds, which Go's PGO reads as well. Anything else is left as it is.
 */
function withGoCpuSampleTypes(profile: Profile, notes: string[]): Profile {
  const only = profile.sampleType.length === 1 ? profile.sampleType[0]! : undefined;
  const scale = only?.type === 'cpu' ? NANOS_PER[only.unit] : undefined;
  if (!only || scale === undefined) return profile;
  const periodScale = profile.periodType?.type === 'cpu' ? NANOS_PER[profile.periodType.unit] : undefined;
  const period = periodScale === undefined ? 0 : toNumber(profile.period) * periodScale;
  const original = `${only.type}/${only.unit}`;
  if (period <= 0 && scale === 1) {
    notes.push(`kept the ${original}-only profile as it is: without a cpu period the sample counts cannot be derived (Go's PGO reads ${original})`);
    return profile;
  }
  let rounded = 0;
  const sample = profile.sample.map((s) => {
    const nanos = toNumber(s.value[0]!) * scale;
    if (period <= 0) return { ...s, value: [nanos] };
    const count = Math.round(nanos / period);
    if (count * period !== nanos) rounded++;
    return { ...s, value: [count, nanos] };
  });
  const cpu = { type: 'cpu', unit: 'nanoseconds' };
  if (period <= 0) {
    notes.push(`converted the ${original}-only profile to cpu/nanoseconds (values × ${scale}); it has no cpu period, so no sample counts`);
    return { ...profile, sampleType: [cpu], sample };
  }
  const inexact = rounded > 0 ? ` (${rounded} of ${sample.length} samples were not whole periods and were rounded)` : '';
  notes.push(
    `converted the ${original}-only profile to samples/count + cpu/nanoseconds, as Go's CPU profiles carry: samples = nanoseconds / period ${period} ns${inexact}`,
  );
  return { ...profile, sampleType: [{ type: 'samples', unit: 'count' }, cpu], sample, periodType: cpu, period };
}

function gzipped(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? bytes : gzipSync(bytes, { level: 1 });
}
