// What one pgo-loadtest run records (loadtest.json) and what its report and summary show: per
// round and side, the server's CPU seconds per request, throughput, latency and the load
// generator's own share; the paired comparison of the rounds; the gates.
import type { GateResult } from '../bench/bench-types';
import type { Estimate } from '../stats/stats-types';

export type Side = 'off' | 'pgo';

/** Latency percentiles of one side's requests in one round, in seconds. */
export interface Latency {
  p50: number;
  p99: number;
}

/** What the load generator did and cost in one side's part of a round. */
export interface GeneratorUse {
  cpuSeconds: number;
  /** Its CPU against its own plus the server's: how much of the machine the measuring took. */
  share: number;
  /** The busiest generator thread's CPU over the wall time (1 = pegged); absent when it ran too briefly to sample. */
  busiestThread?: number;
}

/** One side of one round. */
export interface SideMeasure {
  requests: number;
  /** Requests that failed: no response, or a 5xx status. */
  errors: number;
  wallSeconds: number;
  /** utime + stime of the server process over the round, from /proc/<pid>/stat. */
  serverCpuSeconds: number;
  /** serverCpuSeconds / requests. */
  cpuPerRequest: number;
  requestsPerSecond: number;
  /** From the built-in replayer, or parsed from wrk's --latency output; absent otherwise. */
  latency?: Latency;
  generator: GeneratorUse;
}

export interface RoundMeasure {
  round: number;
  /** Which side ran first: the order alternates between rounds. */
  first: Side;
  off: SideMeasure;
  pgo: SideMeasure;
}

/** The paired comparison of the rounds. */
export interface LoadtestComparison {
  /** Median over rounds of (pgo / off − 1) × 100 of CPU per request, with its 95% CI. */
  cpuPerRequest: Estimate;
  /** Mann-Whitney U of the two sides' CPU per request (two-sided p). */
  pValue: number;
  /** Median over rounds of the p99 ratio, in percent, when every round has latencies. */
  latencyP99?: Estimate;
  /** Each side's median over rounds. */
  medians: Record<Side, { cpuPerRequest: number; requestsPerSecond: number; latency?: Latency }>;
  generator: {
    /** The largest share of CPU the generator took in any round and side. */
    maxShare: number;
    /** The busiest generator thread's largest utilisation in any round and side. */
    maxBusiestThread?: number;
    /** At 90% or more of a thread, the generator (not the server) likely limited throughput. */
    saturated: boolean;
  };
}

/** loadtest.json. */
export interface LoadtestRun {
  project: string;
  commit?: string;
  date: string;
  goVersion: string;
  profile: { path: string; sha256: string };
  /** How the load was made: `built-in replayer of …` or the generator's command line. */
  load: string;
  rounds: number;
  /** Per side per round. */
  requestsPerRound: number;
  warmup: number;
  measures: RoundMeasure[];
  comparison: LoadtestComparison;
  gates: GateResult[];
  accepted: boolean;
}
