// openPyroscope against a contract fake of Pyroscope's querier (fakes/pyroscope.contract-fake),
// answering from a real Go CPU profile; `go tool preprofile` is the oracle for PGO usability.
import { decode, summarize, type Profile } from '@go-pgo/pprof';
import { fixtureProfile, FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { preprofile, withTempFile } from '../../../../tools/test-support/go-tool';
import type { PyroscopeSourceConfig } from '../config/pgo-settings';
import { startFakeServer, unusedPort, type FakeServer } from './fakes/fake-http-server.spec-helper';
import { storedSeries, type StoredSeries } from './fakes/profile-series.spec-helper';
import { startPyroscopeFake, type PyroscopeFake, type PyroscopeFakeOptions } from './fakes/pyroscope.contract-fake.spec-helper';
import { instanceContext, NOW, sourceContext } from './fakes/source-context.spec-helper';
import { openPyroscope } from './pyroscope';
import { RemoteSourceError } from './remote-source-error';
import { InstanceCaptureError, type CapturedProfile } from './source';

const HOUR = 3_600_000;
let series: StoredSeries;
let original: Buffer;
const fakes: FakeServer[] = [];

beforeAll(async () => {
  original = (await fixtureProfile('service')).bytes;
  series = storedSeries({ service_name: 'myapp', env: 'prod' }, NOW.getTime() - 10 * 60_000, original);
}, FIXTURE_TIMEOUT_MS);

afterAll(() => Promise.all(fakes.map((f) => f.close())));

async function fake(options: Partial<PyroscopeFakeOptions> = {}): Promise<PyroscopeFake> {
  const started = await startPyroscopeFake({ series, ...options });
  fakes.push(started);
  return started;
}

function config(url: string, overrides: Partial<PyroscopeSourceConfig> = {}): PyroscopeSourceConfig {
  return {
    kind: 'pyroscope',
    name: 'pyroscope',
    url,
    query: '{service_name="myapp"}',
    profileType: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
    from: 'now-1h',
    until: 'now',
    ...overrides,
  };
}

async function capture(cfg: PyroscopeSourceConfig, env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Promise<CapturedProfile> {
  const opened = await openPyroscope(cfg, sourceContext(env));
  expect(opened.instances).toHaveLength(1);
  try {
    return await opened.instances[0]!.capture(instanceContext(signal));
  } finally {
    await opened.close();
  }
}

async function captureError(cfg: PyroscopeSourceConfig, env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Promise<InstanceCaptureError> {
  const error = await capture(cfg, env, signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstanceCaptureError);
  const failure = error as InstanceCaptureError;
  expect(failure.message).not.toContain('\n');
  return failure;
}

const counts = (profile: Profile, index: number): number[] => profile.sample.map((s) => Number(s.value[index]));

describe('openPyroscope', () => {
  it('takes the pprof of SelectMergeStacktraces (format PPROF) and gives it the sample types of a Go CPU profile', async () => {
    const server = await fake();
    const result = await capture(config(server.url));

    expect(server.queries).toEqual([
      {
        method: 'SelectMergeStacktraces',
        profileTypeID: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
        labelSelector: '{service_name="myapp"}',
        start: NOW.getTime() - HOUR,
        end: NOW.getTime(),
        format: 4,
      },
    ]);
    expect(server.requests[0]!.headers['connect-protocol-version']).toBe('1');
    const profile = decode(result.bytes);
    const goProfile = decode(original);
    // Pyroscope answered cpu/nanoseconds only; counts = nanoseconds / period restore Go's pair.
    expect(profile.sampleType).toEqual([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    expect(counts(profile, 0)).toEqual(counts(goProfile, 0));
    expect(counts(profile, 1)).toEqual(counts(goProfile, 1));
    expect(result.notes).toContainEqual(
      `converted the cpu/nanoseconds-only profile to samples/count + cpu/nanoseconds, as Go's CPU profiles carry: samples = nanoseconds / period ${Number(goProfile.period)} ns`,
    );
    expect(result.notes[0]).toBe('process_cpu:cpu:nanoseconds:cpu:nanoseconds {service_name="myapp"} over 2025-03-01T11:00:00.000Z..2025-03-01T12:00:00.000Z');
    expect(result.attempts).toBe(1);
    expect(summarize(profile).pgoUsable).toBe(true);
    // What the compiler reads is exactly what it reads from the Go program's own profile.
    expect(withTempFile(result.bytes, preprofile).toString()).toBe(withTempFile(original, preprofile).toString());
  });

  it('falls back to SelectMergeProfile when the server answers a flame graph instead of pprof', async () => {
    const server = await fake({ generation: 'flamegraph-only' });
    const result = await capture(config(server.url));
    expect(server.queries.map((q) => q.method)).toEqual(['SelectMergeStacktraces', 'SelectMergeProfile']);
    expect(server.queries[1]).toMatchObject({ profileTypeID: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', start: NOW.getTime() - HOUR, end: NOW.getTime() });
    expect(result.notes).toContain(
      'SelectMergeStacktraces ignored format PROFILE_FORMAT_PPROF (a Pyroscope from before pprof output there): used SelectMergeProfile',
    );
    expect(summarize(decode(result.bytes)).pgoUsable).toBe(true);
  });

  it('falls back to SelectMergeProfile when SelectMergeStacktraces is unimplemented', async () => {
    const server = await fake({ generation: 'unimplemented' });
    const result = await capture(config(server.url));
    expect(server.queries.map((q) => q.method)).toEqual(['SelectMergeProfile']);
    expect(result.notes).toContain(
      'SelectMergeStacktraces answered HTTP 501 unimplemented (a Pyroscope from before pprof output there): used SelectMergeProfile',
    );
    expect(summarize(decode(result.bytes)).pgoUsable).toBe(true);
  });

  it('keeps a samples/count profile type as the server sent it', async () => {
    const server = await fake();
    const result = await capture(config(server.url, { profileType: 'process_cpu:samples:count:cpu:nanoseconds' }));
    const profile = decode(result.bytes);
    expect(profile.sampleType).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(counts(profile, 0)).toEqual(counts(decode(original), 0));
    expect(result.notes.some((n) => n.startsWith('converted'))).toBe(false);
  });

  it('sends Basic auth, else the Bearer token, and the tenant as X-Scope-OrgID', async () => {
    const basic = `Basic ${Buffer.from('123456:glc_secret').toString('base64')}`;
    const withBasic = await fake({ authorization: basic, tenant: 'team-a' });
    const env = { PYROSCOPE_BASIC_AUTH_USER: '123456', PYROSCOPE_BASIC_AUTH_PASSWORD: 'glc_secret', PYROSCOPE_TOKEN: 'ignored-when-basic' };
    await capture(config(withBasic.url, { tenant: 'team-a' }), env);
    expect(withBasic.requests[0]!.headers['x-scope-orgid']).toBe('team-a');

    const withBearer = await fake({ authorization: 'Bearer glsa_token' });
    await capture(config(withBearer.url), { PYROSCOPE_TOKEN: 'glsa_token' });
    expect(withBearer.requests[0]!.headers['x-scope-orgid']).toBeUndefined();
  });

  it('says which variables to set when the server refuses the credentials or the tenant', async () => {
    const server = await fake({ authorization: 'Bearer right', tenant: 'team-a' });
    const refused = await captureError(config(server.url, { tenant: 'team-a' }), { PYROSCOPE_TOKEN: 'wrong' });
    expect(refused.message).toBe(
      `pyroscope ${server.url}: HTTP 401: Unauthorized: set PYROSCOPE_TOKEN (Bearer) or PYROSCOPE_BASIC_AUTH_USER and PYROSCOPE_BASIC_AUTH_PASSWORD (Basic)`,
    );
    expect(refused.retryable).toBe(false);
    const noTenant = await captureError(config(server.url), { PYROSCOPE_TOKEN: 'right' });
    expect(noTenant.message).toBe(
      `pyroscope ${server.url}: HTTP 401: unauthenticated: no org id: set PYROSCOPE_TOKEN (Bearer) or PYROSCOPE_BASIC_AUTH_USER and PYROSCOPE_BASIC_AUTH_PASSWORD (Basic); a multi-tenant server also needs tenant: (X-Scope-OrgID) in pgo.yaml`,
    );
  });

  it('fails the instance, not retryable, when nothing matches the selector or the window', async () => {
    const server = await fake();
    const other = await captureError(config(server.url, { query: '{service_name="other"}' }));
    expect(other.message).toBe(`pyroscope ${server.url}: no samples matched in the window: check the query, the profile type and the window (from/until)`);
    expect(other.retryable).toBe(false);
    await captureError(config(server.url, { from: 'now-5m' }));
  });

  it('passes the server’s rejection of a malformed profile type on, not retryable', async () => {
    const server = await fake();
    const error = await captureError(config(server.url, { profileType: 'process_cpu' }));
    expect(error.message).toMatch(new RegExp(`^pyroscope ${server.url}: HTTP 400: invalid_argument: profile-type selection must be of the form`));
    expect(error.retryable).toBe(false);
  });

  it('retries 5xx and unreachable servers but not a body that is no profile', async () => {
    const failing = await startFakeServer((_, res) => res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"code":"unavailable","message":"too many queries"}'));
    const html = await startFakeServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Grafana</html>'));
    const garbage = await startFakeServer((_, res) => res.writeHead(200, { 'Content-Type': 'application/proto' }).end(Buffer.from([0x0a, 0xff, 0xff])));
    fakes.push(failing, html, garbage);

    const unavailable = await captureError(config(failing.url));
    expect(unavailable.message).toBe(`pyroscope ${failing.url}: HTTP 503: unavailable: too many queries: the service failed; it is retried`);
    expect(unavailable.retryable).toBe(true);

    const url = `http://127.0.0.1:${await unusedPort()}`;
    const unreachable = await captureError(config(url));
    expect(unreachable.message).toMatch(new RegExp(`^pyroscope ${url}: cannot reach ${url}/querier.v1.QuerierService/SelectMergeStacktraces \\(connect ECONNREFUSED [^)]*\\): check the URL and that the service is up`));
    expect(unreachable.retryable).toBe(true);

    const page = await captureError(config(html.url));
    expect(page.message).toBe(
      `pyroscope ${html.url}: SelectMergeStacktraces answered text/html, not a Connect protobuf response: give the Pyroscope server's base URL (the part before /querier.v1.QuerierService)`,
    );
    expect(page.retryable).toBe(false);

    const broken = await captureError(config(garbage.url));
    expect(broken.message).toMatch(new RegExp(`^pyroscope ${garbage.url}: the response is not the protobuf message Pyroscope sends \\(`));
    expect(broken.retryable).toBe(false);
  });

  it('gives up without retry when the run aborts', async () => {
    const hanging = await startFakeServer(() => undefined);
    fakes.push(hanging);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Ctrl-C')), 50);
    const error = await captureError(config(hanging.url), {}, controller.signal);
    expect(error.message).toBe(`pyroscope ${hanging.url}: gave up waiting for ${hanging.url}/querier.v1.QuerierService/SelectMergeStacktraces (Ctrl-C)`);
    expect(error.retryable).toBe(false);
  });

  it('rejects a window that is not a time when it opens', async () => {
    await expect(openPyroscope(config('https://pyroscope.example.com/', { from: 'yesterday' }), sourceContext())).rejects.toThrow(
      new RemoteSourceError(
        "pyroscope https://pyroscope.example.com: from 'yesterday' is not a time: write now, now-<n>s/m/h/d (e.g. now-1h) or an RFC 3339 time such as 2024-05-01T12:00:00Z",
      ),
    );
  });
});
