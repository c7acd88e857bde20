// pgo.yaml's canary.queries are PromQL templates: `<selector>` becomes a deployment's label
// matchers and `<step>` the query step (as the rate window), so the defaults read
//   sum(rate(process_cpu_seconds_total{job="api",track="canary"}[1m]))
import { CanaryError } from './canary-error';

export const QUERY_PLACEHOLDERS = ['<selector>', '<step>'] as const;

export function expandQuery(template: string, selector: string, step: string, which: string): string {
  if (!template.includes('<selector>')) {
    throw new CanaryError('bad-option', `canary.queries.${which} must contain <selector>, where each deployment's label matchers go: e.g. sum(rate(process_cpu_seconds_total{<selector>}[<step>]))`);
  }
  return template.split('<selector>').join(selector).split('<step>').join(step);
}
