// What drives a server in one side's part of a round: the built-in replayer (replayer.ts) or the
// user's own command (command-generator.ts). Either sends exactly the requests it is asked for,
// so both sides of a round get the same count, and says what that cost it.
import type { Latency } from './loadtest-types';

export interface LoadResult {
  /** Completed requests (with any status). */
  requests: number;
  /** Requests that failed: no response, or a 5xx status. */
  errors: number;
  /** The first failure, for the message when there are too many. */
  firstError?: string;
  wallSeconds: number;
  latency?: Latency;
  /** The generator's own CPU seconds for this run. */
  cpuSeconds: number;
  /** The busiest generator thread's CPU over the wall time; absent when unknown. */
  busiestThread?: number;
}

export interface LoadGenerator {
  /** How the load is made, for the report: `built-in replayer of … at concurrency 4`, or the command line. */
  readonly description: string;
  /** Sends `requests` requests to the server at `url` (http://127.0.0.1:<port>, no trailing slash). */
  run(url: string, requests: number, signal?: AbortSignal): Promise<LoadResult>;
  /** Releases what the generator holds (connections, scripts). */
  close(): Promise<void>;
}

/** The q-quantile (0 < q ≤ 1) of ascending values by the nearest-rank method, as wrk and most load tools report. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
