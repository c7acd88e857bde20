// The full configuration of one binary, as pgo.yaml (DESIGN.md) describes it, after defaults:
// the plugin options' `defaults` (or the CLI's), then the values below. Percentages written as
// "5%" in YAML arrive here as fractions (0.05). Every path is absolute.

export type SourceKind = 'http' | 'kubernetes' | 'pyroscope' | 'parca' | 'gcp' | 'file' | 'bench';

interface SourceBase {
  /** The name weights and the manifest use; default: the kind. Unique within one pgo.yaml. */
  name: string;
}

/** net/http/pprof endpoints: `<url><path>?seconds=N`. */
export interface HttpSourceConfig extends SourceBase {
  kind: 'http';
  urls: string[];
  /** Default `/debug/pprof/profile`. */
  path: string;
}

export interface KubernetesSourceConfig extends SourceBase {
  kind: 'kubernetes';
  namespace: string;
  selector: string;
  port: number;
  maxPods: number;
  /** kubectl --context; default: kubectl's current context. */
  context?: string;
  /** Default `/debug/pprof/profile`. */
  path: string;
}

export interface PyroscopeSourceConfig extends SourceBase {
  kind: 'pyroscope';
  url: string;
  /** Label selector, e.g. `{service_name="myapp"}`. */
  query: string;
  /** Default `process_cpu:cpu:nanoseconds:cpu:nanoseconds`. */
  profileType: string;
  /** Window start: `now-1h` or an RFC 3339 time. */
  from: string;
  /** Window end; default `now`. */
  until: string;
  /** X-Scope-OrgID; default none. */
  tenant?: string;
}

export interface ParcaSourceConfig extends SourceBase {
  kind: 'parca';
  url: string;
  query: string;
  from: string;
  until: string;
}

export interface GcpSourceConfig extends SourceBase {
  kind: 'gcp';
  project: string;
  /** The deployment target (Cloud Profiler's `target`). */
  service: string;
  version?: string;
  zone?: string;
  from: string;
  until: string;
  /** How many profiles to take at most; default 20. */
  maxProfiles: number;
}

/** Profiles already on disk: globs written relative to the binary's directory, resolved to absolute. */
export interface FileSourceConfig extends SourceBase {
  kind: 'file';
  paths: string[];
}

/** `go test -bench` with -cpuprofile, for programs with no production to profile. */
export interface BenchSourceConfig extends SourceBase {
  kind: 'bench';
  /** Go package patterns, resolved from the binary's module root. */
  packages: string[];
  /** Default `.`. */
  bench: string;
  /** Default `10s`. */
  benchtime: string;
}

export type SourceConfig =
  | HttpSourceConfig
  | KubernetesSourceConfig
  | PyroscopeSourceConfig
  | ParcaSourceConfig
  | GcpSourceConfig
  | FileSourceConfig
  | BenchSourceConfig;

export interface CaptureSettings {
  /** Every live instance is profiled for this wall time; default 30. */
  seconds: number;
  /** Fraction of instances that must succeed; default 0.6. */
  quorum: number;
  /** Instances profiled at once; default 64. */
  concurrency: number;
  /** Attempts per instance on retryable failures; default 4. */
  attempts: number;
  sources: SourceConfig[];
}

export interface MergeSettings {
  /** `duration`: every capture counts as much per second; `none`: a plain sum. Default duration. */
  normalize: 'duration' | 'none';
  /** Keyed by source name or instance glob; default weight 1. */
  weights: Record<string, number>;
  /** Default true: labels can hold customer data and PGO ignores them. Compaction (always on for a candidate) drops them anyway; this matters only to `go-pgo merge --no-compact`. */
  dropLabels: boolean;
  /** Function names (or globs) the compiler must not inline on the profile's word. */
  noInline: string[];
  /** Frames kept per sample by compaction; default 5 (PGO reads 2). Only the default level keeps frames. */
  keepFrames: number;
  /** Compaction level of the candidate: `default` (keepFrames leaf-most frames, leaf lines aggregated) or `minimal` (the call-edge list alone). */
  compact: 'default' | 'minimal';
}

export interface ValidateSettings {
  /** Default 10240, checked on raw captures. */
  minBytes: number;
  /** Default 1000. */
  minSamples: number;
  /** Share of weight whose frames carry start_line; default 0.99. */
  minStartLineCoverage: number;
  /** Share of the PGO call-edge weight on functions missing from the source; default 0.2. */
  maxStaleRatio: number;
  /** 1 − the share of the call-edge weight on lines that hold no call any more; default 0.8. */
  minCallSiteMatch: number;
  /** Default 0.3. */
  minCoverage: number;
  /** Share of weight in workspace packages outside the closure; default 0.2. */
  maxWrongBinaryRatio: number;
}

export interface BenchGates {
  /** Largest slowdown of PGO against off, any benchmark or the geomean (a fraction). */
  cpu?: number;
  /** Largest growth of binary size against the previous accepted run (or off). */
  binarySize?: number;
  /** Largest growth of build time against the previous accepted run (or off). */
  buildTime?: number;
}

export interface BenchSettings {
  /** Go package patterns resolved from the binary's module root; empty: no pgo-bench. */
  packages: string[];
  /** -test.bench regexp; default `.`. */
  bench: string;
  /** Rounds per side; default 8. */
  count: number;
  /** -test.benchtime; default none (Go's 1s). */
  benchtime?: string;
  gates: BenchGates;
}

export interface LoadtestGates {
  /** Largest rise of the server's CPU seconds per request, PGO against off (a fraction); default 0.05. */
  cpuPerRequest?: number;
  /** Largest rise of the p99 latency, PGO against off (a fraction); unset: not evaluated. */
  latencyP99?: number;
}

/** pgo-loadtest: the service binary itself, -pgo=off against PGO, under the same load. */
export interface LoadtestSettings {
  /** The server's arguments; `{port}` and `{addr}` (127.0.0.1:<port>) are filled in per instance. Default none. */
  args: string[];
  /** Variables added to the server's environment, with the same placeholders. */
  env: Record<string, string>;
  /** The path that answers 2xx once the server is ready; default /healthz. */
  health: string;
  /** How long a server may take to become healthy; default 30. */
  startSeconds: number;
  /** Interleaved rounds; default 10. */
  rounds: number;
  /** Requests per side per round; default 2000. */
  requests: number;
  /** Requests per side before the first round, not measured; default 1000. */
  warmup: number;
  /** Requests in flight at once (the built-in replayer); default 4. */
  concurrency: number;
  /** The built-in replayer's request file (absolute); exclusive with `command`. */
  replay?: string;
  /** A load generator command with `{url}` and `{requests}` (and optionally `{concurrency}`, `{wrkScript}`). */
  command?: string[];
  gates: LoadtestGates;
}

/** pgo-canary: a canary and a baseline deployment's CPU per request, from Prometheus. */
export interface CanarySettings {
  /** The Prometheus base URL; unset: no pgo-canary. */
  prometheus?: string;
  /** The canary's label matchers, e.g. `job="api",track="canary"`: `<selector>` in the queries. */
  canary?: string;
  /** The baseline's label matchers. */
  baseline?: string;
  /** Window start; default now-1h. */
  from: string;
  /** Window end; default now. */
  until: string;
  /** query_range step and `<step>` in the queries; default 1m. */
  step: string;
  /** Fewer paired steps than this cannot conclude; default 10 (at least 6, for a 95% interval). */
  minSteps: number;
  queries: { cpu: string; requests: string };
  gates: { cpuPerRequest?: number };
}

export interface PgoSettings {
  /** pgo.yaml (absolute), undefined when the binary has none. */
  file: string | undefined;
  /** The committed profile (absolute). */
  profile: string;
  /** Who named the profile: pgo.yaml, the caller's defaults, or the built-in default.pgo. */
  profileSource: 'pgo.yaml' | 'defaults' | 'built-in';
  capture: CaptureSettings;
  merge: MergeSettings;
  validate: ValidateSettings;
  bench: BenchSettings;
  loadtest: LoadtestSettings;
  canary: CanarySettings;
}
