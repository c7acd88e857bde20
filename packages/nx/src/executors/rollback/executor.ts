// @go-pgo/nx:rollback — pgo-rollback (never cached): reverts the last commit that changed the
// binary's profile or its sidecar. Emergency without a revert: nx run <project>:pgo-build:off.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { rollbackProfile, rollbackSummary, workspaceRelative } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface RollbackExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The committed profile, workspace-relative, as the graph resolved it. */
  profile?: string;
  /** Show what would be reverted; change nothing. */
  dryRun?: boolean;
}

export default async function rollbackExecutor(options: RollbackExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const dryRun = options.dryRun === true;
    const result = await rollbackProfile({ workspaceRoot: at.workspaceRoot, profile: at.settings.profile, dryRun });
    for (const line of rollbackSummary(result, workspaceRelative(at.workspaceRoot, at.settings.profile), dryRun)) logger.info(line);
    if (!dryRun) logger.info(`push the revert commit (or open a pull request with it) to ship ${path.basename(at.settings.profile)} as it was`);
  });
}
