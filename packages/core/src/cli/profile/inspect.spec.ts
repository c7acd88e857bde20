import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { decode, encode, summarize, type ProfileSummary } from '@go-pgo/pprof';
import { wellFormedCorpus } from '../../../../../tools/test-support/corpus';
import { pprofRaw, preprofile } from '../../../../../tools/test-support/go-tool';
import { formatCount } from '../../text/format';
import { runCli, scratchDir } from '../run-cli.spec-helper';
import { parseRaw, type RawView } from './pprof-raw.spec-helper';

/** Whether `go tool preprofile` accepts the file: what `go build -pgo` would do with it. */
function goAccepts(file: string): boolean {
  try {
    execFileSync('go', ['tool', 'preprofile', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

describe.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', (_name, file) => {
  let raw: RawView;
  let accepted: boolean;
  beforeAll(() => {
    raw = parseRaw(pprofRaw(file.path));
    accepted = goAccepts(file.path);
  });

  test('--json prints the summary: Go’s sample count and totals, Go’s PGO verdict; exit 0', async () => {
    const run = await runCli(['profile', 'inspect', file.path, '--json'], '/');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { pgoEdges: edges, ...json } = JSON.parse(run.stdout) as ProfileSummary & { pgoEdges: { edges: number; floorBytes: number; timesFloor: number } | null };
    expect(json).toEqual(JSON.parse(JSON.stringify(summarize(decode(file.bytes)))));
    if (accepted) {
      // The floor: Go's own edge list, gzipped.
      const text = preprofile(file.path);
      expect(edges).toEqual({ edges: (text.toString().split('\n').length - 2) / 3, floorBytes: expect.any(Number), timesFloor: file.bytes.length / edges!.floorBytes });
      expect(edges!.floorBytes).toBeLessThan(gzipSync(text, { level: 9 }).length + 1);
      expect(edges!.floorBytes).toBeGreaterThan(0.9 * gzipSync(text, { level: 9 }).length);
    } else {
      expect(edges).toBeNull();
    }
    expect(json.samples).toBe(raw.samples);
    expect(Object.fromEntries(Object.entries(json.totals).map(([t, v]) => [t, BigInt(v)]))).toEqual(raw.totals);
    expect(json.pgoUsable).toBe(accepted);
    expect(json.pgoUsable).toBe(file.pgoUsable);
    for (const key of ['sampleTypes', 'durationNanos', 'functions', 'locations', 'mappings', 'startLineCoverage', 'problems']) {
      expect(json).toHaveProperty(key);
    }
  });

  test('human output: aligned summary, top lists, verdict and every problem with its severity; exit 0', async () => {
    const run = await runCli(['profile', 'inspect', path.basename(file.path)], path.dirname(file.path));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const summary = summarize(decode(file.bytes));
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^file {10}${file.name.replace(/\./g, '\\.')} \\(`));
    expect(lines).toContain(`samples       ${formatCount(raw.samples)}`);
    expect(lines).toContain(`PGO-usable: ${accepted ? 'yes' : 'no'}`);
    for (const type of Object.keys(raw.totals)) expect(run.stdout).toMatch(new RegExp(`^(totals {8}| {14})${type} `, 'm'));
    expect(run.stdout).toMatch(accepted ? /^floor {9}\S+ \S+ \(the edge list gzipped\); this file is [\d.]+× the floor$/m : /^call edges {4}none PGO can read$/m);
    for (const key of ['sample types', 'duration', 'time', 'period', 'functions', 'locations', 'mappings', 'start_line', 'call edges']) {
      expect(run.stdout).toMatch(new RegExp(`^${key} +\\S`, 'm'));
    }
    expect(run.stdout).toContain(`top ${summary.topFlat.length} by flat `);
    expect(run.stdout).toContain(`top ${summary.topCum.length} by cumulative `);
    for (const f of summary.topFlat) expect(run.stdout).toContain(f.name);
    const verdict = lines.indexOf(`PGO-usable: ${accepted ? 'yes' : 'no'}`);
    const problemLines = lines.slice(verdict + 1).filter((l) => l !== '');
    expect(problemLines).toHaveLength(summary.problems.length);
    summary.problems.forEach((p, i) => expect(problemLines[i]).toMatch(new RegExp(`^ {2}${p.severity} +${p.code} +\\S`)));
  });
});

describe('--top', () => {
  const file = wellFormedCorpus().find((f) => f.name.includes('cmd_compile_default'))!;

  test('--top 3 lists three functions each way', async () => {
    const run = await runCli(['profile', 'inspect', file.path, '--json', '--top', '3'], '/');
    const json = JSON.parse(run.stdout) as ProfileSummary;
    expect([json.topFlat.length, json.topCum.length]).toEqual([3, 3]);
    const human = await runCli(['profile', 'inspect', file.path, '--top=3'], '/');
    expect(human.stdout).toContain('top 3 by flat samples/count:');
    expect(human.stdout).toContain('top 3 by cumulative samples/count:');
  });

  test('--top 0 leaves the lists out', async () => {
    const run = await runCli(['profile', 'inspect', file.path, '--top', '0'], '/');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('top ');
    expect(run.stdout).toContain('PGO-usable: yes');
  });

  test.each(['-1', 'ten', '2.5'])('--top %s is a usage error', async (value) => {
    const run = await runCli(['profile', 'inspect', file.path, `--top=${value}`], '/');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--top must be a whole number ≥ 0, got '${value}'`);
  });
});

test('--json is BigInt-safe: values and times beyond 2^53 print', async () => {
  const dir = scratchDir();
  try {
    const profile = decode(wellFormedCorpus()[0]!.bytes);
    const huge = BigInt(2) ** BigInt(60);
    profile.timeNanos = huge;
    profile.sample[0]!.value = profile.sample[0]!.value.map(() => huge);
    writeFileSync(path.join(dir, 'huge.pgo'), encode(profile));
    const run = await runCli(['profile', 'inspect', 'huge.pgo', '--json'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as ProfileSummary).timeNanos).toBe(huge.toString());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
