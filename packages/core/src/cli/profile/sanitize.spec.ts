// `go-pgo profile sanitize` end to end: labels, mapping file names and build ids are gone (as Go
// reads the output), sample totals stay, and what `go build -pgo` reads does not change.
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { decode } from '@go-pgo/pprof';
import { wellFormedCorpus } from '../../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS, fixtureProfile } from '../../../../../tools/test-support/go-fixtures';
import { pprofRaw, preprofile } from '../../../../../tools/test-support/go-tool';
import { formatBytes, plural } from '../../text/format';
import { listDir, runCli, scratchDir } from '../run-cli.spec-helper';
import { parseRaw } from './pprof-raw.spec-helper';

let dir: string;
beforeEach(() => {
  dir = scratchDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function expectSanitized(input: string, pgoUsable: boolean): Promise<void> {
  const before = decode(readFileSync(input));
  const labels = before.sample.reduce((n, s) => n + s.label.length, 0);
  const filenames = before.mapping.filter((m) => m.filename !== '').length;
  const buildIds = before.mapping.filter((m) => m.buildId !== '').length;
  const run = await runCli(['profile', 'sanitize', input, '-o', 'clean.pgo'], dir);
  const size = statSync(path.join(dir, 'clean.pgo')).size;
  expect(run).toEqual({
    code: 0,
    stdout:
      `sanitized ${input} -> clean.pgo (${formatBytes(size)}): removed ${plural(labels, 'label')}, ` +
      `${plural(filenames, 'mapping file name')}, ${plural(buildIds, 'build id')}\n`,
    stderr: '',
  });
  const output = path.join(dir, 'clean.pgo');
  const after = decode(readFileSync(output));
  expect(after.mapping.filter((m) => m.filename !== '' || m.buildId !== '')).toEqual([]);
  const [goBefore, goAfter] = [parseRaw(pprofRaw(input)), parseRaw(pprofRaw(output))];
  expect(goAfter.labelLines).toBe(0);
  expect(goAfter.totals).toEqual(goBefore.totals);
  expect(goAfter.samples).toBe(goBefore.samples);
  if (pgoUsable) expect(preprofile(output).equals(preprofile(input))).toBe(true);
  expect(listDir(dir)).toEqual(['clean.pgo']);
}

describe.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', (_name, file) => {
  test('labels, mapping file names and build ids go; Go’s totals and PGO view stay', () =>
    expectSanitized(file.path, file.pgoUsable));
});

test(
  'a Go fixture profile with pprof labels',
  async () => {
    const labelled = await fixtureProfile('labels');
    expect(decode(labelled.bytes).sample.some((s) => s.label.length > 0)).toBe(true);
    await expectSanitized(labelled.path, true);
  },
  FIXTURE_TIMEOUT_MS,
);
