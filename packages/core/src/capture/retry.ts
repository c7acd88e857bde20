// Retries with exponential backoff, shared by the capture run and fetchPprofProfile: only an
// InstanceCaptureError marked retryable is retried, and the wait ends early on abort.
import { InstanceCaptureError } from './source';

export interface RetryOptions {
  /** Total attempts, at least 1. */
  attempts: number;
  /** Wait before the second attempt; doubled before each later one. */
  delayMs: number;
  signal: AbortSignal;
  /** Reports `retry 2/4 in 1s` while waiting. */
  onState?(state: string): void;
}

export const DEFAULT_RETRY_DELAY_MS = 1000;
/** Backoff stops growing here: a busy profiler frees within one capture's seconds anyway. */
const MAX_DELAY_MS = 8000;

/**
 * Runs `attempt(n)` (n from 1) until it succeeds, fails for good, or attempts run out; the
 * result carries how many attempts it took. The last error is thrown with `attempts` set.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      const retryable = error instanceof InstanceCaptureError && error.retryable;
      if (!retryable || n >= options.attempts || options.signal.aborted) throw new AttemptsError(error, n);
      const delay = Math.min(options.delayMs * 2 ** (n - 1), MAX_DELAY_MS);
      options.onState?.(`retry ${n + 1}/${options.attempts} in ${formatDelay(delay)}`);
      await sleep(delay, options.signal);
    }
  }
}

/** The error of the last attempt, and how many attempts were made. */
export class AttemptsError extends Error {
  override readonly name = 'AttemptsError';

  constructor(
    readonly error: unknown,
    readonly attempts: number,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))}s` : `${ms}ms`;
}

/** Resolves after `ms`, or at once when `signal` fires (the next attempt then sees it). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The reason the run gave when it aborted an attempt (`timed out after 31 s`, `interrupted`). */
export function abortMessage(signal: AbortSignal): string {
  const reason = signal.reason as { name?: string; message?: string } | undefined;
  return typeof reason?.message === 'string' && reason.name !== 'AbortError' ? reason.message : 'aborted';
}
