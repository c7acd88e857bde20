// The base of every expected failure of core: bad input, an unusable source, a failed gate.
// The CLI prints its message as one line and exits 1; the Nx executors log it and fail the
// task. Anything else that escapes is a bug and is reported with its stack.
export class GoPgoError extends Error {}
