// What a capture source is to the capture run (capture/run-capture.ts): something that, once
// opened, yields instances, each of which can be asked for one profile. Sources that hold
// resources (kubectl port-forwards) release them in close(), which the run always calls.
import type { SourceConfig, SourceKind } from '../config/pgo-settings';

export interface SourceContext {
  workspaceRoot: string;
  /** The binary's `cmd/<name>` directory (absolute). */
  binaryDir: string;
  /** The binary's module directory (absolute). */
  moduleRoot: string;
  /** Live sources profile every instance for this long. */
  seconds: number;
  /** Credentials and tool paths (PYROSCOPE_TOKEN, PATH for kubectl…); default process.env. */
  env: NodeJS.ProcessEnv;
  /** Fires on Ctrl-C or when the run gives up. */
  signal: AbortSignal;
  /** The run's clock, so windows like `now-1h` are reproducible in tests. */
  now: Date;
  /** One line of progress or diagnosis for the person running the capture. */
  log(line: string): void;
}

export interface InstanceContext {
  seconds: number;
  /** Fires on timeout (seconds + 30), Ctrl-C, or when the run gives up. */
  signal: AbortSignal;
  /** Short state for the progress line: `connecting`, `profiling`, `retry 2/4 in 1s`… */
  onState(state: string): void;
}

export interface CapturedProfile {
  bytes: Uint8Array;
  /** For live captures: the duration the profile must report, within tolerance. */
  expectedSeconds?: number;
  /** Facts for the report, e.g. "converted cpu/nanoseconds-only output to samples/count". */
  notes: string[];
  /** Attempts made (1 when the first worked). */
  attempts: number;
}

export interface CaptureInstance {
  /** The configured source name (pgo.yaml `name:`, default the kind). */
  source: string;
  kind: SourceKind;
  /** What it is for a person: a URL, `pod/api-7f9c`, a query. Unique within its source. */
  instance: string;
  capture(context: InstanceContext): Promise<CapturedProfile>;
}

export interface OpenedSource {
  instances: CaptureInstance[];
  /** Releases what open() acquired; safe to call more than once. */
  close(): Promise<void>;
}

export type OpenSource<C extends SourceConfig = SourceConfig> = (config: C, context: SourceContext) => Promise<OpenedSource>;

/** A failure of one instance, recorded in the manifest as `error`; `retryable` ones are retried. */
export class InstanceCaptureError extends Error {
  override readonly name = 'InstanceCaptureError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
