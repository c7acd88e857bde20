// @go-pgo/nx:roi — pgo-roi. PGO's monthly savings for the binary's fleet from the latest
// accepted pgo-bench run of the project (or --gain), against maintenance, with the arithmetic
// line by line. Fleet figures come from the command line: nx run <p>:pgo-roi --pods 40 ...
import { logger, type ExecutorContext } from '@nx/devkit';
import { gainFromHistory, givenGain, roiEstimate } from '@go-pgo/core';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface RoiExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative; names the project when Nx does not. */
  binaryDir: string;
  pods: number;
  costPerPod: number;
  maintenanceHours: number;
  hourlyRate?: number;
  setupCost?: number;
  /** CPU saved in percent, instead of the history's latest accepted run. */
  gain?: number;
  currency?: string;
  /** Print the estimate as JSON. */
  json?: boolean;
}

export default async function roiExecutor(options: RoiExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const project = context.projectName ?? options.binaryDir.split('/').pop()!;
    const gain = options.gain === undefined ? await gainFromHistory(context.root, project) : givenGain(options.gain);
    const estimate = roiEstimate({
      pods: options.pods,
      costPerPod: options.costPerPod,
      maintenanceHours: options.maintenanceHours,
      hourlyRate: options.hourlyRate,
      setupCost: options.setupCost,
      currency: options.currency,
      gain,
    });
    logger.info(options.json ? JSON.stringify(estimate, null, 2) : estimate.lines.join('\n'));
  });
}
