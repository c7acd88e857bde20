// go-pgo build and go-pgo verify end to end, in process, on a private copy of the e2e fixture
// workspace with real go builds (shared with the core specs through Go's build cache).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { go } from '../../../../tools/test-support/go-tool';
import type { BuildReport } from '../build/build-report';
import { copyGoMonorepo, GO_BUILD_TIMEOUT_MS, type GoMonorepoCopy } from '../build/go-monorepo.spec-helper';
import { runCli } from './run-cli.spec-helper';

let ws: GoMonorepoCopy;
beforeAll(async () => {
  ws = await copyGoMonorepo();
}, FIXTURE_TIMEOUT_MS);
afterAll(() => ws?.remove());

const SUMMARY = /^built (\S+) \(\d+\.\d (KiB|MiB), \d+\.\d s\) (with the profile \S+|without PGO \(-pgo=off\))\n$/;

test('go-pgo --help lists build and verify', async () => {
  const run = await runCli(['--help'], os.tmpdir());
  expect(run.stdout).toMatch(/^ {2}build +build a cmd\/<name> binary with its PGO profile/m);
  expect(run.stdout).toMatch(/^ {2}verify +check with go version -m that a built binary carries PGO/m);
});

test.each([
  ['build', ['--off', '--profile <file>', '--ldflags=<flags>', '--tags <a,b>', '--goos <os>', '--goarch <arch>', '-o, --output <file>', '--root <dir>', '-- <flags>']],
  ['verify', ['--profile-configured', '--source <binary-dir>', 'Exit codes: 0 verified']],
])('go-pgo %s --help documents its options', async (command, mentions) => {
  const run = await runCli([command, '--help'], os.tmpdir());
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(new RegExp(`^Usage: go-pgo ${command} `));
  for (const text of mentions) expect(run.stdout).toContain(text);
});

test.each([
  [['build'], 'go-pgo build', 'missing the binary directory'],
  [['build', 'a', 'b'], 'go-pgo build', "unexpected argument 'b'"],
  [['build', 'cmd/x', '--off', '--profile', 'p.pgo'], 'go-pgo build', '--off builds without a profile: give --off or --profile, not both'],
  [['build', 'cmd/x', '--ldflag=-s'], 'go-pgo build', "unknown option '--ldflag' (did you mean '--ldflags'?)"],
  [['build', 'cmd/x', '--ldflags', '-s -w'], 'go-pgo build', "option '--ldflags' needs a value, got the option '-s -w' (write --ldflags=-s -w if that is really the value)"],
  [['verify'], 'go-pgo verify', 'missing the binary to verify'],
  [['verify', 'bin', '--profile-configured', '--source', 'cmd/x'], 'go-pgo verify', 'give --profile-configured or --source, not both'],
])('usage error %j', async (argv, command, message) => {
  expect(await runCli(argv, os.tmpdir())).toEqual({ code: 2, stdout: '', stderr: `${command}: ${message}\nRun '${command} --help' for usage.\n` });
});

test('a directory that is no binary of a module: one line, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-nomod-'));
  try {
    expect(await runCli(['build', 'nope'], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'go-pgo: nope: not a directory: give the directory of a Go binary, e.g. services/cmd/api\n',
    });
    expect(await runCli(['build', '.'], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'go-pgo: .: no go.mod in it or above it: give the directory of a binary inside a Go module\n',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'build with default.pgo, verify passes; build --off, verify fails with one line and what to run',
  async () => {
    const binary = 'dist/go/services/cmd/worker/worker';
    const built = await runCli(['build', 'services/cmd/worker'], ws.root);
    expect(built).toMatchObject({ code: 0, stderr: '' });
    expect(built.stdout).toMatch(SUMMARY);
    expect(built.stdout).toContain(`built ${binary} (`);
    expect(built.stdout).toContain('with the profile services/cmd/worker/default.pgo');
    const report = JSON.parse(readFileSync(path.join(ws.root, `${binary}.build.json`), 'utf8')) as BuildReport;
    expect(report).toMatchObject({ binary, pgo: 'on', profile: 'services/cmd/worker/default.pgo' });

    const verified = await runCli(['verify', binary, '--source', 'services/cmd/worker'], ws.root);
    expect(verified).toEqual({
      code: 0,
      stdout: `${binary}: built with -pgo=default.pgo (configured: services/cmd/worker/default.pgo)\n`,
      stderr: '',
    });

    // --off builds the baseline beside it, into off/, leaving the PGO binary as it was.
    const offBinary = 'dist/go/services/cmd/worker/off/worker';
    const off = await runCli(['build', 'services/cmd/worker', '--off'], ws.root);
    expect(off.stdout).toMatch(/ without PGO \(-pgo=off\)\n$/);
    expect(off.stdout).toContain(`built ${offBinary} (`);
    expect((await runCli(['verify', binary, '--source', 'services/cmd/worker'], ws.root)).code).toBe(0);
    const refused = await runCli(['verify', offBinary, '--source', 'services/cmd/worker'], ws.root);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `go-pgo: ${offBinary} was built without PGO (go version -m shows no -pgo build setting), but the profile services/cmd/worker/default.pgo is configured for it: ` +
        'it was built with -pgo=off (e.g. by pgo-build:off or go-pgo build --off) or restored from a cache entry made before the profile existed; ' +
        'rebuild it: go-pgo build services/cmd/worker\n',
    );
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'from inside a module: the workspace is the go.work above it; no profile is one line on stderr; -o and --tags',
  async () => {
    const run = await runCli(['build', 'cmd/api', '-o', '../out/api', '--tags', 'netgo,osusergo', '--tags', 'acme_fast'], path.join(ws.root, 'services'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('services/cmd/api: no profile (looked for services/cmd/api/default.pgo; no pgo.yaml names another): building without PGO (-pgo=off)\n');
    expect(run.stdout).toMatch(/^built out\/api \(/);
    const settings = go(['version', '-m', path.join(ws.root, 'out', 'api')]);
    expect(settings).toContain('\tbuild\t-tags=netgo,osusergo,acme_fast\n');
    expect(existsSync(path.join(ws.root, 'out', 'api.build.json'))).toBe(true);
  },
  GO_BUILD_TIMEOUT_MS,
);

test('extra go build flags after --; -o there is refused before go runs', async () => {
  const run = await runCli(['build', 'services/cmd/api', '--', '-o', 'x'], ws.root);
  expect(run).toEqual({
    code: 1,
    stdout: '',
    stderr: 'go-pgo: the extra go build flag "-o" is managed by pgo-build: set the output path instead\n',
  });
});
