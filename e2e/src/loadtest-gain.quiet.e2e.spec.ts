// The storefront's own profile through real Nx on a copy of examples/: captured by pgo-capture
// from the -pgo=off build under load, merged, then pgo-loadtest A/B-tests the binary itself with
// the built-in replayer and must measure less CPU per request with PGO (95% interval below 0).
// Then a real Prometheus scrapes an off and a PGO instance every second under the same load, and
// pgo-canary's verdict must agree in sign with pgo-loadtest's; its errors are checked against the
// same Prometheus. Runs alone after every other suite (jest.quiet.config.js): timing-sensitive.
import { freePort, type CanaryRun, type LoadtestRun, type ServiceHistoryRow } from '@go-pgo/core';
import { startPrometheus, type RunningPrometheus } from '../../tools/test-support/prometheus';
import { buildServices, startLoadgen, startStorefront, stopAll, type Binaries } from '../../tools/test-support/storefront';
import { createWorkspace, examplesDir, type Workspace } from './support/workspace';

const DIR = 'services/cmd/storefront';
const LOADTEST_OUT = `dist/pgo/${DIR}/loadtest`;
const CANARY_OUT = `dist/pgo/${DIR}/canary`;
/** How long Prometheus scrapes both instances under load before pgo-canary reads the window. */
const SCRAPE_SECONDS = 40;

let workspace: Workspace;
let services: Binaries;
let prometheus: RunningPrometheus | undefined;
let loadtest: LoadtestRun;

beforeAll(async () => {
  workspace = await createWorkspace('loadtest-gain', examplesDir);
  services = buildServices();
});

afterAll(async () => {
  await stopAll();
  await prometheus?.stop();
  await workspace?.dispose();
});

const readJson = async <T>(file: string): Promise<T> => JSON.parse((await workspace.read(file)).toString('utf8')) as T;

test('the storefront profile is captured by pgo-capture from its -pgo=off build under load, and merged', async () => {
  await workspace.nx(['run', 'storefront:pgo-build:off']);
  const storefront = await startStorefront({ ...services, storefront: workspace.path(`dist/go/${DIR}/off/storefront`) });
  startLoadgen(services, [storefront.url]);
  const pgoYaml = (await workspace.read(`${DIR}/pgo.yaml`)).toString('utf8');
  await workspace.write(
    `${DIR}/pgo.yaml`,
    `${pgoYaml}capture:\n  seconds: 10\n  sources:\n    - http: { name: local, urls: [${storefront.url}] }\nvalidate: { minSamples: 300, minBytes: 4096 }\n`,
  );
  await workspace.nx(['run', 'storefront:pgo-capture']);
  await stopAll();
  await workspace.nx(['run', 'storefront:pgo-merge']);
  await workspace.write(`${DIR}/default.pgo`, await workspace.read(`dist/pgo/${DIR}/candidate.pgo`));
});

test('pgo-loadtest with the built-in replayer: less CPU per request with PGO, its 95% interval below 0; report and history', async () => {
  const run = await workspace.nx(['run', 'storefront:pgo-loadtest'], { timeoutMs: 600_000 });
  loadtest = await readJson<LoadtestRun>(`${LOADTEST_OUT}/loadtest.json`);
  expect(run.output).toMatch(/round 10 of 10, about \S+ \S+ left/);
  expect(loadtest.measures).toHaveLength(10);
  const { cpuPerRequest, generator } = loadtest.comparison;
  expect(cpuPerRequest.hi).toBeLessThan(0);
  expect(loadtest.gates.find((g) => g.gate === 'cpuPerRequest')).toMatchObject({ passed: true });
  // The generator is not what limits: none of its rounds had it near a full core.
  expect(generator.saturated).toBe(false);
  expect(run.output).toContain('load generator: at most');
  expect(run.output).toContain(': not the bottleneck');
  const html = (await workspace.read(`${LOADTEST_OUT}/report.html`)).toString('utf8');
  expect(html).toContain('id="pairs-chart"');
  const rows = (await workspace.read('.pgo/history/storefront.jsonl')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as ServiceHistoryRow);
  expect(rows).toEqual([expect.objectContaining({ kind: 'loadtest', geomeanDeltaPercent: cpuPerRequest.center, pairs: 10, accepted: true })]);
});

describe('pgo-canary against a real Prometheus', () => {
  const canaryArgs = (overrides: Record<string, string> = {}): string[] => ['run', 'storefront:pgo-canary', ...Object.entries(overrides).map(([key, value]) => `--${key}=${value}`)];

  beforeAll(async () => {
    const [off, pgo] = await Promise.all(
      (['off', 'pgo'] as const).map((side) => startStorefront({ ...services, storefront: workspace.path(`${LOADTEST_OUT}/${side}/storefront`) })),
    );
    const address = (url: string): string => url.replace('http://', '');
    prometheus = await startPrometheus([
      { address: address(off!.url), labels: { track: 'baseline' } },
      { address: address(pgo!.url), labels: { track: 'canary' } },
    ]);
    // The canary section makes pgo-canary a target of the storefront.
    const pgoYaml = (await workspace.read(`${DIR}/pgo.yaml`)).toString('utf8');
    await workspace.write(
      `${DIR}/pgo.yaml`,
      `${pgoYaml}canary:\n  prometheus: ${prometheus.url}\n  canary: 'track="canary"'\n  baseline: 'track="baseline"'\n  from: now-${SCRAPE_SECONDS - 4}s\n  step: 2s\n  minSteps: 10\n`,
    );
    // Four workers alternate between the two instances: the same load on both.
    startLoadgen(services, [off!.url, pgo!.url], 4);
    await new Promise((resolve) => setTimeout(resolve, SCRAPE_SECONDS * 1000));
  }, (SCRAPE_SECONDS + 60) * 1000);

  test("the canary's CPU per request against the baseline's agrees in sign with pgo-loadtest", async () => {
    const run = await workspace.nx(canaryArgs());
    const canary = await readJson<CanaryRun>(`${CANARY_OUT}/canary.json`);
    expect(canary.steps.length).toBeGreaterThanOrEqual(10);
    expect(Math.sign(canary.comparison.cpuPerRequest.center)).toBe(Math.sign(loadtest.comparison.cpuPerRequest.center));
    expect(canary.queries.cpu.canary).toBe('sum(rate(process_cpu_seconds_total{track="canary"}[2s]))');
    expect(run.output).toMatch(/canary CPU per request -\d+\.\d\d% .* against the baseline over \d+ steps of 2s/);
    const rows = (await workspace.read('.pgo/history/storefront.jsonl')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as ServiceHistoryRow);
    expect(rows.map((r) => r.kind)).toEqual(['loadtest', 'canary']);
    expect((await workspace.read(`${CANARY_OUT}/report.html`)).toString('utf8')).toContain('PGO canary: storefront');
  });

  test.each([
    ['an unreachable Prometheus', { prometheus: 'http://127.0.0.1:<closed>' }, /Prometheus at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(.*ECONNREFUSED.*\): check canary\.prometheus/],
    ['a selector without data', { canary: 'track="nowhere"' }, /has no data for sum\(rate\(process_cpu_seconds_total\{track="nowhere"\}\[2s\]\)\) in the window: check the selector/],
    ['too short a window', { from: 'now-8s' }, /storefront: \d+ steps? of 2s from .* (has|have) CPU and requests of both deployments \(\d+ with any data\), and 10 are needed to conclude \(canary\.minSteps\)/],
  ])('%s fails with one line saying so', async (_, overrides, message) => {
    // A port nothing listens on (a low one like 1 is refused by fetch itself, before connecting).
    const closed = String(await freePort());
    const given = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, value.replace('<closed>', closed)]));
    const run = await workspace.nx(canaryArgs(given), { allowFailure: true });
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(message);
  });
});
