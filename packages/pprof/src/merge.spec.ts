// merge against Go's own merge (`go tool pprof -proto -symbolize=none`) on every well-formed
// corpus file and on real Go fixture profiles, compared through an id-free view; then the
// options Go does not have (normalize, weights, dropLabels) and the header and error rules on
// hand-built profiles whose right answer is known.
import { type CorpusFile, wellFormedCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, type FixtureProfile, fixtureProfiles } from '../../../tools/test-support/go-fixtures';
import { pprofMerge } from '../../../tools/test-support/go-tool';
import { compareSemantics, NO_DIFFERENCE, profileSemantics } from '../../../tools/test-support/profile-semantics';
import { decode } from './decode';
import { MergeError, ProfileFormatError } from './errors';
import { merge, type MergeOptions } from './merge';
import type { Profile } from './model';
import { buildProfile, numberLabel, stringLabel } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

interface Input {
  name: string;
  path: string;
  profile: Profile;
}

const corpus: Input[] = wellFormedCorpus().map((f: CorpusFile) => ({ name: f.name, path: f.path, profile: decode(f.bytes) }));

/** period type and sample types: inputs with the same signature merge without options. */
const signature = (p: Profile): string =>
  `${p.periodType?.type}/${p.periodType?.unit} [${p.sampleType.map((t) => `${t.type}/${t.unit}`).join(', ')}]`;

const groups: [string, Input[]][] = [];
for (const input of corpus) {
  const kind = signature(input.profile);
  const group = groups.find(([k]) => k === kind);
  if (group) group[1].push(input);
  else groups.push([kind, [input]]);
}

function header(p: Profile): Partial<Profile> {
  const { sampleType, periodType, period, durationNanos, timeNanos, comments, defaultSampleType, docUrl, dropFrames, keepFrames } = p;
  return { sampleType, periodType, period, durationNanos, timeNanos, comments, defaultSampleType, docUrl, dropFrames, keepFrames };
}

/** Ours and Go's merge of the same files mean the same: totals, stacks with values and labels, functions, header. */
function expectSameAsGo(inputs: Input[], options: MergeOptions = {}): Profile {
  const ours = merge(
    inputs.map((i) => i.profile),
    options,
  );
  const go = decode(pprofMerge(inputs.map((i) => i.path)));
  const mine = profileSemantics(ours);
  const theirs = profileSemantics(go);
  expect(compareSemantics(mine, theirs)).toEqual(NO_DIFFERENCE);
  expect(mine.stacks.length).toBe(theirs.stacks.length);
  expect(header(ours)).toEqual(header(go));
  // Go's merge also deduplicates locations, functions and mappings: ours must find the same ones.
  expect([ours.location.length, ours.function.length, ours.mapping.length]).toEqual([go.location.length, go.function.length, go.mapping.length]);
  return ours;
}

describe('merge agrees with go tool pprof -proto on the corpus', () => {
  it('covers the corpus: several files of one kind, and some of other kinds', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(groups.some(([, members]) => members.length >= 10)).toBe(true);
  });

  it.each(corpus.map((i) => [i.name, i] as const))('%s merged with itself', (_name, input) => {
    const ours = expectSameAsGo([input, input]);
    expect(ours.sample.length).toBeGreaterThan(0);
  }, GO_TIMEOUT_MS);

  it.each(groups.filter(([, members]) => members.length > 1))('all files of kind %s together', (_kind, members) => {
    expectSameAsGo(members);
  }, GO_TIMEOUT_MS);

  it('files of different sample types, with commonSampleTypes (Go keeps the common ones by itself)', () => {
    // The parca-agent profile has samples/count only, the Go CPU profiles samples/count and cpu/nanoseconds.
    const agent = corpus.find((i) => i.name.includes('profile-with-labels'))!;
    const cpu = corpus.filter((i) => i.name.includes('fib.pb.gz') || i.name.includes('inline_hot'));
    const inputs = [cpu[0]!, agent, cpu[1]!];
    expect(() => merge(inputs.map((i) => i.profile))).toThrow(MergeError);
    const ours = expectSameAsGo(inputs, { commonSampleTypes: true });
    expect(ours.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
  }, GO_TIMEOUT_MS);

  it('refuses to merge a wall-clock profile with CPU profiles, as Go does', () => {
    const wall = corpus.find((i) => i.name.includes('fgprof'))!;
    const cpu = corpus.find((i) => i.name.includes('fib.pb.gz'))!;
    expect(() => pprofMerge([cpu.path, wall.path])).toThrow();
    const error = catchError(() => merge([cpu.profile, wall.profile], { commonSampleTypes: true }));
    expect(error).toBeInstanceOf(MergeError);
    expect(error).toMatchObject({ code: 'incompatible' });
    expect(error.message).toMatch(/input 1 has period type wallclock\/nanoseconds but input 0 has cpu\/nanoseconds/);
  }, GO_TIMEOUT_MS);
});

describe('merge agrees with go tool pprof -proto on Go fixture profiles', () => {
  let fixtures: FixtureProfile[];
  const inputs = (): Input[] => fixtures.map((f) => ({ name: f.name, path: f.path, profile: decode(f.bytes) }));
  beforeAll(async () => {
    fixtures = await fixtureProfiles();
  }, FIXTURE_TIMEOUT_MS);

  it('all fixtures together', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expectSameAsGo(inputs());
  }, GO_TIMEOUT_MS);

  it('keeps pprof labels: the labels fixture with the others', () => {
    const all = inputs();
    const labeled = all.find((i) => i.name === 'labels')!;
    expect(labeled.profile.sample.some((s) => s.label.length > 0)).toBe(true);
    const ours = expectSameAsGo([labeled, all.find((i) => i.name === 'closures')!, labeled]);
    expect(ours.sample.filter((s) => s.label.length > 0).length).toBeGreaterThan(0);
  }, GO_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// Hand-built profiles

const at = (seconds: number): number => seconds * 1e9;

describe('merge options', () => {
  const tenSeconds = buildProfile({ durationNanos: at(10), samples: [{ stack: ['main.a@3', 'main.main@9'], values: [100, 1_000_000_000] }] });
  const thirtySeconds = buildProfile({ durationNanos: at(30), samples: [{ stack: ['main.b@4', 'main.main@9'], values: [300, 3_000_000_000] }] });

  it("normalize 'duration' gives a 10 s and a 30 s capture the same weight per second", () => {
    const merged = merge([tenSeconds, thirtySeconds], { normalize: 'duration' });
    // mean duration 20 s: the 10 s input counts twice, the 30 s input two thirds.
    expect(valuesByLeaf(merged)).toEqual({ 'main.a': [200, 2_000_000_000], 'main.b': [200, 2_000_000_000] });
    // Total magnitude stays that of the inputs (400 samples in 40 s).
    expect(profileSemantics(merged).totals).toEqual({ 'samples/count': 400, 'cpu/nanoseconds': 4_000_000_000 });
    expect(merged.durationNanos).toBe(at(40));
    // Without it, the plain sum of `go tool pprof`.
    expect(valuesByLeaf(merge([tenSeconds, thirtySeconds]))).toEqual({ 'main.a': [100, 1_000_000_000], 'main.b': [300, 3_000_000_000] });
  });

  it("normalize 'duration' refuses an input without duration, naming it", () => {
    const none = buildProfile({ durationNanos: 0, samples: [{ stack: ['main.c@1'], values: [1, 1] }] });
    const error = catchError(() => merge([tenSeconds, none], { normalize: 'duration' }));
    expect(error).toBeInstanceOf(MergeError);
    expect(error).toMatchObject({ code: 'zero-duration' });
    expect(error.message).toMatch(/^input 1 has duration_nanos 0/);
  });

  it('weights multiply into each input, with normalize too', () => {
    expect(valuesByLeaf(merge([tenSeconds, thirtySeconds], { weights: [3, 0.5] }))).toEqual({
      'main.a': [300, 3_000_000_000],
      'main.b': [150, 1_500_000_000],
    });
    expect(valuesByLeaf(merge([tenSeconds, thirtySeconds], { normalize: 'duration', weights: [1, 2] }))).toEqual({
      'main.a': [200, 2_000_000_000],
      'main.b': [400, 4_000_000_000],
    });
    // Weight 0 leaves the input's samples at zero, and zero samples are dropped.
    expect(Object.keys(valuesByLeaf(merge([tenSeconds, thirtySeconds], { weights: [0, 1] })))).toEqual(['main.b']);
  });

  it.each([
    ['too few', [1]],
    ['negative', [1, -1]],
    ['not finite', [1, Number.NaN]],
    ['infinite', [Infinity, 1]],
  ])('weights that are %s are refused', (_what, weights) => {
    const error = catchError(() => merge([tenSeconds, thirtySeconds], { weights }));
    expect(error).toBeInstanceOf(MergeError);
    expect(error).toMatchObject({ code: 'bad-weights' });
  });

  it('refuses an unknown normalize mode', () => {
    const error = catchError(() => merge([tenSeconds], { normalize: 'samples' as 'none' }));
    expect(error).toBeInstanceOf(TransformError);
    expect(error).toMatchObject({ code: 'invalid-option', option: 'normalize' });
  });

  it('rounds scaled values to the nearest integer, halves away from zero', () => {
    const p = buildProfile({ samples: [{ stack: ['main.a@1'], values: [5, -5] }, { stack: ['main.b@1'], values: [1, 7] }] });
    expect(valuesByLeaf(merge([p], { weights: [0.5] }))).toEqual({ 'main.a': [3, -3], 'main.b': [1, 4] });
    expect(valuesByLeaf(merge([p], { weights: [1 / 3] }))).toEqual({ 'main.a': [2, -2], 'main.b': [0, 2] });
  });

  it('scales bigint values exactly', () => {
    const big = (BigInt(1) << BigInt(60)) + BigInt(1);
    const p = buildProfile({ samples: [{ stack: ['main.a@1'], values: [big, 1] }] });
    expect(valuesByLeaf(merge([p, p], { weights: [3, 1] }))['main.a']).toEqual([big * BigInt(4), 4]);
    // 2^60 + 1 halved is 2^59 + 0.5: rounds up, where float64 arithmetic would give 2^59.
    expect(valuesByLeaf(merge([p], { weights: [0.5] }))['main.a']).toEqual([(BigInt(1) << BigInt(59)) + BigInt(1), 1]);
  });

  it('dropLabels adds up stacks that differed only by labels', () => {
    const p = buildProfile({
      samples: [
        { stack: ['main.a@1'], values: [1, 10], labels: [stringLabel('endpoint', '/x')] },
        { stack: ['main.a@1'], values: [2, 20], labels: [stringLabel('endpoint', '/y')] },
      ],
    });
    expect(merge([p]).sample).toHaveLength(2);
    const dropped = merge([p, p], { dropLabels: true });
    expect(dropped.sample).toEqual([{ locationId: [1], value: [6, 60], label: [] }]);
  });
});

describe('merge semantics', () => {
  it('keys samples by stack and labels: string and numeric labels with units, in any order', () => {
    const a = buildProfile({
      samples: [
        { stack: ['main.a@1'], values: [1, 1], labels: [stringLabel('k', 'v'), numberLabel('bytes', 64, 'bytes')] },
        { stack: ['main.a@1'], values: [1, 1], labels: [numberLabel('bytes', 64, 'bytes'), stringLabel('k', 'v')] },
        { stack: ['main.a@1'], values: [1, 1], labels: [numberLabel('bytes', 64, 'kilobytes'), stringLabel('k', 'v')] },
        // A label with no string, number or unit is nothing to pprof's decoder.
        { stack: ['main.a@1'], values: [1, 1], labels: [numberLabel('void', 0)] },
        { stack: ['main.a@1'], values: [1, 1], labels: [] },
      ],
    });
    const merged = merge([a]);
    expect(merged.sample.map((s) => [s.value[0], s.label.map((l) => `${l.key}=${l.str || `${String(l.num)} ${l.numUnit}`}`)])).toEqual([
      [2, ['k=v', 'bytes=64 bytes']],
      [1, ['k=v', 'bytes=64 kilobytes']],
      [2, []],
    ]);
  });

  it('deduplicates functions and locations across inputs and drops what only zero samples used', () => {
    const a = buildProfile({
      samples: [
        { stack: ['main.a@1', 'main.main@5'], values: [1, 10] },
        { stack: ['main.unused@1', 'main.main@5'], values: [0, 0] },
      ],
    });
    const b = buildProfile({ samples: [{ stack: ['main.b@2', 'main.main@5'], values: [2, 20] }, { stack: ['main.a@1', 'main.main@5'], values: [3, 30] }] });
    const merged = merge([a, b]);
    expect(merged.function.map((f) => f.name)).toEqual(['main.a', 'main.main', 'main.b']);
    expect(merged.location).toHaveLength(3);
    expect(valuesByLeaf(merged)).toEqual({ 'main.a': [4, 40], 'main.b': [2, 20] });
  });

  it('drops samples whose values cancel out, with the functions only they used', () => {
    const plus = buildProfile({ samples: [{ stack: ['main.gone@1'], values: [5, 50] }, { stack: ['main.kept@1'], values: [1, 1] }] });
    const minus = buildProfile({ samples: [{ stack: ['main.gone@1'], values: [-5, -50] }] });
    const merged = merge([plus, minus]);
    expect(merged.sample).toHaveLength(1);
    expect(merged.function.map((f) => f.name)).toEqual(['main.kept']);
    expect(merged.location).toHaveLength(1);
  });

  it('combines headers as pprof does', () => {
    const base = { samples: [{ stack: ['main.a@1'], values: [1, 1] }] };
    const inputs = [
      { ...buildProfile({ ...base, timeNanos: 0, period: 5, durationNanos: 7 }), comments: ['x', 'y'], dropFrames: 'drop.*', keepFrames: 'keep' },
      { ...buildProfile({ ...base, timeNanos: 300, period: 20, durationNanos: 11 }), comments: ['y', 'z'], defaultSampleType: 'cpu', docUrl: 'https://a' },
      { ...buildProfile({ ...base, timeNanos: 200, period: 10, durationNanos: 13 }), defaultSampleType: 'samples', docUrl: 'https://b', dropFrames: 'other' },
      buildProfile({ ...base, timeNanos: 0, period: 1, durationNanos: 0 }),
    ];
    expect(header(merge(inputs))).toEqual({
      sampleType: inputs[0]!.sampleType,
      periodType: inputs[0]!.periodType,
      period: 20,
      durationNanos: 31,
      timeNanos: 200,
      comments: ['x', 'y', 'z'],
      defaultSampleType: 'cpu',
      docUrl: 'https://a',
      dropFrames: 'drop.*',
      keepFrames: 'keep',
    });
  });

  it('refuses inputs of other sample types, naming the input and the types, and suggests commonSampleTypes', () => {
    const a = buildProfile({ samples: [{ stack: ['main.a@1'], values: [1, 10] }] });
    const b = buildProfile({ sampleTypes: ['cpu/nanoseconds', 'samples/count', 'alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [20, 2, 99] }] });
    const error = catchError(() => merge([a, a, b]));
    expect(error).toBeInstanceOf(MergeError);
    expect(error).toMatchObject({ code: 'incompatible' });
    expect(error.message).toBe(
      'input 2 has sample types [cpu/nanoseconds, samples/count, alloc/bytes] but input 0 has [samples/count, cpu/nanoseconds]: ' +
        'pass commonSampleTypes: true to keep only the types all inputs share (samples, cpu)',
    );
    // With it: the first input's order, values taken from the right columns.
    const merged = merge([a, b], { commonSampleTypes: true });
    expect(merged.sampleType).toEqual(a.sampleType);
    expect(merged.sample.map((s) => s.value)).toEqual([[3, 30]]);
  });

  it('refuses a shared sample type in different units, and inputs that share no type', () => {
    const a = buildProfile({ samples: [{ stack: ['main.a@1'], values: [1, 10] }] });
    const ms = buildProfile({ sampleTypes: ['samples/count', 'cpu/milliseconds'], samples: [{ stack: ['main.a@1'], values: [1, 10] }] });
    expect(() => merge([a, ms], { commonSampleTypes: true })).toThrow(/cpu is in nanoseconds in input 0 but in milliseconds in input 1/);
    const other = buildProfile({ sampleTypes: ['alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [1] }] });
    expect(() => merge([a, other], { commonSampleTypes: true })).toThrow(/share no sample type/);
  });

  it('refuses an empty input list and inconsistent profiles with typed errors', () => {
    expect(catchError(() => merge([]))).toMatchObject({ code: 'no-inputs' });
    const broken = buildProfile({ samples: [{ stack: ['main.a@1'], values: [1, 1] }] });
    broken.sample[0]!.locationId = [42];
    const error = catchError(() => merge([broken]));
    expect(error).toBeInstanceOf(ProfileFormatError);
    expect(error).toMatchObject({ code: 'dangling-id', where: 'profiles[0].sample[0].location_id[0]' });
  });

  it.each(corpus.map((i) => [i.name, i] as const))('%s: inputs stay unchanged, though results reuse their unchanged samples', (_name, input) => {
    // A result reuses the input samples it does not change, and copies one before adding into it.
    const before = structuredClone(input.profile);
    const alone = merge([input.profile]);
    const aloneBefore = structuredClone(alone);
    const twice = merge([input.profile, input.profile]);
    expect(compareSemantics(profileSemantics(merge([alone, alone])), profileSemantics(twice))).toEqual(NO_DIFFERENCE);
    expect(input.profile).toEqual(before);
    expect(alone).toEqual(aloneBefore);
  });

  it('does not change its inputs', () => {
    const input = corpus.find((i) => i.name.includes('grpc-anon'))!.profile;
    const before = structuredClone(input);
    merge([input, input], { normalize: 'duration', weights: [1, 2], dropLabels: true });
    expect(input).toEqual(before);
  });
});

function valuesByLeaf(p: Profile): Record<string, unknown[]> {
  const names = new Map(p.function.map((f) => [f.id, f.name]));
  const leafOf = new Map(p.location.map((l) => [l.id, names.get(l.line[0]!.functionId)!]));
  return Object.fromEntries(p.sample.map((s) => [leafOf.get(s.locationId[0]!)!, s.value]));
}
