// The kubernetes source against a CONTRACT FAKE of kubectl (testdata/kubectl-contract-fake.js,
// first on PATH as `kubectl`): it answers `get pods -o json` with a v1 PodList and really
// forwards `port-forward` connections to real storefront processes under load. The specs check
// what is passed to kubectl, which pods are chosen, and that no kubectl outlives the capture.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, pgoSampleIndex } from '@go-pgo/pprof';
import type { KubernetesSourceConfig } from '../config/pgo-settings';
import { CaptureError } from './capture-error';
import { captureSettings, readManifest, scratchWorkspace } from './capture.spec-helper';
import { runCapture, type RunCaptureOptions } from './run-capture';
import { buildServices, BUILD_TIMEOUT_MS, startLoadgen, startStorefront, stopAll, type RunningService } from '../../../../tools/test-support/storefront';

let scratch: string;
let env: NodeJS.ProcessEnv;
let log: string;
let services: RunningService[];

interface FakePod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  phase: string;
  ready: boolean;
  port: number;
  target: string;
}

function pod(name: string, target: string, overrides: Partial<FakePod> = {}): FakePod {
  return { name, namespace: 'shop', labels: { app: 'storefront' }, phase: 'Running', ready: true, port: 6060, target, ...overrides };
}

beforeAll(async () => {
  const binaries = buildServices();
  services = await Promise.all([0, 1, 2].map(() => startStorefront(binaries)));
  startLoadgen(binaries, services.map((s) => s.url));
  scratch = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-kubectl-'));
  const bin = path.join(scratch, 'bin');
  mkdirSync(bin);
  copyFileSync(path.join(__dirname, 'testdata', 'kubectl-contract-fake.js'), path.join(bin, 'kubectl'));
  chmodSync(path.join(bin, 'kubectl'), 0o755);
  const hostPort = (s: RunningService): string => new URL(s.url).host;
  const state = {
    // The current context has no pods: only a passed-through --context finds them.
    currentContext: 'prod',
    contexts: {
      prod: { pods: [] },
      staging: {
        pods: [
          pod('storefront-c', hostPort(services[2]!)),
          pod('storefront-a', hostPort(services[0]!)),
          pod('storefront-b', hostPort(services[1]!)),
          pod('storefront-0-pending', hostPort(services[0]!), { phase: 'Pending', ready: false }),
          pod('storefront-0-unready', hostPort(services[0]!), { ready: false }),
          pod('checkout-a', hostPort(services[0]!), { labels: { app: 'checkout' } }),
          pod('storefront-other-ns', hostPort(services[0]!), { namespace: 'default' }),
          // A pod whose pprof port refuses connections: its port-forward works, the profile fails.
          pod('broken-a', '127.0.0.1:1', { labels: { app: 'broken' } }),
        ],
      },
    },
  };
  writeFileSync(path.join(scratch, 'state.json'), JSON.stringify(state));
  log = path.join(scratch, 'kubectl.log');
  env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, KUBECTL_FAKE_STATE: path.join(scratch, 'state.json'), KUBECTL_FAKE_LOG: log };
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => writeFileSync(log, ''));

function source(overrides: Partial<KubernetesSourceConfig> = {}): KubernetesSourceConfig {
  return { kind: 'kubernetes', name: 'k8s', namespace: 'shop', selector: 'app=storefront', port: 6060, maxPods: 10, context: 'staging', path: '/debug/pprof/profile', ...overrides };
}

function options(config: KubernetesSourceConfig, extra: Partial<RunCaptureOptions> = {}): RunCaptureOptions {
  return { project: 'storefront', settings: captureSettings([config]), context: { ...scratchWorkspace(scratch), env }, retryDelayMs: 100, ...extra };
}

/** Every kubectl the fake logged: its pid and arguments. */
function invocations(): { pid: number; args: string[] }[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { pid: number; args: string[] });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('contract fake kubectl: Running and Ready pods up to maxPods, through port-forwards, with --context passed; no kubectl remains', async () => {
  const result = await runCapture(options(source({ maxPods: 2 })));
  expect(result.manifest).toMatchObject({ succeeded: 2, total: 2, quorumMet: true });
  // Sorted by name, not-ready and other pods left out, cut at maxPods.
  expect(result.manifest.instances.map((i) => [i.kind, i.instance, i.status])).toEqual([
    ['kubernetes', 'pod/storefront-a', 'ok'],
    ['kubernetes', 'pod/storefront-b', 'ok'],
  ]);
  for (const entry of result.manifest.instances) {
    expect(pgoSampleIndex(decode(readFileSync(path.join(result.dir, entry.file!))))).toBeGreaterThanOrEqual(0);
  }
  const calls = invocations();
  expect(calls.map((c) => c.args)).toEqual(
    expect.arrayContaining([
      ['--context', 'staging', 'get', 'pods', '-n', 'shop', '-l', 'app=storefront', '-o', 'json'],
      ['--context', 'staging', 'port-forward', '-n', 'shop', 'pod/storefront-a', ':6060'],
      ['--context', 'staging', 'port-forward', '-n', 'shop', 'pod/storefront-b', ':6060'],
    ]),
  );
  expect(calls).toHaveLength(3);
  expect(calls.filter((c) => alive(c.pid))).toEqual([]);
});

test('contract fake kubectl: failed captures still end every port-forward', async () => {
  const error: unknown = await runCapture(options(source({ selector: 'app=broken' }), { settings: captureSettings([source({ selector: 'app=broken' })], { attempts: 2 }) })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CaptureError);
  const manifest = readManifest((error as CaptureError).manifest!);
  expect(manifest.instances).toMatchObject([{ instance: 'pod/broken-a', status: 'failed', attempts: 2 }]);
  expect(manifest.instances[0]!.error).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/profile\?seconds=1: /);
  const forwards = invocations().filter((c) => c.args.includes('port-forward'));
  expect(forwards.length).toBeGreaterThanOrEqual(1);
  expect(invocations().filter((c) => alive(c.pid))).toEqual([]);
});

test('contract fake kubectl: Ctrl-C ends every port-forward', async () => {
  const controller = new AbortController();
  const run = runCapture(options(source(), { settings: captureSettings([source()], { seconds: 5 }), signal: controller.signal }));
  // Abort once all three port-forwards are up and profiling.
  for (let waited = 0; invocations().filter((c) => c.args.includes('port-forward')).length < 3 && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  controller.abort();
  const error: unknown = await run.catch((e: unknown) => e);
  expect((error as CaptureError).code).toBe('interrupted');
  const calls = invocations();
  expect(calls.filter((c) => c.args.includes('port-forward'))).toHaveLength(3);
  expect(calls.filter((c) => alive(c.pid))).toEqual([]);
});

test('contract fake kubectl: no pod matches the selector', async () => {
  const error: unknown = await runCapture(options(source({ selector: 'app=nothing' }))).catch((e: unknown) => e);
  expect((error as CaptureError).message).toMatch(
    /^capture storefront: 0 of 1 instances succeeded, quorum 60% needs 1: k8s \(kubernetes source\): source k8s: no Running and Ready pod matches -l app=nothing in namespace shop, context staging \(0 matched, none ready\): check the selector with kubectl get pods -n shop -l app=nothing; see /,
  );
});

test('contract fake kubectl: an unknown context, and kubectl missing from PATH', async () => {
  const unknown: unknown = await runCapture(options(source({ context: 'nope' }))).catch((e: unknown) => e);
  expect((unknown as CaptureError).message).toContain('source k8s: kubectl --context nope get pods -n shop -l app=storefront -o json failed (namespace shop, context nope): error: context "nope" does not exist: check the context');
  const empty = mkdtempSync(path.join(scratch, 'empty-'));
  const missing: unknown = await runCapture(options(source(), { context: { ...scratchWorkspace(scratch), env: { ...env, PATH: empty } } })).catch((e: unknown) => e);
  expect((missing as CaptureError).message).toContain('source k8s: kubectl is not on PATH: install kubectl');
});
