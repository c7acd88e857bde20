// The ci generator's options, checked before anything is written.
import { checkCron, DEFAULT_REFRESH_CRON } from './refresh-schedule';

export type CiProvider = 'github' | 'gitlab';

export interface CiGeneratorSchema {
  /** github (default): .github/workflows/pgo.yml; gitlab: .gitlab/pgo.gitlab-ci.yml. */
  provider?: CiProvider;
  /** Cron (UTC) of the scheduled refresh; default weekly, DEFAULT_REFRESH_CRON. */
  schedule?: string;
  /** Node.js major version the jobs use; default 20. */
  nodeVersion?: string;
  /** Replace a workflow file that exists with different content. */
  force?: boolean;
}

export interface NormalizedCiOptions {
  provider: CiProvider;
  cron: string;
  nodeVersion: string;
  force: boolean;
}

export class CiOptionsError extends Error {
  override readonly name = 'CiOptionsError';
}

const PROVIDERS: readonly CiProvider[] = ['github', 'gitlab'];

export function normalizeCiOptions(schema: CiGeneratorSchema): NormalizedCiOptions {
  const provider = schema.provider ?? 'github';
  if (!PROVIDERS.includes(provider)) {
    throw new CiOptionsError(`--provider ${JSON.stringify(provider)}: choose github (GitHub Actions) or gitlab (GitLab CI)`);
  }
  const nodeVersion = String(schema.nodeVersion ?? '20');
  if (!/^\d+(\.\d+){0,2}$/.test(nodeVersion)) {
    throw new CiOptionsError(`--nodeVersion ${JSON.stringify(schema.nodeVersion)}: give a Node.js version such as 20 or 22.11`);
  }
  let cron: string;
  try {
    cron = checkCron(schema.schedule ?? DEFAULT_REFRESH_CRON);
  } catch (error) {
    throw new CiOptionsError((error as Error).message);
  }
  return { provider, cron, nodeVersion, force: schema.force ?? false };
}
