// The verify executor with a fake ExecutorContext over the real core, on binaries the build
// executor made from a copy of the e2e fixture workspace.
import { copyGoMonorepo, GO_BUILD_TIMEOUT_MS, type GoMonorepoCopy } from '../../../../core/src/build/go-monorepo.spec-helper';
import { FIXTURE_TIMEOUT_MS } from '../../../../../tools/test-support/go-fixtures';
import buildExecutor from '../build/executor';
import { captureLog, executorContext, type CapturedLog } from '../executor-context.spec-helper';
import verifyExecutor, { type VerifyExecutorOptions } from './executor';

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

const worker: VerifyExecutorOptions = { main: './cmd/worker', moduleRoot: 'services', outputPath: 'dist/go/services/cmd/worker/worker' };
const api: VerifyExecutorOptions = { main: './cmd/api', moduleRoot: 'tools', outputPath: 'dist/go/tools/cmd/api/api' };

async function build(project: string, options: VerifyExecutorOptions & { pgo?: 'auto' | 'off' }): Promise<void> {
  const result = await buildExecutor(options, executorContext(ws.root, project, 'pgo-build'));
  expect(result).toEqual({ success: true });
  log.info.length = 0;
}
const verify = (project: string, options: VerifyExecutorOptions, targetName = 'pgo-verify'): ReturnType<typeof verifyExecutor> =>
  verifyExecutor(options, executorContext(ws.root, project, targetName));

test(
  'after pgo-build: passes and prints the -pgo setting',
  async () => {
    await build('worker', worker);
    await expect(verify('worker', worker)).resolves.toEqual({ success: true });
    expect(log.info).toEqual(['dist/go/services/cmd/worker/worker: built with -pgo=default.pgo (configured: services/cmd/worker/default.pgo)']);
    expect(log.error).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'after pgo-build:off: fails with one line naming the binary and the build target to run (with the target prefix)',
  async () => {
    await build('worker', { ...worker, pgo: 'off' });
    await expect(verify('worker', worker, 'go-verify')).resolves.toEqual({ success: false });
    expect(log.error).toEqual([
      'dist/go/services/cmd/worker/worker was built without PGO (go version -m shows no -pgo build setting), but the profile services/cmd/worker/default.pgo is configured for it: ' +
        'it was built with -pgo=off (e.g. by pgo-build:off or go-pgo build --off) or restored from a cache entry made before the profile existed; ' +
        'rebuild it: nx run worker:go-build',
    ]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'a windows binary without a profile: finds <name>.exe, passes and says no profile is configured',
  async () => {
    await build('tools-api', { ...api, goos: 'windows', pgo: 'off' });
    await expect(verify('tools-api', { ...api, goos: 'windows' })).resolves.toEqual({ success: true });
    expect(log.info).toEqual([
      'dist/go/tools/cmd/api/api.exe: built without PGO (no -pgo build setting); no profile is configured for it, so there is nothing to check',
    ]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test('no binary yet: one line saying to build it', async () => {
  await expect(verify('services-api', { main: './cmd/api', moduleRoot: 'services', outputPath: 'dist/go/services/cmd/api/api' })).resolves.toEqual({
    success: false,
  });
  expect(log.error).toEqual(['dist/go/services/cmd/api/api: no such binary: build it first (nx run services-api:pgo-build)']);
});
