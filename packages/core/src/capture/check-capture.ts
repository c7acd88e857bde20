// Whether what a source returned is a profile Go's PGO can use: it must decode, have the CPU
// sample type the compiler reads, pass what `go tool preprofile` checks, and (live captures)
// cover about the seconds asked for. A failure says what came back instead.
import { decode, ProfileFormatError, summarize, toNumber, type Profile } from '@go-pgo/pprof';

/**
 * A live capture may report a duration this far from what was asked: Go stops the profile a
 * little after N seconds and a loaded host may stretch that, but a profile of half the time (a
 * restarted process, a proxy that cut it short) must not count as a full one.
 */
export const DURATION_TOLERANCE = { fraction: 0.25, seconds: 2 };

export type CheckResult = { ok: true; seconds: number } | { ok: false; reason: string };

export function checkCapture(bytes: Uint8Array, expectedSeconds: number | undefined): CheckResult {
  let profile: Profile;
  try {
    profile = decode(bytes);
  } catch (error) {
    if (!(error instanceof ProfileFormatError)) throw error;
    return { ok: false, reason: `not a pprof profile (${describeBody(bytes)}): ${error.message}` };
  }
  const summary = summarize(profile, { top: 0 });
  if (summary.pgoSampleType === null) {
    return { ok: false, reason: `not a CPU profile: its sample types are ${summary.sampleTypes.join(', ') || 'none'}, PGO needs samples/count or cpu/nanoseconds` };
  }
  const problem = summary.problems.find((p) => p.severity === 'error');
  if (problem) return { ok: false, reason: problem.message };
  const seconds = toNumber(profile.durationNanos) / 1e9;
  if (expectedSeconds !== undefined) {
    const slack = Math.max(DURATION_TOLERANCE.seconds, expectedSeconds * DURATION_TOLERANCE.fraction);
    if (Math.abs(seconds - expectedSeconds) > slack) {
      return { ok: false, reason: `the profile covers ${seconds.toFixed(1)} s, not the ${expectedSeconds} s asked for (tolerance ±${slack} s)` };
    }
  }
  return { ok: true, seconds };
}

/** `HTML, 1.2 KiB`, `text "404 page not found"`: what a person needs to see what answered. */
function describeBody(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty body';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 200)).trimStart();
  if (/^<(!doctype|html|\?xml|head|body)/i.test(head)) return `HTML, ${bytes.length} bytes`;
  if (/^[\x20-\x7e\s]+$/.test(head)) return `text "${head.split('\n')[0]!.slice(0, 60)}"`;
  return `${bytes.length} bytes of binary data`;
}
