// What validation reports: one row per check, and the figures behind them.

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export type CheckId = 'parse' | 'sample-type' | 'size' | 'samples' | 'start-line' | 'stale' | 'call-sites' | 'coverage' | 'wrong-binary' | 'drift';

/** How `value` and `threshold` read: a fraction, a count, bytes, or a name. */
export type CheckUnit = 'ratio' | 'count' | 'bytes' | 'text';

export interface ValidationCheck {
  id: CheckId;
  label: string;
  /** null when the check could not be measured (see detail). */
  value: number | string | null;
  unit: CheckUnit;
  /** The bound the value is held to: at least (`min`) or at most (`max`); null for no gate. */
  threshold: number | null;
  bound: 'min' | 'max' | null;
  status: CheckStatus;
  /** One line: what was measured, or why it fails and what to do. */
  detail: string;
}

/** A PGO call edge and its share of the profile's total edge weight. */
export interface WeightedEdge {
  caller: string;
  callee: string;
  /** Call-site line minus the caller's start_line. */
  offset: number;
  share: number;
}

export interface ValidationFigures {
  /** Size of the profile file as stored. */
  bytes: number;
  /** `type/unit` the weights are in (the PGO sample type), null when there is none. */
  sampleType: string | null;
  /** Samples taken (samples/count total, else CPU time / period, else Sample messages). */
  samples: number;
  totalWeight: number;
  startLineCoverage: number;
  /** The call edges Go's PGO reads (edge-weights.ts); null when it reads none (no PGO sample type, no start_line). */
  edges: number | null;
  /** Share of the edge weight whose caller or callee no longer exists in the binary's packages. */
  staleRatio: number;
  /** The heaviest stale edges (at most 5). */
  staleEdges: WeightedEdge[];
  /** 1 − the share of the edge weight whose caller exists but whose call-site line holds no call any more. */
  callSiteMatch: number;
  /** The heaviest such edges (at most 5). */
  movedEdges: WeightedEdge[];
  coverage: number;
  wrongBinaryRatio: number;
  /** The workspace binary (root-relative dir) the out-of-closure weight fits best, if any. */
  likelyBinary: string | null;
  /** Weighted Jaccard similarity of the call edges with the committed profile's (compare/call-edges.ts). */
  driftSimilarity: number | null;
}

export interface ValidationReport {
  /** Root-relative paths. */
  profile: string;
  binary: string;
  committedProfile: string | null;
  /** No check failed. */
  passed: boolean;
  checks: ValidationCheck[];
  figures: ValidationFigures;
}
