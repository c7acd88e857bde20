// The JSON written next to a candidate profile: what it was merged from, how each input was
// weighed, what came out, so a reviewer (and pgo-refresh's PR text) can see why it looks as it does.
import type { FunctionWeight } from '@go-pgo/pprof';
import type { SourceKind, MergeSettings } from '../config/pgo-settings';

export interface MergeInputSummary {
  source: string;
  kind: SourceKind;
  instance: string;
  /** Relative to the capture directory. */
  file: string;
  bytes: number;
  samples: number;
  /** The PGO sample type's values added up (`samples/count` or `cpu/nanoseconds`, see `output.sampleType`), before scaling. */
  total: number;
  durationSeconds: number;
  /** `manifest` when the profile has no duration of its own and the manifest's seconds stand in. */
  durationFrom: 'profile' | 'manifest';
  /** The product of the matching merge.weights (1 when none match). */
  weight: number;
  weightKeys: string[];
  /** What the input's values were multiplied by: weight × (mean duration / its duration) with normalize: duration, else weight. */
  scale: number;
}

export interface MergeSummary {
  version: 1;
  /** As given. */
  captureDir: string;
  project: string;
  /** The settings used, after pgo.yaml, defaults and command-line options; `compact` false: not compacted, every frame and field kept. */
  settings: Omit<MergeSettings, 'compact'> & { compact: MergeSettings['compact'] | false };
  inputs: MergeInputSummary[];
  /** Instances whose capture failed, with the manifest's reason. */
  skipped: { source: string; instance: string; error: string }[];
  output: {
    file: string;
    bytes: number;
    sha256: string;
    samples: number;
    /** `type/unit` of the PGO sample type. */
    sampleType: string;
    total: number;
    durationSeconds: number;
  };
  /** merge.noInline after glob expansion: functions renamed, and entries that matched none. */
  noInline: { renamed: string[]; unmatched: string[] };
  /** merge.weights keys that matched no input (a typo, or an instance not in this capture). */
  unmatchedWeights: string[];
  /** The hottest functions of the candidate by flat share. */
  topFunctions: FunctionWeight[];
}
