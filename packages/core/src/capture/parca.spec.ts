// openParca against a contract fake of Parca's QueryService over gRPC-web
// (fakes/parca.contract-fake), answering from a real Go CPU profile.
import { decode, summarize } from '@go-pgo/pprof';
import { fixtureProfile, FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { preprofile, withTempFile } from '../../../../tools/test-support/go-tool';
import type { ParcaSourceConfig } from '../config/pgo-settings';
import { startFakeServer, unusedPort, type FakeServer } from './fakes/fake-http-server.spec-helper';
import { startParcaFake, type ParcaFake } from './fakes/parca.contract-fake.spec-helper';
import { storedSeries, type StoredSeries } from './fakes/profile-series.spec-helper';
import { instanceContext, NOW, sourceContext } from './fakes/source-context.spec-helper';
import { openParca } from './parca';
import { InstanceCaptureError, type CapturedProfile } from './source';

const QUERY = 'parca_agent:samples:count:cpu:nanoseconds:delta{job="myapp"}';
let series: StoredSeries;
let original: Buffer;
let parca: ParcaFake;
const others: FakeServer[] = [];

beforeAll(async () => {
  original = (await fixtureProfile('service')).bytes;
  series = storedSeries({ job: 'myapp' }, Date.parse('2025-03-01T11:30:00.250Z'), original);
  parca = await startParcaFake({ series, authorization: 'Bearer parca-secret' });
}, FIXTURE_TIMEOUT_MS);

afterAll(() => Promise.all([parca, ...others].map((f) => f.close())));

function config(url: string, overrides: Partial<ParcaSourceConfig> = {}): ParcaSourceConfig {
  return { kind: 'parca', name: 'parca', url, query: QUERY, from: '2025-03-01T11:00:00.500+00:00', until: 'now', ...overrides };
}

async function capture(cfg: ParcaSourceConfig, env: NodeJS.ProcessEnv = { PARCA_TOKEN: 'parca-secret' }): Promise<CapturedProfile> {
  const opened = await openParca(cfg, sourceContext(env));
  expect(opened.instances.map((i) => [i.kind, i.instance])).toEqual([['parca', `${cfg.url.replace(/\/$/, '')} ${cfg.query}`]]);
  return opened.instances[0]!.capture(instanceContext());
}

async function captureError(cfg: ParcaSourceConfig, env?: NodeJS.ProcessEnv): Promise<InstanceCaptureError> {
  const error: unknown = await capture(cfg, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstanceCaptureError);
  expect((error as Error).message).not.toContain('\n');
  return error as InstanceCaptureError;
}

describe('openParca', () => {
  it('merges over the window with MODE_MERGE and REPORT_TYPE_PPROF and returns the gzipped pprof', async () => {
    const result = await capture(config(`${parca.url}/`));
    expect(parca.queries.at(-1)).toEqual({ mode: 2, reportType: 1, query: QUERY, start: Date.parse('2025-03-01T11:00:00.500Z'), end: NOW.getTime() });
    expect(parca.requests.at(-1)!.headers.authorization).toBe('Bearer parca-secret');
    const profile = decode(result.bytes);
    expect(profile.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(profile.sample.map((s) => Number(s.value[0]))).toEqual(decode(original).sample.map((s) => Number(s.value[0])));
    expect(result.notes[0]).toBe(`${QUERY} over 2025-03-01T11:00:00.500Z..2025-03-01T12:00:00.000Z`);
    expect(summarize(profile).pgoUsable).toBe(true);
    expect(withTempFile(result.bytes, preprofile).toString()).toBe(withTempFile(original, preprofile).toString());
  });

  it('converts a cpu/nanoseconds query to Go’s sample types, with a note', async () => {
    const result = await capture(config(parca.url, { query: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds{job="myapp"}' }));
    expect(decode(result.bytes).sampleType).toEqual([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    expect(result.notes.filter((n) => n.startsWith('converted the cpu/nanoseconds-only profile'))).toHaveLength(1);
  });

  it('asks for PARCA_TOKEN when the server says UNAUTHENTICATED', async () => {
    const error = await captureError(config(parca.url), {});
    expect(error.message).toBe(`parca ${parca.url}: gRPC status 16 UNAUTHENTICATED: invalid or missing bearer token: set PARCA_TOKEN (sent as a Bearer token)`);
    expect(error.retryable).toBe(false);
  });

  it('passes an INVALID_ARGUMENT on with what to check, and fails when nothing matches', async () => {
    const invalid = await captureError(config(parca.url, { query: '{job="myapp"}' }));
    expect(invalid.message).toBe(
      `parca ${parca.url}: gRPC status 3 INVALID_ARGUMENT: failed to parse query: {job="myapp"}: check the query (it needs a profile type, e.g. parca_agent:samples:count:cpu:nanoseconds:delta{…})`,
    );
    const none = await captureError(config(parca.url, { from: 'now-10m' }));
    expect(none.message).toBe(`parca ${parca.url}: no samples matched in the window: check the query, the profile type and the window (from/until)`);
  });

  it('retries UNAVAILABLE, 5xx and an unreachable server, not an answer that is no gRPC-web', async () => {
    const unavailable = await startFakeServer((_, res) =>
      res.writeHead(200, { 'Content-Type': 'application/grpc-web+proto', 'grpc-status': '14', 'grpc-message': 'store%20not%20ready' }).end(),
    );
    const proxy = await startFakeServer((_, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><h1>502 Bad Gateway</h1></html>'));
    const ui = await startFakeServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Parca</html>'));
    others.push(unavailable, proxy, ui);

    const notReady = await captureError(config(unavailable.url));
    expect(notReady.message).toBe(`parca ${unavailable.url}: gRPC status 14 UNAVAILABLE: store not ready`);
    expect(notReady.retryable).toBe(true);

    const gateway = await captureError(config(proxy.url));
    expect(gateway.message).toBe(`parca ${proxy.url}: HTTP 502: <html><h1>502 Bad Gateway</h1></html>: the service failed; it is retried`);
    expect(gateway.retryable).toBe(true);

    const url = `http://127.0.0.1:${await unusedPort()}`;
    const unreachable = await captureError(config(url));
    expect(unreachable.message).toMatch(new RegExp(`^parca ${url}: cannot reach ${url}/parca.query.v1alpha1.QueryService/Query \\(connect ECONNREFUSED`));
    expect(unreachable.retryable).toBe(true);

    const page = await captureError(config(ui.url));
    expect(page.message).toBe(`parca ${ui.url}: answered text/html, not gRPC-web: give Parca's base URL (the part before /parca.query.v1alpha1.QueryService/Query)`);
    expect(page.retryable).toBe(false);
  });
});
