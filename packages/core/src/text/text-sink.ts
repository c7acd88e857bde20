// Where human-readable output goes: process.stdout or process.stderr, or a buffer in tests.
// Here rather than in cli/, since progress printers of the operations (capture, bench) write to
// one too, and nothing outside cli/ may depend on the CLI.

/** Anything with write(string). */
export interface TextSink {
  write(chunk: string): unknown;
}
