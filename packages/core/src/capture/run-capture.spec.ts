// The capture run against real storefront processes (examples/services) under real load:
// parallel capture, quorum, a busy profiler, a stalled instance, a body that is not a profile,
// Ctrl-C, and a manifest that tells the truth about each instance.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { decode, pgoSampleIndex, toNumber } from '@go-pgo/pprof';
import { pprofRaw } from '../../../../tools/test-support/go-tool';
import { CaptureError } from './capture-error';
import { captureDirs, captureSettings, httpSource, readManifest, scratchWorkspace } from './capture.spec-helper';
import { runCapture, type CaptureResult } from './run-capture';
import { buildServices, BUILD_TIMEOUT_MS, startLoadgen, startStorefront, stopAll, type Binaries, type RunningService } from '../../../../tools/test-support/storefront';

let binaries: Binaries;
let services: RunningService[];
const workspaces: string[] = [];

beforeAll(async () => {
  binaries = buildServices();
  services = await Promise.all([0, 1, 2].map(() => startStorefront(binaries)));
  startLoadgen(binaries, services.map((s) => s.url));
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await stopAll();
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

function workspace(): ReturnType<typeof scratchWorkspace> {
  const context = scratchWorkspace();
  workspaces.push(context.workspaceRoot);
  return context;
}

/** The rejection of `promise`, which must be a CaptureError. */
async function captureError(promise: Promise<CaptureResult>): Promise<CaptureError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CaptureError)) throw new Error(`expected a CaptureError, got ${String(error)}`);
  return error;
}

test('captures every instance in parallel; each profile is a real CPU profile and the manifest matches the files', async () => {
  const context = workspace();
  const urls = services.map((s) => s.url);
  const progress: string[] = [];
  const result = await runCapture({
    project: 'storefront',
    settings: captureSettings([httpSource(urls, 'local')]),
    context,
    progress: { stream: { write: (chunk: string) => progress.push(chunk) }, tty: false },
  });

  expect(path.dirname(result.dir)).toBe(path.join(context.workspaceRoot, '.pgo', 'captures', 'storefront'));
  expect(path.basename(result.dir)).toMatch(/^\d{8}T\d{6}Z$/);
  expect(captureDirs(context.workspaceRoot)).toEqual([path.basename(result.dir)]); // no partial directory left
  const manifest = readManifest(result.manifestFile);
  expect(manifest).toEqual(result.manifest);
  expect(manifest).toMatchObject({ version: 1, project: 'storefront', seconds: 1, quorum: 0.6, succeeded: 3, total: 3, quorumMet: true });
  expect(manifest.instances.map((i) => i.instance)).toEqual(urls);
  const starts = manifest.instances.map((i) => Date.parse(i.start));
  // Profiled at the same time, not one after another (each takes a full second).
  expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
  for (const entry of manifest.instances) {
    expect(entry).toMatchObject({ source: 'local', kind: 'http', status: 'ok', attempts: 1, seconds: 1, notes: [] });
    expect(entry.error).toBeUndefined();
    const file = path.join(result.dir, entry.file!);
    const bytes = readFileSync(file);
    expect(entry.bytes).toBe(bytes.length);
    expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const profile = decode(bytes);
    expect(pgoSampleIndex(profile)).toBeGreaterThanOrEqual(0);
    expect(profile.sampleType.map((t) => `${t.type}/${t.unit}`)).toEqual(['samples/count', 'cpu/nanoseconds']);
    expect(toNumber(profile.durationNanos) / 1e9).toBeCloseTo(1, 0);
    // Under load the storefront's own handlers are on the stacks; go tool pprof reads the file.
    const raw = pprofRaw(file);
    expect(raw).toMatch(/PeriodType: cpu nanoseconds/);
    expect(raw).toMatch(/example\.com\/shop\/services\/internal\/(web|catalog|pricing)\./);
  }
  expect(progress.at(-1)).toMatch(/^capture storefront: 3 instances · 3 done · (local 127\.0\.0\.1:\d+ done(, |\n$)){3}/);
});

test.each([
  { quorum: 0.6, met: true },
  { quorum: 1, met: false },
])('an instance killed mid-capture fails, and quorum $quorum decides (met: $met)', async ({ quorum, met }) => {
  const context = workspace();
  const doomed = await startStorefront(binaries);
  const urls = [services[0]!.url, doomed.url, services[1]!.url];
  const run = runCapture({ project: 'storefront', settings: captureSettings([httpSource(urls)], { quorum, attempts: 2 }), context, retryDelayMs: 100 });
  setTimeout(() => doomed.process.kill('SIGKILL'), 300);

  let manifestFile: string;
  if (met) {
    manifestFile = (await run).manifestFile;
  } else {
    const error = await captureError(run);
    expect(error.code).toBe('quorum');
    expect(error.message).toMatch(/^capture storefront: 2 of 3 instances succeeded, quorum 100% needs 3: http http:\/\/127\.0\.0\.1:\d+: cannot reach .*; see \.pgo\/captures\/storefront\/\d{8}T\d{6}Z\/manifest\.json$/);
    manifestFile = error.manifest!;
  }
  const manifest = readManifest(manifestFile);
  expect(manifest).toMatchObject({ quorum, succeeded: 2, total: 3, quorumMet: met });
  expect(manifest.instances.map((i) => i.status)).toEqual(['ok', 'failed', 'ok']);
  const killed = manifest.instances[1]!;
  // The connection dropped, then the retry found nothing listening.
  expect(killed).toMatchObject({ instance: doomed.url, attempts: 2, bytes: 0, seconds: 1 });
  expect(killed.error).toMatch(/connection refused/);
  expect(killed.file).toBeUndefined();
  expect(killed.sha256).toBeUndefined();
});

test('an instance already being profiled is retried until its profiler is free', async () => {
  const context = workspace();
  const busy = services[2]!;
  // Someone else's 2-second profile holds the process's CPU profiler.
  const other = fetch(`${busy.url}/debug/pprof/profile?seconds=2`).then((r) => r.status);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const states: string[] = [];
  const result = await runCapture({
    project: 'storefront',
    settings: captureSettings([httpSource([busy.url])], { attempts: 5 }),
    context,
    retryDelayMs: 400,
    progress: { stream: { write: (chunk: string) => states.push(chunk) }, tty: true },
  });
  expect(await other).toBe(200);
  const [entry] = result.manifest.instances;
  expect(entry!.status).toBe('ok');
  expect(entry!.attempts).toBeGreaterThan(1);
  expect(states.join('')).toMatch(/1 retry/);
  expect(decode(readFileSync(path.join(result.dir, entry!.file!))).durationNanos).toBeTruthy();
});

test('an instance that never answers times out, and the others still count', async () => {
  const context = workspace();
  const sockets: net.Socket[] = [];
  const stalled = net.createServer((socket) => sockets.push(socket)); // accepts, then says nothing
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const stalledUrl = `http://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`;
  try {
    const result = await runCapture({
      project: 'storefront',
      settings: captureSettings([httpSource([services[0]!.url, stalledUrl])], { quorum: 0.5 }),
      context,
      timeoutSeconds: 2,
    });
    expect(result.manifest).toMatchObject({ succeeded: 1, total: 2, quorumMet: true });
    expect(result.manifest.instances[1]).toMatchObject({ instance: stalledUrl, status: 'failed', error: 'timed out after 2 s', attempts: 1, bytes: 0 });
  } finally {
    for (const socket of sockets) socket.destroy();
    stalled.close();
  }
});

test('a body that is not a profile is rejected, with what came back', async () => {
  const context = workspace();
  const html = '<!DOCTYPE html><html><body><h1>Login</h1></body></html>\n';
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  try {
    const error = await captureError(runCapture({ project: 'storefront', settings: captureSettings([httpSource([url])]), context }));
    expect(error.code).toBe('quorum');
    const [entry] = readManifest(error.manifest!).instances;
    expect(entry).toMatchObject({ status: 'failed', bytes: Buffer.byteLength(html), attempts: 1 });
    expect(entry!.error).toMatch(/^not a pprof profile \(HTML, \d+ bytes\): /);
  } finally {
    server.close();
  }
});

test('Ctrl-C stops the run: instances fail as interrupted, the manifest is written, the run fails', async () => {
  const context = workspace();
  const controller = new AbortController();
  const run = runCapture({ project: 'storefront', settings: captureSettings([httpSource(services.map((s) => s.url))], { seconds: 5 }), context, signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  const started = Date.now();
  const error = await captureError(run);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(error.code).toBe('interrupted');
  const manifest = readManifest(error.manifest!);
  expect(manifest).toMatchObject({ succeeded: 0, total: 3, quorumMet: false });
  for (const entry of manifest.instances) expect(entry).toMatchObject({ status: 'failed', error: 'interrupted (the capture was cancelled)' });
});
