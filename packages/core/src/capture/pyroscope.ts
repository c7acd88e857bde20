// Grafana Pyroscope: the profile of a label selector merged over a window, as pprof, from the
// querier's Connect API (connectrpc.com protocol, unary, binary protobuf: `application/proto`).
// Binary, not JSON, because the pprof arrives as an embedded google.v1.Profile message, whose
// bytes are the pprof itself; in JSON it would be the profile re-spelled field by field.
//
// 1. POST <url>/querier.v1.QuerierService/SelectMergeStacktraces with format
//    PROFILE_FORMAT_PPROF (4): the response's field 5 (PprofProfile) holds the profile in its
//    field 1 (api/querier/v1/querier.proto).
// 2. A server from before that format answers `unimplemented` (HTTP 501), 404, or ignores the
//    format and sends a flame graph: then SelectMergeProfile, whose response is the profile.
//
// Auth, as Grafana's Pyroscope clients name it: PYROSCOPE_BASIC_AUTH_USER and
// PYROSCOPE_BASIC_AUTH_PASSWORD (Basic; Grafana Cloud: the stack's user id and an access policy
// token), else PYROSCOPE_TOKEN (Bearer, e.g. a Grafana service account token behind the Grafana
// data source proxy). `tenant:` in pgo.yaml becomes X-Scope-OrgID (multi-tenant servers).
import type { PyroscopeSourceConfig } from '../config/pgo-settings';
import { authAdvice, authorizationFromEnv } from '../http/auth-from-env';
import { bytesField, decodeFields, encodeFields, ProtobufWireError, type ProtoField, type ProtoValue } from './protobuf-wire';
import { oneLine, remoteFetch, statusError, type RemoteResponse } from './remote-http';
import { readyRemoteProfile } from './remote-profile';
import { InstanceCaptureError, type CaptureInstance, type OpenSource } from './source';
import { resolveWindow, showWindow, type TimeWindow } from './time-window';

const SERVICE = 'querier.v1.QuerierService';
/** querier.v1.ProfileFormat.PROFILE_FORMAT_PPROF */
const PROFILE_FORMAT_PPROF = 4;
const AUTH_ADVICE = authAdvice('PYROSCOPE');

export const openPyroscope: OpenSource<PyroscopeSourceConfig> = async (config, context) => {
  const url = config.url.replace(/\/+$/, '');
  const label = `pyroscope ${url}`;
  const window = resolveWindow(label, config.from, config.until, context.now);
  const client = new ConnectClient(label, url, requestHeaders(config, context.env));
  const instance: CaptureInstance = {
    source: config.name,
    kind: 'pyroscope',
    instance: `${url} ${config.query}`,
    capture: async ({ signal, onState }) => {
      onState('querying');
      const fetched = await fetchMergedProfile(client, config, window, signal, onState);
      const ready = readyRemoteProfile(label, fetched.bytes);
      return { bytes: ready.bytes, notes: [`${config.profileType} ${config.query} over ${showWindow(window)}`, ...fetched.notes, ...ready.notes], attempts: 1 };
    },
  };
  return { instances: [instance], close: async () => {} };
};

async function fetchMergedProfile(
  client: ConnectClient,
  config: PyroscopeSourceConfig,
  window: TimeWindow,
  signal: AbortSignal,
  onState: (state: string) => void,
): Promise<{ bytes: Uint8Array; notes: string[] }> {
  // Fields 1-4 are the same in SelectMergeStacktracesRequest and SelectMergeProfileRequest.
  const query: ProtoField[] = [
    { field: 1, bytes: config.profileType },
    { field: 2, bytes: config.query },
    { field: 3, varint: window.start.getTime() },
    { field: 4, varint: window.end.getTime() },
  ];
  const stacktraces = await client.post('SelectMergeStacktraces', encodeFields([...query, { field: 6, varint: PROFILE_FORMAT_PPROF }]), signal);
  let why: string;
  if (stacktraces.status === 200) {
    const pprof = client.parse(client.body('SelectMergeStacktraces', stacktraces), (fields) => {
      const wrapper = bytesField(fields, 5);
      return wrapper && bytesField(decodeFields(wrapper), 1);
    });
    if (pprof) return { bytes: pprof, notes: [] };
    why = 'ignored format PROFILE_FORMAT_PPROF';
  } else {
    const error = connectError(stacktraces);
    if (!(error.code === 'unimplemented' || stacktraces.status === 404 || stacktraces.status === 501)) throw client.failure('SelectMergeStacktraces', stacktraces);
    why = `answered HTTP ${stacktraces.status}${error.code ? ` ${error.code}` : ''}`;
  }
  onState('querying (SelectMergeProfile)');
  const profile = await client.post('SelectMergeProfile', encodeFields(query), signal);
  if (profile.status !== 200) throw client.failure('SelectMergeProfile', profile);
  return {
    bytes: client.body('SelectMergeProfile', profile),
    notes: [`SelectMergeStacktraces ${why} (a Pyroscope from before pprof output there): used SelectMergeProfile`],
  };
}

/** Connect unary calls (https://connectrpc.com/docs/protocol) with protobuf bodies. */
class ConnectClient {
  constructor(
    private readonly label: string,
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  post(method: string, body: Uint8Array, signal: AbortSignal): Promise<RemoteResponse> {
    return remoteFetch(this.label, `${this.url}/${SERVICE}/${method}`, { method: 'POST', headers: this.headers, body }, signal);
  }

  /** The message of a 200 response; anything but protobuf means the URL is not the API. */
  body(method: string, response: RemoteResponse): Uint8Array {
    const type = contentType(response);
    if (type !== 'application/proto') {
      throw new InstanceCaptureError(
        `${this.label}: ${method} answered ${type || 'no content type'}, not a Connect protobuf response: give the Pyroscope server's base URL (the part before /${SERVICE})`,
        false,
      );
    }
    return response.body;
  }

  /** The error for a response that is not 200, with what to do about it. */
  failure(method: string, response: RemoteResponse): InstanceCaptureError {
    const error = connectError(response);
    const unauthorized = response.status === 401 || response.status === 403 || error.code === 'unauthenticated' || error.code === 'permission_denied';
    const advice = unauthorized
      ? `${AUTH_ADVICE}${this.headers['X-Scope-OrgID'] ? '' : '; a multi-tenant server also needs tenant: (X-Scope-OrgID) in pgo.yaml'}`
      : response.status === 404
        ? `no ${method} there: give the Pyroscope server's base URL (the part before /${SERVICE})`
        : undefined;
    return statusError(this.label, response.status, error.text, advice);
  }

  /** Reads a response message; a body that is no protobuf fails the instance. */
  parse<T>(body: Uint8Array, read: (fields: ProtoValue[]) => T): T {
    try {
      return read(decodeFields(body));
    } catch (error) {
      if (!(error instanceof ProtobufWireError)) throw error;
      throw new InstanceCaptureError(`${this.label}: the response is not the protobuf message Pyroscope sends (${error.message}): check the URL`, false, {
        cause: error,
      });
    }
  }
}

function requestHeaders(config: PyroscopeSourceConfig, env: NodeJS.ProcessEnv): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/proto', 'Connect-Protocol-Version': '1' };
  const authorization = authorizationFromEnv(env, 'PYROSCOPE');
  if (authorization !== undefined) headers['Authorization'] = authorization;
  if (config.tenant) headers['X-Scope-OrgID'] = config.tenant;
  return headers;
}

/** A Connect error body is JSON {code, message}; proxies in front may send anything. */
function connectError(response: RemoteResponse): { code: string | undefined; text: string } {
  const raw = response.body.toString('utf8');
  if (contentType(response) === 'application/json') {
    try {
      const parsed = JSON.parse(raw) as { code?: unknown; message?: unknown };
      if (typeof parsed.code === 'string') {
        return { code: parsed.code, text: typeof parsed.message === 'string' ? `${parsed.code}: ${parsed.message}` : parsed.code };
      }
    } catch {
      // not Connect's JSON: fall through to the raw text
    }
  }
  return { code: undefined, text: oneLine(raw) };
}

function contentType(response: RemoteResponse): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
