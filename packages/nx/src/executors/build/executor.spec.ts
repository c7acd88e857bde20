// The build executor with a fake ExecutorContext over the real core: real go builds of a copy
// of the e2e fixture workspace, `go version -m` as the oracle.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildReport } from '@go-pgo/core';
import { copyGoMonorepo, GO_BUILD_TIMEOUT_MS, type GoMonorepoCopy } from '../../../../core/src/build/go-monorepo.spec-helper';
import { FIXTURE_TIMEOUT_MS } from '../../../../../tools/test-support/go-fixtures';
import { go } from '../../../../../tools/test-support/go-tool';
import { captureLog, executorContext, type CapturedLog } from '../executor-context.spec-helper';
import buildExecutor, { type BuildExecutorOptions } from './executor';

let ws: GoMonorepoCopy;
let log: CapturedLog;
beforeAll(async () => {
  ws = await copyGoMonorepo();
}, FIXTURE_TIMEOUT_MS);
afterAll(() => ws?.remove());
beforeEach(() => {
  log = captureLog();
});
afterEach(() => log.restore());

/** The options the inferred pgo-build target of services/cmd/worker carries. */
const worker: BuildExecutorOptions = { main: './cmd/worker', moduleRoot: 'services', outputPath: 'dist/go/services/cmd/worker/worker' };
const context = executorContext('', 'worker', 'pgo-build');
const run = (options: BuildExecutorOptions, configurationName?: string): ReturnType<typeof buildExecutor> =>
  buildExecutor(options, { ...context, root: ws.root, cwd: ws.root, configurationName });
const pgoSettings = (rel: string): string[] =>
  go(['version', '-m', path.join(ws.root, rel)])
    .split('\n')
    .filter((line) => line.startsWith('\tbuild\t-pgo'));
const report = (rel: string): BuildReport => JSON.parse(readFileSync(path.join(ws.root, `${rel}.build.json`), 'utf8')) as BuildReport;

test(
  'pgo-build: the binary carries default.pgo, the report is written, one summary line',
  async () => {
    await expect(run(worker)).resolves.toEqual({ success: true });
    expect(pgoSettings(worker.outputPath)).toEqual(['\tbuild\t-pgo=default.pgo']);
    expect(report(worker.outputPath)).toMatchObject({ pgo: 'on', profile: 'services/cmd/worker/default.pgo' });
    expect(log.info).toEqual([expect.stringMatching(/^built dist\/go\/services\/cmd\/worker\/worker \(.+\) with the profile services\/cmd\/worker\/default\.pgo$/)]);
    expect(log.error).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'pgo-build:off builds the -pgo=off baseline at the same output path',
  async () => {
    await expect(run({ ...worker, pgo: 'off' }, 'off')).resolves.toEqual({ success: true });
    expect(pgoSettings(worker.outputPath)).toEqual([]);
    expect(report(worker.outputPath)).toMatchObject({ pgo: 'off', profile: null });
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'every option reaches go build: profile, tags, ldflags, goos, flags',
  async () => {
    const options: BuildExecutorOptions = {
      main: './cmd/report',
      moduleRoot: 'tools',
      outputPath: 'dist/go/tools/cmd/report/report',
      profile: 'services/cmd/worker/default.pgo',
      tags: ['acme_fast'],
      ldflags: '-s -w',
      goos: 'linux',
      goarch: 'amd64',
      flags: ['-gcflags=-l -B'],
    };
    await expect(run(options)).resolves.toEqual({ success: true });
    const { command } = report(options.outputPath);
    expect(command).toEqual([
      'go',
      'build',
      '-trimpath',
      `-pgo=${path.join(ws.root, 'services/cmd/worker/default.pgo')}`,
      '-tags=acme_fast',
      '-ldflags=-s -w',
      '-gcflags=-l -B',
      '-o',
      path.join(ws.root, options.outputPath),
      './cmd/report',
    ]);
    expect(go(['version', '-m', path.join(ws.root, options.outputPath)])).toContain('\tbuild\tGOARCH=amd64\n');
  },
  GO_BUILD_TIMEOUT_MS,
);

test('a configured profile that is missing: { success: false } and one error line, nothing thrown', async () => {
  await expect(run({ ...worker, profile: 'services/cmd/worker/prod.pgo', outputPath: 'dist/never/worker' })).resolves.toEqual({ success: false });
  expect(log.error).toEqual([
    'services/cmd/worker/prod.pgo: the profile given as the profile option does not exist: ' +
      'put a Go CPU profile there (e.g. from /debug/pprof/profile?seconds=30 of a running instance), or fix the path',
  ]);
  expect(log.info).toEqual([]);
});

test('a bug is still no throw at Nx: one line, and the stack only with --verbose', async () => {
  const broken = { ...worker, tags: 'acme_fast' } as unknown as BuildExecutorOptions;
  await expect(run(broken)).resolves.toEqual({ success: false });
  expect(log.error).toEqual([expect.stringMatching(/^go-pgo internal error, please report it with the target's options: TypeError: .*join/)]);
  log.error.length = 0;
  await expect(buildExecutor(broken, { ...context, root: ws.root, isVerbose: true })).resolves.toEqual({ success: false });
  expect(log.error).toHaveLength(2);
  expect(log.error[1]).toMatch(/^TypeError: .*\n\s+at /);
});
