// Prometheus's HTTP API, the one call pgo-canary needs: GET /api/v1/query_range
// (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries), which answers
// {"status": "success", "data": {"resultType": "matrix", "result": [{"metric": {…},
// "values": [[<unix seconds>, "<value>"], …]}]}}, or {"status": "error", "errorType", "error"}.
// Credentials from PROMETHEUS_TOKEN or PROMETHEUS_BASIC_AUTH_USER/_PASSWORD.
import { networkCause, oneLine } from '../capture/remote-http';
import { authAdvice, authorizationFromEnv } from '../http/auth-from-env';
import { CanaryError } from './canary-error';

export interface RangeQuery {
  /** The Prometheus base URL, e.g. http://prometheus:9090 (a path prefix is kept). */
  url: string;
  query: string;
  start: Date;
  end: Date;
  /** A Prometheus duration, e.g. 15s. */
  step: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface Series {
  metric: Record<string, string>;
  /** [unix seconds, value] in time order; NaN and ±Inf as Prometheus spells them. */
  values: [number, number][];
}

const TIMEOUT_MS = 60_000;

export async function queryRange(request: RangeQuery): Promise<Series[]> {
  const endpoint = new URL(`${request.url.replace(/\/+$/, '')}/api/v1/query_range`);
  const params = { query: request.query, start: seconds(request.start), end: seconds(request.end), step: request.step };
  for (const [key, value] of Object.entries(params)) endpoint.searchParams.set(key, value);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const authorization = authorizationFromEnv(request.env, 'PROMETHEUS');
  if (authorization !== undefined) headers['Authorization'] = authorization;
  const signal = request.signal === undefined ? AbortSignal.timeout(TIMEOUT_MS) : AbortSignal.any([request.signal, AbortSignal.timeout(TIMEOUT_MS)]);
  let response: Response;
  let text: string;
  try {
    response = await fetch(endpoint, { headers, signal });
    text = await response.text();
  } catch (error) {
    throw new CanaryError('unreachable', `Prometheus at ${request.url} cannot be reached (${networkCause(error)}): check canary.prometheus (--prometheus) and that it is up and reachable from here`, {
      cause: error,
    });
  }
  const body = parseBody(text);
  if (response.status === 401 || response.status === 403) {
    throw new CanaryError('unreachable', `Prometheus at ${request.url} refused the request (HTTP ${response.status}): ${authAdvice('PROMETHEUS')}`);
  }
  if (body === undefined) {
    throw new CanaryError('unreachable', `${request.url} answered HTTP ${response.status} with something that is not Prometheus's JSON (${oneLine(text, 120)}): check that canary.prometheus is Prometheus's base URL`);
  }
  if (body.status !== 'success') {
    throw new CanaryError('query-failed', `Prometheus at ${request.url} rejected the query ${request.query} (${body.errorType ?? `HTTP ${response.status}`}: ${body.error ?? 'no detail'}): fix canary.queries or the selectors`);
  }
  if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
    throw new CanaryError('query-failed', `Prometheus at ${request.url} answered the query ${request.query} with a ${body.data?.resultType ?? 'missing'} result, not a range of samples`);
  }
  return body.data.result.map((series) => ({ metric: series.metric ?? {}, values: (series.values ?? []).map(([t, v]) => [Number(t), Number(v)]) }));
}

interface ApiBody {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: { metric?: Record<string, string>; values?: [number, string][] }[] };
}

function parseBody(text: string): ApiBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'status' in value ? (value as ApiBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Unix seconds with milliseconds, as the API takes them. */
function seconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3);
}
