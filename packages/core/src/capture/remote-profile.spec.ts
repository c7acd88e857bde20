// readyRemoteProfile over the shared real-world corpus and over single-sample-type profiles
// built from a real Go CPU profile with @go-pgo/pprof, as remote services answer them.
import { decode, encode, pgoSampleIndex, summarize, type Profile } from '@go-pgo/pprof';
import { corpusFiles } from '../../../../tools/test-support/corpus';
import { fixtureProfile, FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { preprofile, withTempFile } from '../../../../tools/test-support/go-tool';
import { readyRemoteProfile } from './remote-profile';
import { InstanceCaptureError } from './source';

let go: Profile;
let goBytes: Buffer;

beforeAll(async () => {
  goBytes = (await fixtureProfile('service')).bytes;
  go = decode(goBytes);
}, FIXTURE_TIMEOUT_MS);

/** The Go profile with only sample type `index`, scaled by `factor`, as another unit. */
function onlyType(index: number, type: { type: string; unit: string }, factor = 1, changes: Partial<Profile> = {}): Profile {
  return { ...go, sampleType: [type], sample: go.sample.map((s) => ({ ...s, value: [Number(s.value[index]) * factor] })), ...changes };
}

function failure(bytes: Uint8Array): InstanceCaptureError {
  let error: unknown;
  try {
    readyRemoteProfile('test https://remote', bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InstanceCaptureError);
  expect((error as Error).message).not.toContain('\n');
  return error as InstanceCaptureError;
}

describe('readyRemoteProfile', () => {
  it('gives every corpus profile Go can use back with a PGO sample type, and fails the rest as an instance error', () => {
    for (const file of corpusFiles()) {
      let ready: ReturnType<typeof readyRemoteProfile> | undefined;
      try {
        ready = readyRemoteProfile(`test ${file.name}`, file.bytes);
      } catch (error) {
        expect([file.name, error]).toEqual([file.name, expect.any(InstanceCaptureError)]);
        expect((error as Error).message.startsWith(`test ${file.name}: `)).toBe(true);
        expect(file.pgoUsable && decode(file.bytes).sample.length > 0).toBe(false);
        continue;
      }
      const profile = decode(ready.bytes);
      expect([file.name, pgoSampleIndex(profile) >= 0]).toEqual([file.name, true]);
      expect([file.name, ready.bytes[0], ready.bytes[1]]).toEqual([file.name, 0x1f, 0x8b]);
      // readyRemoteProfile notes every error summarize finds, on the profile it returns.
      if (file.pgoUsable) expect([file.name, ready.notes.filter((n) => n.startsWith('error '))]).toEqual([file.name, []]);
    }
  });

  it('passes a Go CPU profile through byte for byte, with no notes', () => {
    const ready = readyRemoteProfile('x', goBytes);
    expect(Buffer.from(ready.bytes).equals(goBytes)).toBe(true);
    expect(ready.notes).toEqual([]);
  });

  it('derives counts from cpu/microseconds and a cpu period, rounding what is not whole periods', () => {
    const period = Number(go.period);
    const skewed = onlyType(1, { type: 'cpu', unit: 'microseconds' }, 1 / 1000);
    skewed.sample = skewed.sample.map((s, i) => (i === 0 ? { ...s, value: [Number(s.value[0]) + 1] } : s));
    const ready = readyRemoteProfile('x', encode(skewed));
    const profile = decode(ready.bytes);
    expect(profile.sampleType).toEqual([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    expect(profile.sample.map((s) => Number(s.value[0]))).toEqual(go.sample.map((s) => Number(s.value[0])));
    expect(ready.notes).toContain(
      `converted the cpu/microseconds-only profile to samples/count + cpu/nanoseconds, as Go's CPU profiles carry: samples = nanoseconds / period ${period} ns (1 of ${go.sample.length} samples were not whole periods and were rounded)`,
    );
    expect(withTempFile(ready.bytes, preprofile).toString()).toBe(withTempFile(goBytes, preprofile).toString());
  });

  it('keeps cpu/nanoseconds without a period as it is, and says why', () => {
    const ready = readyRemoteProfile('x', encode(onlyType(1, { type: 'cpu', unit: 'nanoseconds' }, 1, { periodType: undefined, period: 0 })));
    expect(decode(ready.bytes).sampleType).toEqual([{ type: 'cpu', unit: 'nanoseconds' }]);
    expect(ready.notes).toContain(
      "kept the cpu/nanoseconds-only profile as it is: without a cpu period the sample counts cannot be derived (Go's PGO reads cpu/nanoseconds)",
    );
    expect(summarize(decode(ready.bytes)).pgoUsable).toBe(true);
  });

  it('records a missing start_line and duration instead of inventing them', () => {
    const stripped = { ...go, function: go.function.map((f) => ({ ...f, startLine: 0 })), durationNanos: 0 };
    const ready = readyRemoteProfile('x', encode(stripped));
    expect(ready.notes.some((n) => n.startsWith('error no-start-line: '))).toBe(true);
    expect(ready.notes).toContain('the profile records no duration: merge with normalize: duration cannot weigh it against timed captures');
    expect(decode(ready.bytes).function.every((f) => f.startLine === 0)).toBe(true);
  });

  it('fails on a profile with no CPU sample type and on an empty one', () => {
    expect(failure(encode(onlyType(0, { type: 'alloc_space', unit: 'bytes' }))).message).toBe(
      "test https://remote: the profile's sample types (alloc_space/bytes) hold nothing Go's PGO reads (samples/count or cpu/nanoseconds): query a CPU profile type",
    );
    expect(failure(encode({ ...go, sample: [] })).retryable).toBe(false);
  });
});
