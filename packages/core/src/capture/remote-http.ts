// One HTTP exchange with a remote profile service (Pyroscope, Parca, Cloud Profiler), and the
// errors every such exchange can end in, worded the same way for all of them. `label` names
// the source as a person configured it (`pyroscope https://…`) and starts every message.
// Connection failures, timeouts, 5xx, 408 and 429 are retryable; other statuses are not.
import { InstanceCaptureError } from './source';

export interface RemoteRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface RemoteResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Sends the request; throws InstanceCaptureError when no complete response arrives. */
export async function remoteFetch(label: string, url: string, request: RemoteRequest, signal: AbortSignal): Promise<RemoteResponse> {
  try {
    const response = await fetch(url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'follow' });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  } catch (error) {
    if (signal.aborted) {
      throw new InstanceCaptureError(`${label}: gave up waiting for ${url} (${abortReason(signal)})`, false, { cause: error });
    }
    throw new InstanceCaptureError(`${label}: cannot reach ${url} (${networkCause(error)}): check the URL and that the service is up and reachable from here`, true, {
      cause: error,
    });
  }
}

/** The error for an HTTP status that is not success; `advice` says what to do about it. */
export function statusError(label: string, status: number, detail: string, advice?: string): InstanceCaptureError {
  const retryable = status >= 500 || status === 408 || status === 429;
  const what = [`HTTP ${status}`, oneLine(detail), advice ?? (retryable ? 'the service failed; it is retried' : '')].filter((part) => part !== '');
  return new InstanceCaptureError(`${label}: ${what.join(': ')}`, retryable);
}

/** A response body or server message as one short line. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (isErrorLike(reason)) return reason.name === 'TimeoutError' ? 'timed out' : reason.message || reason.name;
  return typeof reason === 'string' && reason !== '' ? reason : 'cancelled';
}

/** fetch wraps the socket error (ECONNREFUSED, ENOTFOUND…) in `cause`; that is the useful part. */
export function networkCause(error: unknown): string {
  const cause: unknown = isErrorLike(error) && error.cause !== undefined ? error.cause : error;
  if (!isErrorLike(cause)) return String(cause);
  const code = (cause as NodeJS.ErrnoException).code;
  return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
}

/** Errors from fetch come from Node's own realm, where `instanceof Error` of a sandbox (Jest) fails. */
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string';
}
