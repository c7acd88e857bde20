// What pgo-loadtest reads from wrk's report: the completed request count, errors, and with
// --latency its latency distribution. Anything else a command prints is not wrk's, and gives none.
//
//     Latency Distribution
//        50%  635.91us
//        99%    1.02ms
//     3000 requests in 563.73ms, 9.68MB read
//     Non-2xx or 3xx responses: 12
import type { Latency } from './loadtest-types';

export interface WrkReport {
  requests: number;
  /** Socket errors plus non-2xx/3xx responses, as wrk counts them. */
  errors: number;
  latency?: Latency;
}

const UNIT_SECONDS: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export function parseWrkOutput(text: string): WrkReport | undefined {
  const total = /^\s*(\d+) requests in [\d.]+\w+, /m.exec(text);
  if (total === null) return undefined;
  const socket = /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/m.exec(text);
  const status = /^\s*Non-2xx or 3xx responses: (\d+)/m.exec(text);
  const errors = (socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0)) + (status === null ? 0 : Number(status[1]));
  const p50 = percentile(text, '50');
  const p99 = percentile(text, '99');
  return { requests: Number(total[1]), errors, ...(p50 !== undefined && p99 !== undefined ? { latency: { p50, p99 } } : {}) };
}

function percentile(text: string, which: string): number | undefined {
  const match = new RegExp(`^\\s*${which}(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(text);
  return match === null ? undefined : Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
