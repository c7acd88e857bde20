// What one pgo-canary run records (canary.json): the queries as sent, each paired step's CPU per
// request of the canary and the baseline, their comparison and the gate.
import type { GateResult } from '../bench/bench-types';
import type { Estimate } from '../stats/stats-types';

export type Deployment = 'canary' | 'baseline';

/** One deployment at one step: CPU seconds per second, requests per second, their ratio. */
export interface DeploymentStep {
  cpu: number;
  requests: number;
  cpuPerRequest: number;
}

export interface CanaryStep {
  /** Unix seconds, as Prometheus stamped the step. */
  time: number;
  canary: DeploymentStep;
  baseline: DeploymentStep;
}

/** canary.json. */
export interface CanaryRun {
  project: string;
  commit?: string;
  date: string;
  prometheus: string;
  window: { start: string; end: string };
  step: string;
  /** The four queries as sent. */
  queries: Record<'cpu' | 'requests', Record<Deployment, string>>;
  /** The binary's committed profile when the canary ran, if it has one: what the canary is assumed to run. */
  profile?: { path: string; sha256: string };
  steps: CanaryStep[];
  /** Steps of the window left out: one deployment had no data or served no request then. */
  skippedSteps: number;
  comparison: {
    /** Median over steps of (canary / baseline − 1) × 100 of CPU per request, with its 95% CI. */
    cpuPerRequest: Estimate;
    /** Mann-Whitney U of the two deployments' CPU per request. */
    pValue: number;
  };
  gates: GateResult[];
  accepted: boolean;
}
