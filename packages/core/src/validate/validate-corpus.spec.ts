// validateProfile over every file of the real-world corpus: the sample-type and start_line
// verdicts agree with summarize().pgoUsable and with PROVENANCE.md; malformed files give a
// one-line error naming the file. The corpus programs are not in the fixture workspace, so their
// profiles also fail coverage and name no binary.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decode, summarize } from '@go-pgo/pprof';
import { corpusFiles, malformedCorpus, wellFormedCorpus } from '../../../../tools/test-support/corpus';
import type { ValidateSettings } from '../config/pgo-settings';
import { ProfileReadError } from '../profile/read-profile';
import { copyWorkspace, removeWorkspace } from './fixture-workspace.spec-helper';
import { validateProfile } from './validate-profile';

const SETTINGS: ValidateSettings = {
  minBytes: 10240,
  minSamples: 1000,
  minStartLineCoverage: 0.99,
  maxStaleRatio: 0.2,
  minCallSiteMatch: 0.8,
  minCoverage: 0.3,
  maxWrongBinaryRatio: 0.2,
};

let root: string;

beforeAll(async () => {
  root = await copyWorkspace();
  // Inside the workspace, so messages show workspace-relative names.
  await fs.mkdir(path.join(root, 'corpus'));
  for (const file of corpusFiles()) await fs.writeFile(path.join(root, 'corpus', file.name), file.bytes);
});

afterAll(() => removeWorkspace(root));

const validate = (name: string) =>
  validateProfile({ workspaceRoot: root, binaryDir: 'cmd/alpha', profile: `corpus/${name}`, settings: SETTINGS, raw: true });

describe('validateProfile over the corpus', () => {
  it.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', async (_, file) => {
    const report = await validate(file.name);
    const summary = summarize(decode(file.bytes));
    const status = (id: string) => report.checks.find((c) => c.id === id)!;
    const sampleType = status('sample-type');
    const startLine = status('start-line');
    // go tool preprofile's verdict (PROVENANCE.md), summarize's, and ours agree: a usable
    // profile has a PGO sample type and start_line on some weight; an unusable one lacks one.
    expect(summary.pgoUsable).toBe(file.pgoUsable);
    const usable = sampleType.status !== 'fail' && typeof startLine.value === 'number' && startLine.value > 0;
    expect(usable).toBe(file.pgoUsable);
    if (!file.pgoUsable) expect(report.passed).toBe(false);
    expect(sampleType.value).toBe(summary.pgoSampleType);
    if (typeof startLine.value === 'number') {
      expect(startLine.value).toBe(summary.startLineCoverage.weight);
      expect(startLine.status).toBe(startLine.value >= 0.99 ? 'pass' : 'fail');
    }
    expect(status('size')).toMatchObject({ value: file.bytes.length, status: file.bytes.length >= 10240 ? 'pass' : 'fail' });
    // Other programs: nothing of cmd/alpha, nothing of the workspace.
    if (report.figures.sampleType !== null) {
      expect(report.figures).toMatchObject({ coverage: 0, staleRatio: 0, wrongBinaryRatio: 0, likelyBinary: null });
    }
  });

  it.each(malformedCorpus().map((f) => [f.name] as const))('%s: one-line error naming the file', async (name) => {
    const result = validate(name);
    await expect(result).rejects.toThrow(ProfileReadError);
    const message = await result.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message.startsWith(`corpus/${name}: `)).toBe(true);
    expect(message).not.toContain('\n');
  });
});
