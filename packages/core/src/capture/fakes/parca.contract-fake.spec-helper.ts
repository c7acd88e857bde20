// Contract fake of Parca's QueryService over gRPC-web (binary), as Parca's server takes it
// (pkg/server: `application/grpc*` requests go to grpcweb.WrapServer, any path prefix): POST
// <url>/parca.query.v1alpha1.QueryService/Query with one length-prefixed QueryRequest frame;
// the answer is HTTP 200 with a QueryResponse frame and a trailer frame (grpc-status), or a
// trailers-only error (grpc-status in the headers). Messages follow parca/query/v1alpha1/
// query.proto as published (copied below with their field numbers). Merge answers come from a
// real Go CPU profile, gzipped as Parca writes its pprof report.
import type { ServerResponse } from 'node:http';
import { encode } from '@go-pgo/pprof';
import protobuf from 'protobufjs';
import { startFakeServer, type FakeServer } from './fake-http-server.spec-helper';
import { answerMerge, parseProfileType, parseSelector, type StoredSeries } from './profile-series.spec-helper';

const QUERY_PROTO = `
syntax = "proto3";
package parca.query.v1alpha1;
// google.protobuf.Timestamp, declared here: the same fields and wire format.
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
message MergeProfile {
  string query = 1;
  Timestamp start = 2;
  Timestamp end = 3;
}
message SingleProfile { Timestamp time = 1; string query = 2; }
message QueryRequest {
  enum Mode { MODE_SINGLE_UNSPECIFIED = 0; MODE_DIFF = 1; MODE_MERGE = 2; }
  Mode mode = 1;
  oneof options {
    bytes diff = 2;
    MergeProfile merge = 3;
    SingleProfile single = 4;
  }
  enum ReportType {
    REPORT_TYPE_FLAMEGRAPH_UNSPECIFIED = 0;
    REPORT_TYPE_PPROF = 1;
    REPORT_TYPE_TOP = 2;
    REPORT_TYPE_CALLGRAPH = 3;
    REPORT_TYPE_FLAMEGRAPH_TABLE = 4;
    REPORT_TYPE_FLAMEGRAPH_ARROW = 5;
  }
  ReportType report_type = 5;
  optional string filter_query = 6;
}
message Flamegraph { int64 total = 2; string unit = 3; }
message QueryResponse {
  oneof report {
    Flamegraph flamegraph = 5;
    bytes pprof = 6;
  }
  int64 total = 9;
  int64 filtered = 10;
}
`;
const root = protobuf.parse(QUERY_PROTO, { keepCase: true }).root;
const QueryRequest = root.lookupType('parca.query.v1alpha1.QueryRequest');
const QueryResponse = root.lookupType('parca.query.v1alpha1.QueryResponse');

export interface ParcaFakeOptions {
  series: StoredSeries;
  /** Requests without this exact `authorization` metadata get UNAUTHENTICATED. */
  authorization?: string;
}

export interface DecodedParcaQuery {
  mode: number;
  reportType: number;
  query: string;
  /** ms since the epoch */
  start: number;
  end: number;
}

export interface ParcaFake extends FakeServer {
  queries: DecodedParcaQuery[];
}

interface TimestampObject {
  seconds: number;
  nanos: number;
}

export async function startParcaFake(options: ParcaFakeOptions): Promise<ParcaFake> {
  const queries: DecodedParcaQuery[] = [];
  const server = await startFakeServer((request, response) => {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
    // Parca routes on the content type; anything else reaches its UI and API gateway mux.
    if (!contentType.startsWith('application/grpc')) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n');
    if (request.method !== 'POST' || !['application/grpc-web', 'application/grpc-web+proto'].includes(contentType)) {
      return void response.writeHead(415).end(`unsupported content type ${contentType}`);
    }
    if (!request.path.endsWith('/parca.query.v1alpha1.QueryService/Query')) return grpcStatus(response, 12, `unknown method ${request.path}`);
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return grpcStatus(response, 16, 'invalid or missing bearer token');
    }
    const body = request.body;
    if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) return grpcStatus(response, 13, 'grpc: malformed gRPC-web frame');
    let message: { mode: number; report_type: number; merge?: { query: string; start?: TimestampObject; end?: TimestampObject } };
    try {
      message = QueryRequest.toObject(QueryRequest.decode(body.subarray(5)), { longs: Number, enums: Number, defaults: true }) as typeof message;
    } catch (error) {
      return grpcStatus(response, 13, `grpc: error unmarshalling request: ${String(error)}`);
    }
    const merge = message.merge;
    if (message.mode !== 2 || !merge) return grpcStatus(response, 3, 'unknown mode for merge query: expected MODE_MERGE with merge options');
    if (!merge.start || !merge.end) return grpcStatus(response, 3, 'merge query needs start and end');
    const start = merge.start.seconds * 1000 + merge.start.nanos / 1e6;
    const end = merge.end.seconds * 1000 + merge.end.nanos / 1e6;
    const braceAt = merge.query.indexOf('{');
    const type = parseProfileType(braceAt < 0 ? merge.query : merge.query.slice(0, braceAt));
    const matchers = parseSelector(braceAt < 0 ? '{}' : merge.query.slice(braceAt));
    if (!type || !matchers) return grpcStatus(response, 3, `failed to parse query: ${merge.query}`);
    if (!(end > start)) return grpcStatus(response, 3, 'start must be before end');
    queries.push({ mode: message.mode, reportType: message.report_type, query: merge.query, start, end });
    const profile = answerMerge(options.series, type, matchers, start, end);
    const report = message.report_type === 1 ? { pprof: encode(profile) } : { flamegraph: { total: profile.sample.length, unit: type.sampleUnit } };
    const reply = QueryResponse.encode({ ...report, total: 0, filtered: 0 }).finish();
    response.writeHead(200, { 'Content-Type': 'application/grpc-web+proto' });
    response.end(Buffer.concat([frame(0x00, reply), frame(0x80, Buffer.from('grpc-status:0\r\ngrpc-message:\r\n'))]));
  });
  return { ...server, queries };
}

function frame(flag: number, data: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(flag, 0);
  header.writeUInt32BE(data.length, 1);
  return Buffer.concat([header, data]);
}

/** A trailers-only gRPC-web error: HTTP 200, the status in the headers, no body. */
function grpcStatus(response: ServerResponse, code: number, message: string): void {
  response.writeHead(200, { 'Content-Type': 'application/grpc-web+proto', 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message) }).end();
}
