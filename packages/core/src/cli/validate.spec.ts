// `go-pgo validate` on a copy of the validation fixture workspace with real profiles of its
// binaries: table and JSON output, exit codes, --warn-only, overrides and pgo.yaml thresholds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { copyWorkspace, removeWorkspace, workspaceProfiles } from '../validate/fixture-workspace.spec-helper';
import type { ValidationReport } from '../validate/validation-report';
import { ProfileReadError } from '../profile/read-profile';
import { UsageError } from './args';
import { validateCommand } from './validate';

let root: string;

beforeAll(async () => {
  const profiles = await workspaceProfiles();
  root = await copyWorkspace();
  for (const binary of ['alpha', 'beta'] as const) {
    await fs.copyFile(profiles[binary], path.join(root, 'cmd', binary, 'default.pgo'));
    // 1.5 CPU seconds hold about 300 samples; production profiles are held to 1000.
    await fs.writeFile(path.join(root, 'cmd', binary, 'pgo.yaml'), 'validate:\n  minSamples: 200\n');
  }
}, FIXTURE_TIMEOUT_MS);

afterAll(() => removeWorkspace(root));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await validateCommand.run(argv, {
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
    cwd: root,
  });
  return out;
}

describe('go-pgo validate', () => {
  it("passes the binary's configured profile and prints a table", async () => {
    const { code, stdout, stderr } = await run('cmd/alpha');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('cmd/alpha/default.pgo for cmd/alpha');
    expect(lines[1]).toMatch(/^check\s+value\s+threshold\s+status\s+detail$/);
    expect(lines.at(-1)).toBe('passed');
    expect(stdout).toMatch(/\nsamples\s+[\d,]+\s+≥ 200\s+pass\s/);
    expect(stdout).toMatch(/\nstale ratio\s+0\.0%\s+≤ 20\.0%\s+pass\s/);
    expect(stdout).toMatch(/\nsize\s+[\d.]+ KiB\s+≥ 10\.0 KiB\s+info\s/);
  });

  it("fails another binary's profile with exit 1 and names where it came from; drift against the configured profile", async () => {
    const { code, stdout } = await run('cmd/beta', '--profile', 'cmd/alpha/default.pgo');
    expect(code).toBe(1);
    expect(stdout).toMatch(/\nwrong-binary ratio\s+[\d.]+%\s+≤ 20\.0%\s+fail\s+this profile looks like it came from cmd\/alpha, not cmd\/beta/);
    expect(stdout).toMatch(/\nsimilarity to committed\s+[\d.]+%\s+-\s+info\s/);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^FAILED: .*wrong-binary ratio/);
  });

  it('--warn-only reports failed gates and exits 0', async () => {
    const { code, stdout, stderr } = await run('cmd/beta', '--profile', 'cmd/alpha/default.pgo', '--warn-only');
    expect(code).toBe(0);
    expect(stdout).toContain('FAILED:');
    expect(stderr).toBe('go-pgo validate: gates failed, exiting 0 because of --warn-only\n');
  });

  it('--json prints the report', async () => {
    const { code, stdout } = await run('cmd/alpha', '--json', '--committed', 'cmd/alpha/default.pgo', '--raw', '--min-bytes', '1');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ValidationReport;
    expect(report).toMatchObject({ profile: 'cmd/alpha/default.pgo', binary: 'cmd/alpha', committedProfile: 'cmd/alpha/default.pgo', passed: true });
    expect(report.checks.map((c) => c.id)).toEqual(['parse', 'sample-type', 'size', 'samples', 'start-line', 'stale', 'call-sites', 'coverage', 'wrong-binary', 'drift']);
    expect(report.checks.find((c) => c.id === 'size')).toMatchObject({ status: 'pass', threshold: 1, bound: 'min', unit: 'bytes' });
    expect(report.figures).toMatchObject({ sampleType: 'samples/count', staleRatio: 0, callSiteMatch: 1, wrongBinaryRatio: 0, driftSimilarity: 1, likelyBinary: null });
    for (const check of report.checks) expect(Object.keys(check).sort()).toEqual(['bound', 'detail', 'id', 'label', 'status', 'threshold', 'unit', 'value']);
  });

  it('command-line thresholds override pgo.yaml', async () => {
    const strict = await run('cmd/alpha', '--min-samples', '1000000', '--json');
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as ValidationReport).checks.find((c) => c.id === 'samples')).toMatchObject({ status: 'fail', threshold: 1e6 });
    const lax = await run('cmd/beta', '--profile', 'cmd/alpha/default.pgo', '--max-wrong-binary-ratio', '100%', '--min-coverage', '0');
    expect(lax.code).toBe(0);
    const callSites = await run('cmd/alpha', '--min-call-site-match', '95%', '--json');
    expect((JSON.parse(callSites.stdout) as ValidationReport).checks.find((c) => c.id === 'call-sites')).toMatchObject({ status: 'pass', threshold: 0.95, value: 1 });
  });

  it('rejects bad usage and unreadable profiles', async () => {
    await expect(run()).rejects.toThrow(new UsageError('missing the binary directory', 'go-pgo validate'));
    await expect(run('cmd/alpha', '--max-stale-ratio', '1.5')).rejects.toThrow(
      "--max-stale-ratio must be a fraction from 0 to 1 or a percentage (e.g. 0.2 or 20%), got '1.5'",
    );
    const missing = run('cmd/alpha', '--profile', 'nope.pgo');
    await expect(missing).rejects.toThrow(ProfileReadError);
    await expect(missing).rejects.toThrow('nope.pgo: no such file: check the path');
  });

  it('prints its help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: go-pgo validate <binary-dir> \[options\]\n/);
    expect(stdout).toContain('--warn-only');
  });
});
