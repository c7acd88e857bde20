// summarize's verdict against `go tool preprofile` on every decodable corpus file, every Go
// fixture and hand-built edge cases; its top functions against `go tool pprof -top`; its
// warnings on the corpus files that are known to be the wrong kind.
import { execFileSync } from 'node:child_process';
import { type CorpusFile, pgoUsableCorpus, wellFormedCorpus } from '../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles } from '../../../tools/test-support/go-fixtures';
import { decode } from './decode';
import type { Profile } from './model';
import { summarize, type ProfileSummary } from './summarize';
import { buildProfile } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

const corpus = wellFormedCorpus().map((f: CorpusFile) => ({ ...f, summary: summarize(decode(f.bytes)) }));
const named = (part: string): (typeof corpus)[number] => corpus.find((f) => f.name.includes(part))!;
const codes = (s: ProfileSummary, severity: 'error' | 'warning'): string[] => s.problems.filter((p) => p.severity === severity).map((p) => p.code);

describe('summarize: pgoUsable is what go tool preprofile says', () => {
  it.each(corpus.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const verdict = preprofileText(file.path);
    expect(file.summary.pgoUsable).toBe(!verdict.startsWith('rejected'));
    expect(codes(file.summary, 'error').length > 0).toBe(verdict.startsWith('rejected'));
  }, GO_TIMEOUT_MS);

  it('covers usable and unusable files', () => {
    expect(corpus.filter((f) => f.summary.pgoUsable).length).toBeGreaterThanOrEqual(9);
    expect(corpus.filter((f) => !f.summary.pgoUsable).length).toBeGreaterThanOrEqual(5);
  });

  it('on every Go fixture profile', async () => {
    const fixtures = await fixtureProfiles();
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const fixture of fixtures) {
      const summary = summarize(decode(fixture.bytes));
      expect([fixture.name, summary.pgoUsable]).toEqual([fixture.name, !preprofileText(fixture.path).startsWith('rejected')]);
      expect(summary.pgoUsable).toBe(true);
    }
  }, FIXTURE_TIMEOUT_MS);

  const startLines = { 'main.a': 0, 'main.b': 0, 'main.c': 0, 'main.main': 0 };
  it.each<[string, Profile, boolean, string | undefined]>([
    ['no samples at all, and no PGO sample type', buildProfile({ sampleTypes: ['alloc/bytes'], samples: [] }), true, undefined],
    ['samples, but no PGO sample type', buildProfile({ sampleTypes: ['alloc/bytes'], samples: [{ stack: ['main.a@1'], values: [1] }] }), false, 'no-pgo-sample-type'],
    ['samples of zero weight only, without start_line', buildProfile({ startLines, samples: [{ stack: ['main.a@1', 'main.main@2'], values: [0, 0] }] }), false, 'no-start-line'],
    ['start_line on the third frame only', buildProfile({ startLines: { ...startLines, 'main.main': 1 }, samples: [{ stack: ['main.a@1', 'main.b@2', 'main.main@3'], values: [1, 1] }] }), false, 'no-start-line'],
    ['start_line on the second frame only', buildProfile({ startLines: { ...startLines, 'main.b': 1 }, samples: [{ stack: ['main.a@1', 'main.b@2', 'main.main@3'], values: [1, 1] }] }), true, undefined],
    ['start_line on an inlined line of the leaf', buildProfile({ startLines: { ...startLines, 'main.c': 1 }, samples: [{ stack: [{ lines: ['main.a@1', 'main.c@5'] }, 'main.main@3'], values: [1, 1] }] }), true, undefined],
  ])('%s', (_what, profile, usable, error) => {
    expect(preprofileOf(profile).startsWith('rejected')).toBe(!usable);
    const summary = summarize(profile);
    expect(summary.pgoUsable).toBe(usable);
    expect(codes(summary, 'error')).toEqual(error === undefined ? [] : [error]);
  }, GO_TIMEOUT_MS);
});

describe('summarize warnings', () => {
  it('a wall-clock profile (fgprof) that looks like CPU', () => {
    expect(codes(named('fgprof').summary, 'warning')).toContain('wall-clock');
  });

  it('an eBPF agent profile (parca-agent)', () => {
    const s = named('profile-with-labels').summary;
    expect(codes(s, 'warning')).toEqual(expect.arrayContaining(['ebpf-agent', 'no-duration']));
    expect(codes(s, 'warning')).not.toContain('wall-clock');
  });

  it('an unsymbolized profile', () => {
    expect(codes(named('stripped').summary, 'warning')).toContain('unsymbolized');
  });

  it('none of the wrong-kind warnings on the Go CPU profiles PGO uses', () => {
    for (const file of pgoUsableCorpus()) {
      const s = corpus.find((f) => f.name === file.name)!.summary;
      expect([file.name, s.pgoUsable, codes(s, 'warning').filter((c) => ['wall-clock', 'ebpf-agent', 'unsymbolized', 'empty', 'no-duration'].includes(c))]).toEqual([
        file.name,
        true,
        [],
      ]);
      expect(codes(s, 'warning').includes('few-samples')).toBe(s.totals['samples/count']! < 1000);
    }
  });

  it('start_line missing on part of the weight, an empty profile, too few samples', () => {
    const partial = summarize(
      buildProfile({
        startLines: { 'main.a': 0, 'main.b': 3 },
        durationNanos: 0,
        samples: [
          { stack: ['main.a@1', 'main.b@4'], values: [1, 10] },
          { stack: ['main.b@5'], values: [3, 30] },
        ],
      }),
    );
    expect(partial.pgoUsable).toBe(true);
    expect(partial.startLineCoverage).toEqual({ functions: 0.5, weight: 0.75 });
    expect(codes(partial, 'warning')).toEqual(['partial-start-line', 'few-samples', 'no-duration']);
    expect(partial.problems[0]!.message).toMatch(/^25\.0% of the weight/);
    expect(codes(summarize(buildProfile({ samples: [] })), 'warning')).toEqual(['empty']);
  });
});

describe('summarize fields', () => {
  it('describes the profile', () => {
    const s = summarize(
      buildProfile({
        timeNanos: BigInt('1700000000123456789'),
        durationNanos: 5e9,
        startLines: { 'main.a': 10, 'main.b': 20, 'main.main': 30 },
        samples: [
          { stack: [{ lines: ['main.a@11', 'main.b@22'] }, 'main.main@31'], values: [2, 20] },
          { stack: ['main.b@21', 'main.b@23', 'main.main@31'], values: [5, 50] },
        ],
      }),
      { top: 2 },
    );
    expect(s).toEqual({
      sampleTypes: ['samples/count', 'cpu/nanoseconds'],
      samples: 2,
      totals: { 'samples/count': 7, 'cpu/nanoseconds': 70 },
      durationNanos: 5e9,
      timeNanos: '1700000000123456789',
      time: '2023-11-14T22:13:20.123Z',
      periodType: 'cpu/nanoseconds',
      period: 10_000_000,
      functions: 3,
      locations: 4,
      mappings: 0,
      startLineCoverage: { functions: 1, weight: 1 },
      // main.a is the innermost line of the first leaf; main.b counts once per sample in cum
      // although the second stack holds it twice.
      topFlat: [
        { name: 'main.b', value: 5, share: 5 / 7 },
        { name: 'main.a', value: 2, share: 2 / 7 },
      ],
      topCum: [
        { name: 'main.b', value: 7, share: 1 },
        { name: 'main.main', value: 7, share: 1 },
      ],
      pgoUsable: true,
      pgoSampleType: 'samples/count',
      problems: [expect.objectContaining({ severity: 'warning', code: 'few-samples' })],
    });
  });
});

describe('summarize options', () => {
  it.each([-1, 1.5, Number.NaN])('refuses top %p', (top) => {
    const error = catchError(() => summarize(buildProfile({ samples: [] }), { top }));
    expect(error).toBeInstanceOf(TransformError);
    expect(error).toMatchObject({ code: 'invalid-option', option: 'top' });
  });
});

describe('summarize top functions match go tool pprof -top', () => {
  // "      5364 40.03% 40.03%       5364 40.03%  runtime/internal/syscall.Syscall6"
  const ROW = /^\s*(\d+)\s+[\d.]+%\s+[\d.]+%\s+(\d+)\s+[\d.]+%\s+(.+?)(?: \((?:partial-)?inline\))?$/;
  function pprofTop(file: string, cum: boolean): { name: string; flat: number; cum: number }[] {
    const args = ['tool', 'pprof', '-top', '-nodecount=30', '-sample_index=samples', '-symbolize=none', ...(cum ? ['-cum'] : []), file];
    const out = execFileSync('go', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out
      .split('\n')
      .map((line) => ROW.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ flat: Number(m[1]), cum: Number(m[2]), name: m[3]! }));
  }

  it.each(['dundee__gdu__default.pgo', 'golang__go__src_cmd_compile_default.pgo', 'DataDog__datadog-pgo__testdata_grpc-anon.pprof'])('%s', (name) => {
    const file = named(name);
    const ours = summarize(decode(file.bytes), { top: 5 });
    for (const [list, cum] of [[ours.topFlat, false], [ours.topCum, true]] as const) {
      const theirs = pprofTop(file.path, cum).slice(0, 5);
      const value = (row: { flat: number; cum: number }): number => (cum ? row.cum : row.flat);
      // Same weights in the same order; each of our functions has that weight in pprof (ties may list in another order).
      expect(list.map((f) => f.value)).toEqual(theirs.map(value));
      const all = pprofTop(file.path, cum);
      for (const f of list) expect([f.name, f.value]).toEqual([f.name, value(all.find((row) => row.name === f.name) ?? { flat: -1, cum: -1 })]);
      expect(list[0]!.share).toBeCloseTo(value(theirs[0]!) / ours.totals['samples/count']!, 10);
    }
  }, GO_TIMEOUT_MS);
});
