// go-pgo verify on real Go binaries that need no build: the toolchain's cmd/compile (built
// with its default.pgo) and gofmt (built without PGO). The flow after go-pgo build is in
// build.spec.ts.
import path from 'node:path';
import { go } from '../../../../tools/test-support/go-tool';
import { runCli } from './run-cli.spec-helper';

const exe = process.platform === 'win32' ? '.exe' : '';
const toolDir = go(['env', 'GOTOOLDIR']).trim();
const binDir = path.join(go(['env', 'GOROOT']).trim(), 'bin');

test('no profile expected: passes and says so', async () => {
  expect(await runCli(['verify', `gofmt${exe}`], binDir)).toEqual({
    code: 0,
    stdout: `gofmt${exe}: built without PGO (no -pgo build setting); no profile is configured for it, so there is nothing to check\n`,
    stderr: '',
  });
});

test('--profile-configured: passes with a -pgo setting, fails without one', async () => {
  expect(await runCli(['verify', `compile${exe}`, '--profile-configured'], toolDir)).toEqual({
    code: 0,
    stdout: `compile${exe}: built with -pgo=default.pgo\n`,
    stderr: '',
  });
  const run = await runCli(['verify', path.join(binDir, `gofmt${exe}`), '--profile-configured'], toolDir);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^go-pgo: \S*gofmt\S* was built without PGO \(go version -m shows no -pgo build setting\), but a profile is configured for it: .*rebuild it: go-pgo build <its cmd\/<name> directory>\n$/);
});

test('a binary that is not there', async () => {
  expect(await runCli(['verify', 'no-such-binary'], toolDir)).toEqual({
    code: 1,
    stdout: '',
    stderr: 'go-pgo: no-such-binary: no such binary: build it first (go-pgo build <its cmd/<name> directory>)\n',
  });
});
