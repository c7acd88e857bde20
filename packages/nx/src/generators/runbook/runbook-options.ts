// The runbook generator's options, checked before anything is read or written.
import { checkCron, DEFAULT_REFRESH_CRON } from '../ci/refresh-schedule';

export interface RunbookGeneratorSchema {
  /** The binary's Nx project name. */
  project: string;
  /** Cron (UTC) of the scheduled refresh, as given to the ci generator; default weekly. */
  schedule?: string;
  /** Replace a runbook that exists with other content. */
  force?: boolean;
}

export class RunbookOptionsError extends Error {
  override readonly name = 'RunbookOptionsError';
}

export function normalizeRunbookOptions(schema: RunbookGeneratorSchema): { project: string; cron: string; force: boolean } {
  if (typeof schema.project !== 'string' || !/^[^\s/\\][^\s]*$/.test(schema.project)) {
    throw new RunbookOptionsError(`project ${JSON.stringify(schema.project)}: give the name of a Go binary project (nx show projects --with-target pgo-build lists them)`);
  }
  let cron: string;
  try {
    cron = checkCron(schema.schedule ?? DEFAULT_REFRESH_CRON);
  } catch (error) {
    throw new RunbookOptionsError((error as Error).message);
  }
  return { project: schema.project, cron, force: schema.force ?? false };
}
