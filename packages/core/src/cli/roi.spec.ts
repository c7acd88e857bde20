// go-pgo roi in process, on a scratch module with a real history file: the printed arithmetic,
// --json, --gain, and the errors for missing or malformed numbers and for no measured gain.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendHistory, historyFile } from '../bench/history';
import { UsageError } from './args';
import { roiCommand } from './roi';
import { scratchDir, type CliRun } from './run-cli.spec-helper';

let root: string;
beforeEach(() => {
  root = scratchDir();
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/shop\n\ngo 1.26\n');
  mkdirSync(path.join(root, 'cmd', 'api'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function roi(argv: string[]): Promise<CliRun> {
  const run: CliRun = { code: -1, stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (run.stdout += s) }, stderr: { write: (s: string) => (run.stderr += s) }, cwd: root };
  try {
    run.code = await roiCommand.run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    run.stderr += `go-pgo: ${(error as Error).message}\n`;
    run.code = 1;
  }
  return run;
}

async function writeHistory(): Promise<void> {
  await appendHistory(historyFile(root, 'api'), {
    commit: '0123456789abcdef0123456789abcdef01234567',
    profileSha256: 'b'.repeat(64),
    date: '2026-01-05T10:00:00.000Z',
    goVersion: 'go1.26.0',
    geomeanDeltaPercent: -6.2,
    geomeanCi: { lo: -8.3, hi: -4.1 },
    binaryBytes: { off: 9_000_000, pgo: 9_200_000 },
    buildSeconds: { off: 20, pgo: 24 },
    accepted: true,
  });
}

const FLEET = ['--pods', '40', '--cost-per-pod', '310', '--maintenance-hours', '2', '--hourly-rate', '120'];

test('prints the arithmetic from the history, line by line', async () => {
  await writeHistory();
  const run = await roi(['cmd/api', ...FLEET, '--setup-cost', '1000']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout.split('\n').slice(0, 6)).toEqual([
    'gain = 6.2% of CPU (95% CI 4.1% to 8.3%): the latest accepted pgo-bench run (2026-01-05T10:00:00.000Z, 0123456789ab) in .pgo/history/api.jsonl',
    'savings = 40 pods × $310/month × 6.2% = $768.80/month',
    'savings range = 40 pods × $310/month × 4.1% … 8.3% = $508.40 … $1,029.20/month',
    'maintenance = 2 h/month × $120/h = $240.00/month',
    'net = $768.80 − $240.00 = $528.80/month (range $268.40 … $789.20/month)',
    'payback = $1,000.00 setup ÷ $528.80/month net = 1.9 months',
  ]);
  expect(run.stdout).toMatch(/^recommendation: adopt \(rule: /m);
});

test('--json prints the estimate', async () => {
  await writeHistory();
  const run = await roi(['cmd/api', ...FLEET, '--json']);
  const estimate = JSON.parse(run.stdout);
  expect(estimate).toMatchObject({
    pods: 40,
    savings: { monthly: 768.8, low: 508.4, high: 1029.2 },
    maintenance: { monthly: 240 },
    net: { monthly: 528.8 },
    paybackMonths: 0,
    recommendation: { verdict: 'adopt' },
    gain: { percent: 6.2, ci: { lo: 4.1, hi: 8.3 }, source: 'history' },
  });
});

test('--gain needs no history, and --project names the history', async () => {
  const run = await roi(['cmd/api', ...FLEET, '--gain', '3%', '--currency', '€']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('savings = 40 pods × €310/month × 3% = €372.00/month');
  await writeHistory();
  expect((await roi(['cmd/api', ...FLEET, '--project', 'other'])).stderr).toContain('.pgo/history/other.jsonl holds no pgo-bench run of other');
});

test('no history and no --gain: one line saying what to run', async () => {
  const run = await roi(['cmd/api', ...FLEET]);
  expect(run).toEqual({
    code: 1,
    stdout: '',
    stderr: 'go-pgo: .pgo/history/api.jsonl holds no pgo-bench run of api: run nx run api:pgo-bench (or go-pgo bench <binary-dir>) to measure the gain, or pass --gain <percent>\n',
  });
});

test.each([
  [['cmd/api', '--cost-per-pod', '310', '--maintenance-hours', '2'], 'missing --pods'],
  [['cmd/api', '--pods', '40', '--maintenance-hours', '2'], 'missing --cost-per-pod'],
  [['cmd/api', '--pods', '40', '--cost-per-pod', '310'], 'missing --maintenance-hours'],
  [['cmd/api', ...FLEET.slice(0, 1), 'forty', ...FLEET.slice(2)], "--pods must be a whole number ≥ 1, got 'forty'"],
  [['cmd/api', '--pods', '40', '--cost-per-pod', '$310', '--maintenance-hours', '2'], "--cost-per-pod must be a number ≥ 0 such as 310 or 12.5 (no currency sign or thousands separator), got '$310'"],
  [['cmd/api', ...FLEET, '--gain', 'lots'], "--gain must be the CPU PGO saves in percent, between -100 and 100, e.g. 6.2, got 'lots'"],
  [[...FLEET], 'missing the binary directory'],
])('%j is a usage error', async (argv, message) => {
  await expect(roi(argv)).rejects.toThrow(new UsageError(message, 'go-pgo roi'));
});

test('--help states the formulas and the rule', async () => {
  const run = await roi(['--help']);
  expect(run.stdout).toMatch(/^Usage: go-pgo roi <binary-dir> --pods <n> --cost-per-pod <money> --maintenance-hours <h>/);
  expect(run.stdout).toContain('savings     = pods × cost per pod per month × gain');
  expect(run.stdout).toContain('Recommendation: adopt when the net saving stays above 0 at the low end');
});
