// `go-pgo profile merge` end to end: files in, file out, checked against Go's own merge and
// Go's own reading of what we wrote.
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode, toNumber, type Profile } from '@go-pgo/pprof';
import { wellFormedCorpus, type CorpusFile } from '../../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfile } from '../../../../../tools/test-support/go-fixtures';
import { pprofMerge, pprofRaw } from '../../../../../tools/test-support/go-tool';
import { profileSemantics } from '../../../../../tools/test-support/profile-semantics';
import { formatBytes, plural } from '../../text/format';
import { listDir, runCli, scratchDir } from '../run-cli.spec-helper';
import { parseRaw } from './pprof-raw.spec-helper';

const GO_TIMEOUT_MS = 120_000;
const OLD_OUTPUT = Buffer.from('previous merged profile');

let dir: string;
beforeEach(() => {
  dir = scratchDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const decodeFile = (file: string): Profile => decode(readFileSync(path.join(dir, file)));
const isCpu = (f: CorpusFile): boolean => decode(f.bytes).periodType?.type === 'cpu';
const byName = (part: string): CorpusFile => wellFormedCorpus().find((f) => f.name.includes(part))!;

/** Ours and Go's merge mean the same: totals, every stack with its values and labels, functions. */
function expectSameAsGoMerge(ours: Profile, files: string[]): void {
  const mine = profileSemantics(ours);
  const go = profileSemantics(decode(pprofMerge(files)));
  expect(mine.totals).toEqual(go.totals);
  expect(mine.functions).toEqual(go.functions);
  expect(mine.stacks).toEqual(go.stacks);
}

function successLine(inputs: number, file: string, merged: Profile = decodeFile(file)): string {
  return `merged ${inputs} profiles (${plural(merged.sample.length, 'sample')}) into ${file} (${formatBytes(statSync(path.join(dir, file)).size)})\n`;
}

describe('against Go, over the whole corpus', () => {
  test(
    '--normalize none of every CPU profile in the corpus, with --common-sample-types, is Go’s merge',
    async () => {
      const inputs = wellFormedCorpus().filter(isCpu);
      expect(inputs.length).toBe(wellFormedCorpus().length - 1);
      const argv = ['profile', 'merge', ...inputs.map((f) => f.path), '-o', 'all.pgo', '--normalize', 'none', '--common-sample-types'];
      const run = await runCli(argv, dir);
      const merged = decodeFile('all.pgo');
      expect(run).toEqual({ code: 0, stdout: successLine(inputs.length, 'all.pgo', merged), stderr: '' });
      expectSameAsGoMerge(merged, inputs.map((f) => f.path));
      expect(listDir(dir)).toEqual(['all.pgo']);
    },
    GO_TIMEOUT_MS,
  );

  test(
    'the PGO-usable corpus merged as is: Go reads back the sum of the inputs’ totals',
    async () => {
      const inputs = wellFormedCorpus().filter((f) => f.pgoUsable);
      const run = await runCli(['profile', 'merge', ...inputs.map((f) => f.path), '-o', 'pgo.pgo', '--normalize=none'], dir);
      expect(run.code).toBe(0);
      const expected = inputs.map((f) => parseRaw(pprofRaw(f.path)).totals);
      const sum = Object.fromEntries(Object.keys(expected[0]!).map((t) => [t, expected.reduce((a, e) => a + e[t]!, BigInt(0))]));
      expect(parseRaw(pprofRaw(path.join(dir, 'pgo.pgo'))).totals).toEqual(sum);
    },
    GO_TIMEOUT_MS,
  );

  test('the one wall-clock profile cannot join CPU profiles, even with --common-sample-types: exit 1, names it', async () => {
    const cpu = byName('inline_hot');
    const wall = byName('fgprof');
    writeFileSync(path.join(dir, 'out.pgo'), OLD_OUTPUT);
    const run = await runCli(['profile', 'merge', cpu.path, wall.path, '-o', 'out.pgo', '--common-sample-types'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^go-pgo: cannot merge: '${wall.path}' has period type wallclock/nanoseconds but '${cpu.path}' has cpu/nanoseconds: [^\\n]+\\n$`));
    expect(readFileSync(path.join(dir, 'out.pgo')).equals(OLD_OUTPUT)).toBe(true);
    expect(listDir(dir)).toEqual(['out.pgo']);
  });
});

describe('--common-sample-types', () => {
  const full = byName('inline_hot');
  const countsOnly = byName('profile-with-labels');

  test('without it, different sample types fail naming both files and the flag to use; output untouched', async () => {
    writeFileSync(path.join(dir, 'out.pgo'), OLD_OUTPUT);
    const run = await runCli(['profile', 'merge', full.path, countsOnly.path, '-o', 'out.pgo', '--normalize', 'none'], dir);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(
      new RegExp(`^go-pgo: cannot merge: '${countsOnly.path}' has sample types \\[samples/count\\] but '${full.path}' has .*pass --common-sample-types[^\\n]*\\n$`),
    );
    expect(readFileSync(path.join(dir, 'out.pgo')).equals(OLD_OUTPUT)).toBe(true);
  });

  test('with it, only the shared type is kept, as Go keeps it', async () => {
    const run = await runCli(['profile', 'merge', full.path, countsOnly.path, '-o', 'out.pgo', '--normalize', 'none', '--common-sample-types'], dir);
    expect(run.code).toBe(0);
    const merged = decodeFile('out.pgo');
    expect(merged.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
    expectSameAsGoMerge(merged, [full.path, countsOnly.path]);
  });
});

describe('--normalize duration (the default)', () => {
  /** Go's totals of the output are Σ totalᵢ × mean/durationᵢ over Go's totals of the inputs. */
  async function expectNormalized(files: string[]): Promise<{ merged: Record<string, bigint>; plain: Record<string, bigint> }> {
    const run = await runCli(['profile', 'merge', ...files, '-o', 'norm.pgo'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const durations = files.map((f) => toNumber(decode(readFileSync(f)).durationNanos));
    const mean = durations.reduce((a, d) => a + d, 0) / durations.length;
    const inputs = files.map((f) => parseRaw(pprofRaw(f)));
    const merged = parseRaw(pprofRaw(path.join(dir, 'norm.pgo'))).totals;
    const plain: Record<string, bigint> = {};
    for (const type of Object.keys(merged)) {
      const expected = inputs.reduce((sum, input, i) => sum + Number(input.totals[type]!) * (mean / durations[i]!), 0);
      // Each scaled sample value is rounded on its own: at most half a unit per sample off.
      const slack = inputs.reduce((sum, input) => sum + input.samples, 0) / 2;
      expect(Math.abs(Number(merged[type]!) - expected)).toBeLessThanOrEqual(slack);
      plain[type] = inputs.reduce((sum, input) => sum + input.totals[type]!, BigInt(0));
    }
    return { merged, plain };
  }

  test('Go fixture profiles of 1 s and 3 s of one program', async () => {
    const files = [(await fixtureProfile('shapes-1s')).path, (await fixtureProfile('shapes-3s')).path];
    await expectNormalized(files);
  }, FIXTURE_TIMEOUT_MS);

  test('a 60 s capture of a busy service and a 1.4 s benchmark: far from the plain sum', async () => {
    const { merged, plain } = await expectNormalized([byName('dundee').path, byName('inline_hot').path]);
    const [normalized, sum] = [Number(merged['cpu/nanoseconds']!), Number(plain['cpu/nanoseconds']!)];
    expect(Math.abs(normalized - sum)).toBeGreaterThan(sum / 10);
  });

  test('an input without duration fails naming it and pointing at --normalize none; output untouched', async () => {
    const good = byName('inline_hot');
    const profile = decode(good.bytes);
    profile.durationNanos = 0;
    writeFileSync(path.join(dir, 'nodur.pgo'), encode(profile));
    writeFileSync(path.join(dir, 'out.pgo'), OLD_OUTPUT);
    const run = await runCli(['profile', 'merge', good.path, 'nodur.pgo', '-o', 'out.pgo'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^go-pgo: cannot merge: 'nodur\.pgo' has duration_nanos 0: [^\n]*--normalize none[^\n]*\n$/);
    expect(readFileSync(path.join(dir, 'out.pgo')).equals(OLD_OUTPUT)).toBe(true);
  });

  test('--normalize with another value is a usage error', async () => {
    const run = await runCli(['profile', 'merge', byName('inline_hot').path, '-o', 'x.pgo', '--normalize', 'time'], dir);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain("--normalize must be 'duration' or 'none', got 'time'");
    expect(listDir(dir)).toEqual([]);
  });
});

describe('--weight', () => {
  const a = byName('inline_hot');
  const b = byName('devirt');
  beforeEach(() => {
    for (const region of ['us', 'eu']) mkdirSync(path.join(dir, region));
    copyFileSync(a.path, path.join(dir, 'us', 'a.pgo'));
    copyFileSync(b.path, path.join(dir, 'eu', 'b.pgo'));
    copyFileSync(b.path, path.join(dir, 'us', 'b.pgo'));
  });

  test('by path as written and by unique base name; weight 2 is Go merging the input twice, weight 0 drops one', async () => {
    const argv = ['profile', 'merge', 'us/a.pgo', 'eu/b.pgo', '-o', 'w.pgo', '--normalize', 'none', '--weight', 'a.pgo=2', '--weight', 'eu/b.pgo=0'];
    const run = await runCli(argv, dir);
    expect(run).toEqual({ code: 0, stdout: successLine(2, 'w.pgo'), stderr: '' });
    expectSameAsGoMerge(decodeFile('w.pgo'), [a.path, a.path]);
  });

  test('a fractional weight scales values (rounded), as Go reads back', async () => {
    const run = await runCli(['profile', 'merge', 'us/a.pgo', '-o', 'half.pgo', '--normalize', 'none', '--weight=us/a.pgo=0.5'], dir);
    expect(run.code).toBe(0);
    const before = parseRaw(pprofRaw(a.path));
    const after = parseRaw(pprofRaw(path.join(dir, 'half.pgo')));
    for (const type of Object.keys(before.totals)) {
      expect(Math.abs(Number(after.totals[type]!) - Number(before.totals[type]!) / 2)).toBeLessThanOrEqual(before.samples / 2);
    }
  });

  test.each([
    [['--weight', 'c.pgo=2'], "--weight names 'c.pgo', which is not one of the inputs: us/a.pgo eu/b.pgo us/b.pgo"],
    [['--weight', 'b.pgo=2'], "--weight 'b.pgo' matches several inputs ('eu/b.pgo', 'us/b.pgo'): give the path as written there"],
    [['--weight', 'a.pgo=-1'], "--weight for 'a.pgo' must be a number ≥ 0, got '-1'"],
    [['--weight', 'a.pgo=lots'], "--weight for 'a.pgo' must be a number ≥ 0, got 'lots'"],
    [['--weight', 'a.pgo=1e999'], "--weight for 'a.pgo' must be a number ≥ 0, got '1e999'"],
    [['--weight', 'a.pgo'], "--weight expects <file>=<N>, got 'a.pgo'"],
    [['--weight', 'a.pgo=2', '--weight', 'us/a.pgo=3'], "--weight given twice for 'us/a.pgo'"],
  ])('%j is a usage error naming it; nothing is written', async (flags, message) => {
    const run = await runCli(['profile', 'merge', 'us/a.pgo', 'eu/b.pgo', 'us/b.pgo', '-o', 'w.pgo', ...flags], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `go-pgo profile merge: ${message}\nRun 'go-pgo profile merge --help' for usage.\n`,
    });
    expect(listDir(dir)).toEqual(['eu', 'us']);
  });
});

describe('--drop-labels', () => {
  /** Labels go, stacks that differed only by labels add up, totals stay: as Go reads both outputs. */
  async function expectLabelsDropped(file: string): Promise<void> {
    const before = parseRaw(pprofRaw(file));
    expect(before.labelLines).toBeGreaterThan(0);
    const run = await runCli(['profile', 'merge', file, '-o', 'nolabels.pgo', '--drop-labels', '--normalize', 'none'], dir);
    expect(run.code).toBe(0);
    const after = parseRaw(pprofRaw(path.join(dir, 'nolabels.pgo')));
    expect(after.labelLines).toBe(0);
    expect(after.totals).toEqual(before.totals);
    expect(after.samples).toBeLessThan(before.samples);
    const kept = await runCli(['profile', 'merge', file, '-o', 'labels.pgo', '--normalize', 'none'], dir);
    expect(kept.code).toBe(0);
    expect(parseRaw(pprofRaw(path.join(dir, 'labels.pgo'))).labelLines).toBeGreaterThan(0);
  }

  test('on a Go fixture profile with pprof labels', async () => expectLabelsDropped((await fixtureProfile('labels')).path), FIXTURE_TIMEOUT_MS);

  test('on the parca corpus profile with labels', () => expectLabelsDropped(byName('parca_testdata_labels').path));
});
