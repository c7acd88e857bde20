// Parca: the profiles matching a query merged over a window, as pprof, from
// parca.query.v1alpha1.QueryService/Query with mode MODE_MERGE and report_type
// REPORT_TYPE_PPROF; the response's `pprof` bytes field (6) holds a gzipped pprof.
//
// Transport: gRPC-web (binary, `application/grpc-web+proto`) at <url>/parca.query.v1alpha1.
// QueryService/Query, over plain HTTP/1.1 or HTTPS. It is what Parca's own web UI speaks, so it
// works wherever the UI does, path prefixes and proxies included; Parca's server hands every
// `application/grpc*` request to its gRPC server (pkg/server: grpcweb.WrapServer). The REST
// gateway (/api/profiles/query) would take the nested oneof and timestamps as query parameters.
//
// Auth: PARCA_TOKEN, sent as `Authorization: Bearer …` when set.
import type { ParcaSourceConfig } from '../config/pgo-settings';
import { bytesField, decodeFields, encodeFields, ProtobufWireError, type ProtoField } from './protobuf-wire';
import { oneLine, remoteFetch, statusError, type RemoteResponse } from './remote-http';
import { readyRemoteProfile } from './remote-profile';
import { InstanceCaptureError, type CaptureInstance, type OpenSource } from './source';
import { resolveWindow, showWindow, type TimeWindow } from './time-window';

const METHOD = 'parca.query.v1alpha1.QueryService/Query';
/** QueryRequest.Mode.MODE_MERGE */
const MODE_MERGE = 2;
/** QueryRequest.ReportType.REPORT_TYPE_PPROF */
const REPORT_TYPE_PPROF = 1;
const AUTH_ADVICE = 'set PARCA_TOKEN (sent as a Bearer token)';
/** gRPC status codes worth another attempt: UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE, DATA_LOSS. */
const RETRYABLE_GRPC = new Set([2, 4, 8, 10, 13, 14, 15]);
const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

export const openParca: OpenSource<ParcaSourceConfig> = async (config, context) => {
  const url = config.url.replace(/\/+$/, '');
  const label = `parca ${url}`;
  const window = resolveWindow(label, config.from, config.until, context.now);
  const headers: Record<string, string> = { 'Content-Type': 'application/grpc-web+proto', 'X-Grpc-Web': '1' };
  const token = context.env['PARCA_TOKEN'];
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const instance: CaptureInstance = {
    source: config.name,
    kind: 'parca',
    instance: `${url} ${config.query}`,
    capture: async ({ signal, onState }) => {
      onState('querying');
      const body = grpcWebFrame(queryRequest(config.query, window));
      const response = await remoteFetch(label, `${url}/${METHOD}`, { method: 'POST', headers, body }, signal);
      const ready = readyRemoteProfile(label, pprofOf(label, response));
      return { bytes: ready.bytes, notes: [`${config.query} over ${showWindow(window)}`, ...ready.notes], attempts: 1 };
    },
  };
  return { instances: [instance], close: async () => {} };
};

function queryRequest(query: string, window: TimeWindow): Uint8Array {
  const merge = encodeFields([{ field: 1, bytes: query }, { field: 2, bytes: timestamp(window.start) }, { field: 3, bytes: timestamp(window.end) }]);
  return encodeFields([
    { field: 1, varint: MODE_MERGE },
    { field: 3, bytes: merge },
    { field: 5, varint: REPORT_TYPE_PPROF },
  ]);
}

/** google.protobuf.Timestamp {seconds = 1, nanos = 2}. */
function timestamp(time: Date): Uint8Array {
  const ms = time.getTime();
  const fields: ProtoField[] = [{ field: 1, varint: Math.floor(ms / 1000) }];
  if (ms % 1000 !== 0) fields.push({ field: 2, varint: (ms % 1000) * 1_000_000 });
  return encodeFields(fields);
}

/** The pprof bytes of a gRPC-web QueryResponse, or the error the response stands for. */
function pprofOf(label: string, response: RemoteResponse): Uint8Array {
  if (response.status !== 200) {
    const advice = response.status === 401 || response.status === 403 ? AUTH_ADVICE : response.status === 404 ? `no ${METHOD} there: give Parca's base URL` : undefined;
    throw statusError(label, response.status, oneLine(response.body.toString('utf8')), advice);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!type.startsWith('application/grpc-web')) {
    throw new InstanceCaptureError(`${label}: answered ${type || 'no content type'}, not gRPC-web: give Parca's base URL (the part before /${METHOD})`, false);
  }
  try {
    const { messages, trailers } = readGrpcWeb(response.body);
    const status = Number(response.headers.get('grpc-status') ?? trailers.get('grpc-status') ?? NaN);
    if (status !== 0) throw grpcError(label, status, response.headers.get('grpc-message') ?? trailers.get('grpc-message') ?? '');
    const pprof = messages.length === 1 ? bytesField(decodeFields(messages[0]!), 6) : undefined;
    if (!pprof) {
      throw new InstanceCaptureError(`${label}: the QueryResponse holds no pprof report: this Parca does not serve REPORT_TYPE_PPROF; upgrade it`, false);
    }
    return pprof;
  } catch (error) {
    if (!(error instanceof ProtobufWireError)) throw error;
    throw new InstanceCaptureError(`${label}: the response is not the gRPC-web message Parca sends (${error.message}): check the URL`, false, { cause: error });
  }
}

/** A gRPC-web data frame: flag 0 (uncompressed), the length as 4 bytes big-endian, the message. */
function grpcWebFrame(message: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** The frames of a gRPC-web response; flag 0x80 marks the trailers (`key: value` lines). */
function readGrpcWeb(body: Buffer): { messages: Uint8Array[]; trailers: Map<string, string> } {
  const messages: Uint8Array[] = [];
  const trailers = new Map<string, string>();
  for (let pos = 0; pos < body.length; ) {
    if (pos + 5 > body.length) throw new ProtobufWireError(`truncated gRPC-web frame header at byte ${pos}`);
    const flag = body[pos]!;
    const length = body.readUInt32BE(pos + 1);
    const data = body.subarray(pos + 5, pos + 5 + length);
    if (data.length !== length) throw new ProtobufWireError(`truncated gRPC-web frame at byte ${pos}`);
    pos += 5 + length;
    if (flag & 0x01) throw new ProtobufWireError('compressed gRPC-web frame, though none was asked for');
    if (flag & 0x80) {
      for (const line of data.toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    } else {
      messages.push(data);
    }
  }
  return { messages, trailers };
}

function grpcError(label: string, status: number, encodedMessage: string): InstanceCaptureError {
  if (!Number.isInteger(status)) return new InstanceCaptureError(`${label}: the gRPC-web response carries no grpc-status: check the URL`, false);
  let message = encodedMessage;
  try {
    message = decodeURIComponent(encodedMessage); // grpc-message is percent-encoded
  } catch {
    // keep it as sent
  }
  const name = GRPC_CODES[status] ?? 'UNKNOWN';
  const advice = status === 16 || status === 7 ? AUTH_ADVICE : status === 3 ? 'check the query (it needs a profile type, e.g. parca_agent:samples:count:cpu:nanoseconds:delta{…})' : '';
  const what = [`gRPC status ${status} ${name}`, oneLine(message), advice].filter((part) => part !== '');
  return new InstanceCaptureError(`${label}: ${what.join(': ')}`, RETRYABLE_GRPC.has(status));
}
