// `go-pgo profile compact` end to end: `go tool preprofile` (what `go build -pgo` reads) must
// print the same for the compacted file as for the original, on every profile we have.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode } from '@go-pgo/pprof';
import { corpusFiles, wellFormedCorpus } from '../../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles } from '../../../../../tools/test-support/go-fixtures';
import { formatBytes, formatPercent } from '../../text/format';
import { listDir, runCli, scratchDir } from '../run-cli.spec-helper';

let dir: string;
beforeEach(() => {
  dir = scratchDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `go tool preprofile` of a file: its output, or the error it rejects the file with. */
function preprofileOf(file: string): { ok: true; output: Buffer } | { ok: false; error: string } {
  try {
    return { ok: true, output: execFileSync('go', ['tool', 'preprofile', '-i', file], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }) };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: Buffer }).stderr) };
  }
}

async function expectCompactKeepsPgo(input: string, flags: string[] = []): Promise<void> {
  const run = await runCli(['profile', 'compact', input, '-o', 'small.pgo', ...flags], dir);
  const [before, after] = [statSync(input).size, statSync(path.join(dir, 'small.pgo')).size];
  expect(run).toEqual({
    code: 0,
    stdout: `compacted ${input} (${formatBytes(before)}) -> small.pgo (${formatBytes(after)}): ${formatPercent(after / before)} of the original size\n`,
    stderr: '',
  });
  const [original, compacted] = [preprofileOf(input), preprofileOf(path.join(dir, 'small.pgo'))];
  expect(compacted).toEqual(original);
  if (original.ok) {
    expect(original.output.length).toBeGreaterThan('GO PREPROFILE V1\n'.length);
    expect(after).toBeLessThan(before);
  }
  expect(listDir(dir)).toEqual(['small.pgo']);
}

describe.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', (_name, file) => {
  test(`go tool preprofile ${file.pgoUsable ? 'prints the same' : 'rejects it the same way'} (default --keep-frames 5)`, () =>
    expectCompactKeepsPgo(file.path));

  test('the same with --keep-frames 2, the least Go reads', () => expectCompactKeepsPgo(file.path, ['--keep-frames', '2']));

  if (file.pgoUsable) test('the same with --level minimal', () => expectCompactKeepsPgo(file.path, ['--level', 'minimal']));
  else {
    test('--level minimal refuses it as preprofile does, naming the file', async () => {
      const run = await runCli(['profile', 'compact', file.path, '-o', 'small.pgo', '--level', 'minimal'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`go-pgo: ${file.path}: the profile has no Function.start_line data`);
      expect(listDir(dir)).toEqual([]);
    });
  }
});

test(
  'Go fixture profiles: go tool preprofile prints the same',
  async () => {
    for (const fixture of await fixtureProfiles()) {
      await expectCompactKeepsPgo(fixture.path);
      rmSync(path.join(dir, 'small.pgo'));
    }
  },
  FIXTURE_TIMEOUT_MS,
);

test('the output may be the input itself: compacted in place, no temp file left', async () => {
  const input = corpusFiles().find((f) => f.name.includes('dundee__gdu'))!;
  writeFileSync(path.join(dir, 'default.pgo'), input.bytes);
  const run = await runCli(['profile', 'compact', 'default.pgo', '-o', 'default.pgo'], dir);
  expect(run.code).toBe(0);
  expect(statSync(path.join(dir, 'default.pgo')).size).toBeLessThan(input.bytes.length);
  expect(preprofileOf(path.join(dir, 'default.pgo'))).toEqual(preprofileOf(input.path));
  expect(listDir(dir)).toEqual(['default.pgo']);
});

test('--keep-frames keeps more when asked: 2 ≤ 5 ≤ 64 frames, in bytes', async () => {
  const input = corpusFiles().find((f) => f.name.includes('cmd_compile_default'))!.path;
  const sizes: number[] = [];
  for (const frames of ['2', '5', '64']) {
    expect((await runCli(['profile', 'compact', input, '-o', `k${frames}.pgo`, `--keep-frames=${frames}`], dir)).code).toBe(0);
    sizes.push(statSync(path.join(dir, `k${frames}.pgo`)).size);
    expect(Math.max(...decode(readFileSync(path.join(dir, `k${frames}.pgo`))).sample.map((s) => s.locationId.length))).toBeLessThanOrEqual(
      Number(frames),
    );
  }
  expect(sizes[0]).toBeLessThan(sizes[1]!);
  expect(sizes[1]).toBeLessThan(sizes[2]!);
});

test('--level minimal is smaller than the default level, which is smaller than the input', async () => {
  const input = corpusFiles().find((f) => f.name.includes('cmd_compile_default'))!.path;
  for (const level of ['default', 'minimal']) expect((await runCli(['profile', 'compact', input, '-o', `${level}.pgo`, '--level', level], dir)).code).toBe(0);
  const [byDefault, minimal] = ['default', 'minimal'].map((level) => statSync(path.join(dir, `${level}.pgo`)).size);
  expect(minimal).toBeLessThan(0.6 * byDefault!);
  expect(byDefault).toBeLessThan(0.5 * statSync(input).size);
});

test.each([
  [['--level', 'tiny'], "--level must be 'default' or 'minimal', got 'tiny'"],
  [['--level', 'minimal', '--keep-frames', '3'], '--keep-frames goes with --level default: the minimal level keeps no frames beyond the call edges'],
])('%j is a usage error; nothing is written', async (flags, message) => {
  const run = await runCli(['profile', 'compact', wellFormedCorpus()[0]!.path, '-o', 'small.pgo', ...flags], dir);
  expect(run).toEqual({ code: 2, stdout: '', stderr: `go-pgo profile compact: ${message}\nRun 'go-pgo profile compact --help' for usage.\n` });
  expect(listDir(dir)).toEqual([]);
});

test.each(['1', '0', 'five', '2.5'])('--keep-frames %s is a usage error; nothing is written', async (frames) => {
  const input = wellFormedCorpus()[0]!.path;
  const run = await runCli(['profile', 'compact', input, '-o', 'small.pgo', '--keep-frames', frames], dir);
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: `go-pgo profile compact: --keep-frames must be a whole number ≥ 2, got '${frames}'\nRun 'go-pgo profile compact --help' for usage.\n`,
  });
  expect(listDir(dir)).toEqual([]);
});

test('a profile without a PGO sample type (a heap profile) fails naming it; output untouched', async () => {
  const heap = decode(wellFormedCorpus()[0]!.bytes);
  heap.sampleType = [
    { type: 'alloc_objects', unit: 'count' },
    { type: 'alloc_space', unit: 'bytes' },
  ];
  heap.periodType = { type: 'space', unit: 'bytes' };
  writeFileSync(path.join(dir, 'heap.pprof'), encode(heap));
  writeFileSync(path.join(dir, 'small.pgo'), 'old');
  const run = await runCli(['profile', 'compact', 'heap.pprof', '-o', 'small.pgo'], dir);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^go-pgo: heap\.pprof: the profile has no samples\/count or cpu\/nanoseconds sample type [^\n]*give a CPU profile\n$/);
  expect(readFileSync(path.join(dir, 'small.pgo'), 'utf8')).toBe('old');
  expect(listDir(dir)).toEqual(['heap.pprof', 'small.pgo']);
});
