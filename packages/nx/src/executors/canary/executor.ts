// @go-pgo/nx:canary — pgo-canary. A canary and a baseline deployment's CPU per request from
// Prometheus (pgo.yaml's canary section), paired by step; the gate, canary.json, report.html and
// one history row. Never cached: it reads production metrics.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { abortOnSignals, canarySummary, canaryWithVerdict, type CanarySettings } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';
import { setOptions } from '../set-options';

export interface CanaryExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** Workspace-relative; default the binary's configured profile (recorded with the run). */
  profile?: string;
  /** Workspace-relative: canary.json, report.html. */
  outputDir: string;
  prometheus?: string;
  canary?: string;
  baseline?: string;
  from?: string;
  until?: string;
  step?: string;
  minSteps?: number;
  noGate?: boolean;
}

export default async function canaryExecutor(options: CanaryExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const settings: CanarySettings = {
      ...at.settings.canary,
      ...setOptions(options, ['prometheus', 'canary', 'baseline', 'from', 'until', 'step', 'minSteps']),
    };
    const { run, gateError } = await abortOnSignals((signal) =>
      canaryWithVerdict(
        {
          workspaceRoot: at.workspaceRoot,
          binaryDir: at.binaryDir,
          project: at.project,
          settings,
          profile: at.settings.profile,
          outputDir: path.resolve(at.workspaceRoot, options.outputDir),
          noGate: options.noGate,
          signal,
        },
        { done: (line) => line !== undefined && logger.info(line) },
        () => `wrote ${options.outputDir}/ (report.html, canary.json)`,
      ),
    );
    logger.info(canarySummary(run).trimEnd());
    if (gateError !== undefined) throw gateError;
  });
}
