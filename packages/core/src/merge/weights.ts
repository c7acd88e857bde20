// merge.weights: each key names a source exactly or matches instances as a glob. Every key that
// matches an instance multiplies its weight (so `prod-us: 2` with `prod-us-canary-*: 0.5` gives
// a canary of prod-us 1), and an instance no key matches weighs 1.
import { globMatcher } from './glob';

export interface InstanceWeight {
  weight: number;
  /** The keys that matched, in the order of the weights. */
  keys: string[];
}

export interface WeightedInstance {
  source: string;
  instance: string;
}

export function weightsOf<T extends WeightedInstance>(instances: T[], weights: Record<string, number>): { weights: InstanceWeight[]; unmatched: string[] } {
  const rules = Object.entries(weights).map(([key, weight]) => ({ key, weight, matches: globMatcher(key) }));
  const used = new Set<string>();
  const result = instances.map(({ source, instance }) => {
    const keys = rules.filter((rule) => rule.key === source || rule.matches(instance));
    keys.forEach((rule) => used.add(rule.key));
    return { weight: keys.reduce((product, rule) => product * rule.weight, 1), keys: keys.map((rule) => rule.key) };
  });
  return { weights: result, unmatched: rules.map((rule) => rule.key).filter((key) => !used.has(key)) };
}
