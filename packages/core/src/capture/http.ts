// net/http/pprof endpoints: GET <url><path>?seconds=N answers after N seconds with a CPU
// profile. fetchPprofProfile is the one request, reused by the kubernetes source through its
// port-forwards.
import type { HttpSourceConfig } from '../config/pgo-settings';
import { SourceOpenError } from './capture-error';
import { abortMessage, AttemptsError, DEFAULT_RETRY_DELAY_MS, withRetries } from './retry';
import { InstanceCaptureError, type CapturedProfile, type OpenSource } from './source';

export const DEFAULT_PPROF_PATH = '/debug/pprof/profile';

/** What Go's pprof handler answers while another CPU profile runs in the same process. */
const BUSY = 'cpu profiling already in use';

export interface FetchPprofOptions {
  seconds: number;
  /** Default `/debug/pprof/profile`. */
  path?: string;
  /** Ends the request at once; its reason (an Error) becomes the failure's message. */
  signal: AbortSignal;
  onState?(state: string): void;
  /**
   * Attempts on connection errors and on a busy profiler; default 1, because the capture run
   * retries instances itself. Callers outside a run set more.
   */
  attempts?: number;
  retryDelayMs?: number;
}

/** The URL fetchPprofProfile requests. */
export function pprofProfileUrl(base: string, seconds: number, path = DEFAULT_PPROF_PATH): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  url.searchParams.set('seconds', String(seconds));
  return url.toString();
}

/**
 * One CPU profile from a net/http/pprof endpoint. Throws InstanceCaptureError: retryable for
 * connection failures and a busy profiler, final for other HTTP errors and on abort.
 */
export async function fetchPprofProfile(base: string, options: FetchPprofOptions): Promise<CapturedProfile> {
  const url = pprofProfileUrl(base, options.seconds, options.path);
  const { value, attempts } = await withRetries(
    async () => {
      options.onState?.('profiling');
      return fetchOnce(url, options.signal);
    },
    { attempts: options.attempts ?? 1, delayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, signal: options.signal, onState: options.onState },
  ).catch((error: unknown) => {
    // The last attempt's error is what the caller wants to see.
    throw error instanceof AttemptsError ? error.error : error;
  });
  return { bytes: value, expectedSeconds: options.seconds, notes: [], attempts };
}

async function fetchOnce(url: string, signal: AbortSignal): Promise<Uint8Array> {
  try {
    const response = await fetch(url, { signal, redirect: 'follow' });
    const body = new Uint8Array(await response.arrayBuffer());
    if (response.ok) return body;
    const text = new TextDecoder().decode(body.subarray(0, 4096));
    const firstLine = text.split('\n').find((line) => line.trim() !== '')?.trim() ?? response.statusText;
    if (response.status === 500 && text.includes(BUSY)) {
      throw new InstanceCaptureError(`HTTP 500: ${BUSY} (another CPU profile of this process is running)`, true);
    }
    throw new InstanceCaptureError(`HTTP ${response.status}: ${firstLine.slice(0, 200)}`, false);
  } catch (error) {
    if (error instanceof InstanceCaptureError) throw error;
    if (signal.aborted) throw new InstanceCaptureError(abortMessage(signal), false, { cause: error });
    if ((error as { cause?: { message?: string } }).cause?.message === 'bad port') {
      // fetch refuses some ports outright (6000, 6665-6669…: https://fetch.spec.whatwg.org/#port-blocking).
      throw new InstanceCaptureError(`cannot reach ${url}: fetch refuses to connect to this port: serve net/http/pprof on another one`, false, { cause: error });
    }
    throw new InstanceCaptureError(`cannot reach ${url}: ${connectionProblem(error)}`, true, { cause: error });
  }
}

/** undici's `fetch failed` hides the socket error in its cause. */
function connectionProblem(error: unknown): string {
  // Read by shape: undici's errors come from Node's realm, not always this one (Jest).
  const outer = error as { message?: string; cause?: { message?: string; code?: string } } | undefined;
  const cause = outer?.cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the service up and serving net/http/pprof on that port?)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed before the profile arrived';
  if (code === 'ENOTFOUND') return 'unknown host';
  const message = cause?.message ?? outer?.message ?? String(error);
  return code ? `${message} (${code})` : message;
}

export const openHttp: OpenSource<HttpSourceConfig> = async (config) => {
  const seen = new Set<string>();
  for (const url of config.urls) {
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new SourceOpenError(config.name, `source ${config.name}: '${url}' is not an http(s) URL: write it like http://10.0.0.5:6060`);
    }
    if (seen.has(url)) throw new SourceOpenError(config.name, `source ${config.name}: ${url} is listed twice: list each instance once`);
    seen.add(url);
  }
  return {
    instances: config.urls.map((url) => ({
      source: config.name,
      kind: 'http' as const,
      instance: url,
      capture: (context) => fetchPprofProfile(url, { seconds: context.seconds, path: config.path, signal: context.signal, onState: context.onState }),
    })),
    close: () => Promise.resolve(),
  };
};
