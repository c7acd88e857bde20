// The history row of pgo-loadtest (`kind: loadtest`) and pgo-canary (`kind: canary`): one line of
// `.pgo/history/<project>.jsonl` beside pgo-bench's rows (which carry no kind), so that one file
// tells a binary's whole story. The headline figure is CPU per request, PGO against off (the
// canary against its baseline), under the same names as pgo-bench's geomean, so the history chart
// draws either.
export type ServiceRowKind = 'loadtest' | 'canary';

export interface ServiceHistoryRow {
  kind: ServiceRowKind;
  commit?: string;
  /** The profile measured (loadtest) or the binary's committed one when the canary ran; '' when it had none. */
  profileSha256: string;
  date: string;
  /** The Go toolchain that built both sides (loadtest only: a canary's build is not seen). */
  goVersion?: string;
  /** Median over rounds (steps) of (pgo / off − 1) × 100 of CPU per request. */
  geomeanDeltaPercent: number;
  geomeanCi: { lo: number; hi: number };
  /** Mann-Whitney U of the two sides' CPU per request. */
  pValue: number;
  /** Median of the p99 ratio in percent, when latencies were measured. */
  latencyP99DeltaPercent?: number;
  /** Rounds (loadtest) or paired steps (canary). */
  pairs: number;
  accepted: boolean;
}

export const SERVICE_ROW_KINDS: readonly ServiceRowKind[] = ['loadtest', 'canary'];

/** The row with a fixed key order (lines diff well in review); infinite bounds become null in JSON. */
export function orderedServiceRow(row: ServiceHistoryRow): ServiceHistoryRow {
  return {
    kind: row.kind,
    ...(row.commit === undefined ? {} : { commit: row.commit }),
    profileSha256: row.profileSha256,
    date: row.date,
    ...(row.goVersion === undefined ? {} : { goVersion: row.goVersion }),
    geomeanDeltaPercent: row.geomeanDeltaPercent,
    geomeanCi: { lo: row.geomeanCi.lo, hi: row.geomeanCi.hi },
    pValue: row.pValue,
    ...(row.latencyP99DeltaPercent === undefined ? {} : { latencyP99DeltaPercent: row.latencyP99DeltaPercent }),
    pairs: row.pairs,
    accepted: row.accepted,
  };
}

/** What is missing or of the wrong type in a parsed line of one of these kinds. */
export function serviceRowProblems(value: Record<string, unknown>): string[] {
  const optional = (v: unknown, type: string): boolean => v === undefined || typeof v === type;
  const ci = value.geomeanCi as Record<string, unknown> | null | undefined;
  const bound = (v: unknown): boolean => typeof v === 'number' || v === null;
  return [
    optional(value.commit, 'string') ? undefined : 'commit',
    typeof value.profileSha256 === 'string' ? undefined : 'profileSha256',
    typeof value.date === 'string' ? undefined : 'date',
    optional(value.goVersion, 'string') ? undefined : 'goVersion',
    typeof value.geomeanDeltaPercent === 'number' ? undefined : 'geomeanDeltaPercent',
    typeof ci === 'object' && ci !== null && bound(ci.lo) && bound(ci.hi) ? undefined : 'geomeanCi',
    typeof value.pValue === 'number' ? undefined : 'pValue',
    optional(value.latencyP99DeltaPercent, 'number') ? undefined : 'latencyP99DeltaPercent',
    typeof value.pairs === 'number' ? undefined : 'pairs',
    typeof value.accepted === 'boolean' ? undefined : 'accepted',
  ].filter((p): p is string => p !== undefined);
}
