// The bench source on the example services module: a real `go test -bench -cpuprofile` of a
// package with a benchmark, and of one without.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pprofRaw } from '../../../../tools/test-support/go-tool';
import { CaptureError } from './capture-error';
import { captureSettings, readManifest } from './capture.spec-helper';
import { runCapture } from './run-capture';
import { BUILD_TIMEOUT_MS, SERVICES } from '../../../../tools/test-support/storefront';

let outputRoot: string;
// The module alone: examples/go.work also lists modules that are not ours to build.
const env = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
const context = { workspaceRoot: SERVICES, moduleRoot: SERVICES, binaryDir: path.join(SERVICES, 'cmd', 'storefront'), env };

beforeAll(() => {
  outputRoot = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-capture-bench-source-'));
});
afterAll(() => rmSync(outputRoot, { recursive: true, force: true }));

test(
  'one go test -bench -cpuprofile per package the patterns list; a package without benchmarks fails',
  async () => {
    const before = readdirSync(SERVICES).sort();
    const settings = captureSettings([{ kind: 'bench', name: 'bench', packages: ['./internal/pricing', './internal/catalog'], bench: 'Quote', benchtime: '300ms' }], { quorum: 0.5, concurrency: 1 });
    const result = await runCapture({ project: 'storefront', settings, context, outputRoot });
    const [pricing, catalog] = result.manifest.instances;
    expect(pricing).toMatchObject({ kind: 'bench', instance: 'example.com/shop/services/internal/pricing', status: 'ok', notes: [`go test -run=^$ -bench=Quote -benchtime=300ms example.com/shop/services/internal/pricing: 1 benchmark`] });
    expect(pricing!.seconds).toBeGreaterThan(0.2);
    expect(pprofRaw(path.join(result.dir, pricing!.file!))).toMatch(/example\.com\/shop\/services\/internal\/pricing\.\(\*Engine\)\.Quote/);
    expect(catalog).toMatchObject({ instance: 'example.com/shop/services/internal/catalog', status: 'failed', error: 'no benchmark in example.com/shop/services/internal/catalog matches -bench=Quote: fix bench in pgo.yaml or add benchmarks' });
    // -cpuprofile would leave pricing.test in the module root; -o keeps it in a temp dir.
    expect(readdirSync(SERVICES).sort()).toEqual(before);
  },
  BUILD_TIMEOUT_MS,
);

test('a pattern go list cannot resolve fails the source with go’s message', async () => {
  const settings = captureSettings([{ kind: 'bench', name: 'bench', packages: ['./no/such/...'], bench: '.', benchtime: '1x' }]);
  const error: unknown = await runCapture({ project: 'storefront', settings, context, outputRoot }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CaptureError);
  const [entry] = readManifest((error as CaptureError).manifest!).instances;
  expect(entry!.error).toMatch(/^source bench: \.\/no\/such\/\.\.\. matches no package|^source bench: cannot list the packages \.\/no\/such\/\.\.\.: go list /);
  expect(existsSync(path.join(SERVICES, '.pgo'))).toBe(false);
});
