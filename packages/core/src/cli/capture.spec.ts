// go-pgo capture against real storefront processes (examples/services) under real load.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CaptureError } from '../capture/capture-error';
import type { CaptureManifest } from '../capture/manifest-types';
import { buildServices, BUILD_TIMEOUT_MS, startLoadgen, startStorefront, stopAll, type RunningService } from '../../../../tools/test-support/storefront';
import { UsageError } from './args';
import { captureCommand } from './capture';

let services: RunningService[];
let root: string;
let binaryDir: string;

beforeAll(async () => {
  const binaries = buildServices();
  services = await Promise.all([0, 1].map(() => startStorefront(binaries)));
  startLoadgen(binaries, services.map((s) => s.url));
}, BUILD_TIMEOUT_MS);

afterAll(() => stopAll());

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-capture-cli-'));
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/shop\n\ngo 1.24\n');
  binaryDir = path.join(root, 'cmd', 'storefront');
  mkdirSync(binaryDir, { recursive: true });
  writeFileSync(path.join(binaryDir, 'main.go'), 'package main\n\nfunc main() {}\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (c: string) => (out.stdout += c) }, stderr: { write: (c: string) => (out.stderr += c) }, cwd: root } };
}

test('--url endpoints, --seconds and --json: the manifest on stdout, progress on stderr', async () => {
  const run = io();
  const code = await captureCommand.run(['cmd/storefront', '--seconds', '1', '--json', ...services.flatMap((s) => ['--url', s.url])], run.io);
  expect(code).toBe(0);
  const printed = JSON.parse(run.out.stdout) as CaptureManifest & { manifestFile: string };
  expect(printed.manifestFile).toMatch(new RegExp(`^${root}/\\.pgo/captures/storefront/\\d{8}T\\d{6}Z/manifest\\.json$`));
  const { manifestFile, ...manifest } = printed;
  expect(JSON.parse(readFileSync(manifestFile, 'utf8'))).toEqual(manifest);
  expect(manifest).toMatchObject({ project: 'storefront', seconds: 1, succeeded: 2, total: 2, quorumMet: true });
  expect(manifest.instances.map((i) => [i.source, i.instance, i.status])).toEqual(services.map((s) => ['http', s.url, 'ok']));
  expect(run.out.stderr).toMatch(/capture storefront: 2 instances · 2 done · http 127\.0\.0\.1:\d+ done, http 127\.0\.0\.1:\d+ done\n/);
});

/** A port nothing listens on (just freed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('pgo.yaml sources and quorum: a missed quorum fails, naming the manifest; a summary otherwise', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  writeFileSync(
    path.join(binaryDir, 'pgo.yaml'),
    `capture:\n  seconds: 1\n  quorum: 100%\n  attempts: 1\n  sources:\n    - http: { name: prod, urls: [${services[0]!.url}, ${dead}] }\n`,
  );
  const failed = io();
  const error: unknown = await captureCommand.run(['cmd/storefront', '--out', 'captures'], failed.io).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CaptureError);
  expect((error as Error).message).toMatch(
    /^capture storefront: 1 of 2 instances succeeded, quorum 100% needs 2: prod http:\/\/127\.0\.0\.1:\d+: cannot reach .*connection refused.*; see captures\/\d{8}T\d{6}Z\/manifest\.json$/,
  );

  const ok = io();
  expect(await captureCommand.run(['cmd/storefront', '--quorum', '50%', '--out', 'captures'], ok.io)).toBe(0);
  expect(ok.out.stdout).toMatch(
    new RegExp(`^captured storefront: 1 of 2 instances → captures/\\d{8}T\\d{6}Z(-2)?/manifest\\.json\\n  ok      prod  ${services[0]!.url}  \\d+\\.\\d KiB\\n  failed  prod  ${dead.replace(/\./g, '\\.')} +cannot reach .*\\n$`),
  );
});

test('usage errors', async () => {
  await expect(captureCommand.run([], io().io)).rejects.toThrow(new UsageError('missing the binary directory', 'go-pgo capture'));
  await expect(captureCommand.run(['cmd/storefront', '--seconds', '0'], io().io)).rejects.toThrow("--seconds must be a whole number ≥ 1, got '0'");
  await expect(captureCommand.run(['cmd/storefront', '--quorum', '1.5'], io().io)).rejects.toThrow("--quorum must be a fraction in (0, 1] like 0.6 or 60%, got '1.5'");
});
