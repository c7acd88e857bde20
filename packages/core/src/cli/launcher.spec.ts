// The real launcher, as npm links it: bin/go-pgo.js loading the built dist/cli/main.js in a new
// Node process, with the exit code main returns.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pgoUsableCorpus } from '../../../../tools/test-support/corpus';

const packageDir = path.resolve(__dirname, '../..');
const launcher = path.join(packageDir, 'bin/go-pgo.js');
const built = existsSync(path.join(packageDir, 'dist/cli/main.js'));
const MISSING = 'packages/core/dist/cli/main.js does not exist: run `npm run build` (in CI, `npm ci` builds it)';

function goPgo(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

if (!built && !process.env.CI) {
  test.skip(`bin/go-pgo.js in a real process (skipped: ${MISSING}; with CI set this fails instead)`, () => undefined);
} else {
  test('bin/go-pgo.js in a real process: --help, an inspect, and exit codes', () => {
    if (!built) throw new Error(MISSING);
    const help = goPgo(['--help']);
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: go-pgo <command> \[options\]\n/);

    const file = pgoUsableCorpus()[0]!;
    const inspect = goPgo(['profile', 'inspect', file.path]);
    expect(inspect).toMatchObject({ status: 0, stderr: '' });
    expect(inspect.stdout).toContain(`file          ${file.path} (`);
    expect(inspect.stdout).toContain('PGO-usable: yes');

    const missing = goPgo(['profile', 'inspect', 'no/such.pgo']);
    expect(missing).toEqual({ status: 1, stdout: '', stderr: 'go-pgo: no/such.pgo: no such file: check the path\n' });

    const usage = goPgo(['profile', 'inspect']);
    expect(usage.status).toBe(2);
  });
}
