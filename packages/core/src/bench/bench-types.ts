// What one pgo-bench run records: bench.json, one history row, and what the report draws.
import type { BenchComparison, Estimate } from '../stats/stats-types';

export interface BuildCost {
  /** Cold `go test -c` wall seconds, each side with its own empty GOCACHE. */
  buildSeconds: number;
  /** Size of the test binary in bytes. */
  binaryBytes: number;
}

export interface GateResult {
  /** pgo-bench's cpu, binarySize and buildTime; pgo-loadtest's and pgo-canary's cpuPerRequest and latencyP99. */
  gate: 'cpu' | 'binarySize' | 'buildTime' | 'cpuPerRequest' | 'latencyP99';
  /** Allowed fraction (0.05 for "5%"). */
  limit: number;
  /** The measured fraction (positive: slower or bigger). */
  measured: number;
  /** `off`, or `history` when compared with the previous accepted run. */
  baseline: 'off' | 'history';
  passed: boolean;
  /** One line naming the benchmark and the numbers. */
  message: string;
}

/** bench.json. */
export interface BenchRun {
  project: string;
  commit?: string;
  date: string;
  goVersion: string;
  profile: { path: string; sha256: string };
  packages: string[];
  count: number;
  comparison: BenchComparison;
  /** Median over rounds of each round's geomean ratio pgo/off − 1, in percent, with its CI. */
  geomeanDelta: Estimate;
  off: BuildCost;
  pgo: BuildCost;
  gates: GateResult[];
  /** Every evaluated gate passed; a --no-gate run that breaches one is recorded as not accepted, so it never becomes a baseline. */
  accepted: boolean;
}

/** One line of `.pgo/history/<project>.jsonl`. */
export interface HistoryRow {
  commit?: string;
  profileSha256: string;
  date: string;
  goVersion: string;
  geomeanDeltaPercent: number;
  geomeanCi: { lo: number; hi: number };
  binaryBytes: { off: number; pgo: number };
  buildSeconds: { off: number; pgo: number };
  accepted: boolean;
}
