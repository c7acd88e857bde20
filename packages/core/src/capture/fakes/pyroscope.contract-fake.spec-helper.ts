// Contract fake of Grafana Pyroscope's querier (Connect protocol, unary, `application/proto`),
// following api/querier/v1/querier.proto as published (the messages below are copied from it,
// field numbers included) and connect-go's error conventions: errors are JSON {code, message}
// with the HTTP status of the code (invalid_argument 400, unauthenticated 401, unimplemented
// 501), unknown routes are the Go mux's 404. Only what the go-pgo client needs is served.
// It answers from real Go CPU profiles; `generation` picks which Pyroscope it behaves as.
import type { ServerResponse } from 'node:http';
import { encode } from '@go-pgo/pprof';
import protobuf from 'protobufjs';
import { startFakeServer, type FakeServer, type RecordedRequest } from './fake-http-server.spec-helper';
import { answerMerge, parseProfileType, parseSelector, type StoredSeries } from './profile-series.spec-helper';

const QUERIER_PROTO = `
syntax = "proto3";
package querier.v1;
message SelectMergeStacktracesRequest {
  string profile_typeID = 1;
  string label_selector = 2;
  int64 start = 3;
  int64 end = 4;
  optional int64 max_nodes = 5;
  ProfileFormat format = 6;
}
enum ProfileFormat {
  PROFILE_FORMAT_UNSPECIFIED = 0;
  PROFILE_FORMAT_FLAMEGRAPH = 1;
  PROFILE_FORMAT_TREE = 2;
  PROFILE_FORMAT_DOT = 3;
  PROFILE_FORMAT_PPROF = 4;
}
message SelectMergeStacktracesResponse {
  FlameGraph flamegraph = 1;
  bytes tree = 2;
  PprofProfile pprof = 5;
}
// google.v1.Profile is declared as bytes: same wire type, and its bytes are the pprof.
message PprofProfile { bytes profile = 1; }
message FlameGraph {
  repeated string names = 1;
  int64 total = 3;
}
message SelectMergeProfileRequest {
  string profile_typeID = 1;
  string label_selector = 2;
  int64 start = 3;
  int64 end = 4;
  optional int64 max_nodes = 5;
}
`;
const root = protobuf.parse(QUERIER_PROTO, { keepCase: true }).root;
const StacktracesRequest = root.lookupType('querier.v1.SelectMergeStacktracesRequest');
const StacktracesResponse = root.lookupType('querier.v1.SelectMergeStacktracesResponse');
const MergeProfileRequest = root.lookupType('querier.v1.SelectMergeProfileRequest');

/**
 * current: SelectMergeStacktraces serves format PROFILE_FORMAT_PPROF (recent Pyroscope);
 * flamegraph-only: it knows no pprof format and answers a flame graph (older 1.x);
 * unimplemented: SelectMergeStacktraces answers Connect `unimplemented`.
 */
export type PyroscopeGeneration = 'current' | 'flamegraph-only' | 'unimplemented';

export interface PyroscopeFakeOptions {
  series: StoredSeries;
  generation?: PyroscopeGeneration;
  /** Multi-tenant mode: requests without this X-Scope-OrgID are unauthenticated. */
  tenant?: string;
  /** An authenticating proxy in front: requests without this exact Authorization get 401. */
  authorization?: string;
}

export interface DecodedQuery {
  method: 'SelectMergeStacktraces' | 'SelectMergeProfile';
  profileTypeID: string;
  labelSelector: string;
  start: number;
  end: number;
  format?: number;
}

export interface PyroscopeFake extends FakeServer {
  /** Every request the fake accepted, decoded with the published schema. */
  queries: DecodedQuery[];
}

export async function startPyroscopeFake(options: PyroscopeFakeOptions): Promise<PyroscopeFake> {
  const queries: DecodedQuery[] = [];
  const server = await startFakeServer((request, response) => {
    const method = /^\/querier\.v1\.QuerierService\/(SelectMergeStacktraces|SelectMergeProfile)$/.exec(request.path)?.[1] as DecodedQuery['method'] | undefined;
    if (!method) return void response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return void response.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (contentType !== 'application/proto') return void response.writeHead(415, { 'Accept-Post': 'application/proto' }).end();
    const version = request.headers['connect-protocol-version'];
    if (version !== undefined && version !== '1') return connectError(response, 'invalid_argument', `connect-protocol-version must be "1": got "${String(version)}"`);
    if (options.tenant !== undefined && request.headers['x-scope-orgid'] !== options.tenant) return connectError(response, 'unauthenticated', 'no org id');
    if (method === 'SelectMergeStacktraces' && options.generation === 'unimplemented') {
      return connectError(response, 'unimplemented', 'querier.v1.QuerierService.SelectMergeStacktraces is not implemented');
    }
    let query: DecodedQuery;
    try {
      query = decodeQuery(method, request);
    } catch (error) {
      return connectError(response, 'invalid_argument', `unmarshal into ${method}Request: ${String(error)}`);
    }
    const type = parseProfileType(query.profileTypeID);
    if (!type) return connectError(response, 'invalid_argument', `profile-type selection must be of the form <name>:<sample-type>:<sample-unit>:<period-type>:<period-unit>(:delta), got(${query.profileTypeID})`);
    const matchers = parseSelector(query.labelSelector);
    if (!matchers) return connectError(response, 'invalid_argument', `1:2: parse error: unexpected label selector ${query.labelSelector}`);
    if (!(query.start > 0 && query.end > query.start)) return connectError(response, 'invalid_argument', `invalid time range: start ${query.start} end ${query.end}`);
    queries.push(query);
    const profile = encode(answerMerge(options.series, type, matchers, query.start, query.end), { gzip: false });
    const body =
      method === 'SelectMergeProfile'
        ? profile
        : query.format === 4 && options.generation !== 'flamegraph-only'
          ? StacktracesResponse.encode({ pprof: { profile } }).finish()
          : StacktracesResponse.encode({ flamegraph: { names: ['total'], total: 1 } }).finish();
    response.writeHead(200, { 'Content-Type': 'application/proto' }).end(Buffer.from(body));
  });
  return { ...server, queries };
}

function decodeQuery(method: DecodedQuery['method'], request: RecordedRequest): DecodedQuery {
  const type = method === 'SelectMergeStacktraces' ? StacktracesRequest : MergeProfileRequest;
  const message = type.toObject(type.decode(request.body), { longs: Number, enums: Number, defaults: true }) as {
    profile_typeID: string;
    label_selector: string;
    start: number;
    end: number;
    format?: number;
  };
  return { method, profileTypeID: message.profile_typeID, labelSelector: message.label_selector, start: message.start, end: message.end, format: message.format };
}

const CONNECT_STATUS: Record<string, number> = { invalid_argument: 400, unauthenticated: 401, unimplemented: 501, internal: 500, unavailable: 503 };

export function connectError(response: ServerResponse, code: string, message: string): void {
  response.writeHead(CONNECT_STATUS[code] ?? 500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code, message }));
}
