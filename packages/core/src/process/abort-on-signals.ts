// Ctrl-C (SIGINT) and SIGTERM during long work (capture, bench) abort it through an
// AbortSignal, so sources close, child processes are killed and partial outputs are recorded,
// instead of the process dying with port-forwards and test binaries still running.
export async function abortOnSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
