// queryRange against a real Prometheus (Debian's package) that requires basic auth: the
// credentials come from PROMETHEUS_BASIC_AUTH_USER/_PASSWORD; wrong ones, a query Prometheus
// rejects, and a selector without data are each one clear error. (Prometheus itself has no
// bearer tokens; authorizationFromEnv's Bearer form is checked on its own.)
import { startPrometheus, type RunningPrometheus } from '../../../../tools/test-support/prometheus';
import { authorizationFromEnv } from '../http/auth-from-env';
import { CanaryError } from './canary-error';
import { queryRange } from './prometheus';

/** bcrypt of "s3cret" (python3 crypt, METHOD_BLOWFISH), as Prometheus's web config wants it. */
const BCRYPT = '$2b$12$2HO2V.zVnm3sQ4ThFC3Y0.078YC9ACBlMXmhHtyZqFMM4ffLKQU.6';
const AUTH = { PROMETHEUS_BASIC_AUTH_USER: 'pgo', PROMETHEUS_BASIC_AUTH_PASSWORD: 's3cret' };

let prometheus: RunningPrometheus;

beforeAll(async () => {
  prometheus = await startPrometheus([], { basicAuth: { user: 'pgo', bcrypt: BCRYPT } });
});
afterAll(async () => {
  await prometheus?.stop();
});

const range = (query: string, env: NodeJS.ProcessEnv) => queryRange({ url: prometheus.url, query, start: new Date(Date.now() - 60_000), end: new Date(), step: '5s', env });

async function failure(work: Promise<unknown>): Promise<CanaryError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CanaryError);
  return error as CanaryError;
}

test('with the credentials: the matrix of a query, one series per label set (vector(1) over the window)', async () => {
  const series = await range('vector(1)', AUTH);
  expect(series).toHaveLength(1);
  expect(series[0]!.values.length).toBeGreaterThanOrEqual(12);
  expect(series[0]!.values.every(([time, value]) => Number.isFinite(time) && value === 1)).toBe(true);
  expect(await range('process_cpu_seconds_total{job="nothing-scraped"}', AUTH)).toEqual([]);
});

test('without or with wrong credentials: refused, saying which variables to set', async () => {
  for (const env of [{}, { ...AUTH, PROMETHEUS_BASIC_AUTH_PASSWORD: 'wrong' }]) {
    const error = await failure(range('vector(1)', env));
    expect(error).toMatchObject({
      code: 'unreachable',
      message: `Prometheus at ${prometheus.url} refused the request (HTTP 401): set PROMETHEUS_TOKEN (Bearer) or PROMETHEUS_BASIC_AUTH_USER and PROMETHEUS_BASIC_AUTH_PASSWORD (Basic)`,
    });
  }
});

test('a query Prometheus rejects names the query and its error', async () => {
  const error = await failure(range('sum(rate(process_cpu_seconds_total{job="x"}[1m])', AUTH));
  expect(error.code).toBe('query-failed');
  expect(error.message).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ rejected the query sum\(rate\(process_cpu_seconds_total\{job="x"\}\[1m\]\) \(bad_data: .*\): fix canary\.queries or the selectors$/);
});

test('Basic wins over a token; a token alone is a Bearer', () => {
  expect(authorizationFromEnv({ PROMETHEUS_TOKEN: 't', ...AUTH }, 'PROMETHEUS')).toBe(`Basic ${Buffer.from('pgo:s3cret').toString('base64')}`);
  expect(authorizationFromEnv({ PROMETHEUS_TOKEN: 't' }, 'PROMETHEUS')).toBe('Bearer t');
  expect(authorizationFromEnv({}, 'PROMETHEUS')).toBeUndefined();
});
