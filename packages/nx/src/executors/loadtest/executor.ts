// @go-pgo/nx:loadtest — pgo-loadtest. The binary built with -pgo=off and with its profile into
// outputDir, both started under the same load in interleaved rounds; CPU per request, latency,
// gates from pgo.yaml's loadtest section, loadtest.json and report.html; one history row per real
// run (a cache hit replays the outputs, no new row). Ctrl-C stops every process it started.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { abortOnSignals, loadtestProgressPrinter, loadtestSummary, loadtestWithVerdict, type LoadtestSettings } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';
import { setOptions } from '../set-options';

export interface LoadtestExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The binary's module root, workspace-relative. */
  moduleRoot: string;
  /** Workspace-relative; default the binary's configured profile. */
  profile?: string;
  /** Workspace-relative: off/ and pgo/ binaries, loadtest.json, report.html. */
  outputDir: string;
  rounds?: number;
  requests?: number;
  warmup?: number;
  concurrency?: number;
  /** Report breached gates without failing. */
  noGate?: boolean;
}

export default async function loadtestExecutor(options: LoadtestExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const settings: LoadtestSettings = {
      ...at.settings.loadtest,
      ...setOptions(options, ['rounds', 'requests', 'warmup', 'concurrency']),
    };
    const progress = loadtestProgressPrinter(process.stderr);
    const { run, gateError } = await abortOnSignals((signal) =>
      loadtestWithVerdict(
        {
          workspaceRoot: at.workspaceRoot,
          binaryDir: at.binaryDir,
          moduleRoot: at.moduleRoot,
          project: at.project,
          settings,
          profile: at.settings.profile,
          outputDir: path.resolve(at.workspaceRoot, options.outputDir),
          noGate: options.noGate,
          buildLog: { info: (line) => logger.info(line), output: (chunk) => process.stderr.write(chunk) },
          onProgress: progress.event,
          signal,
        },
        progress,
        () => `wrote ${options.outputDir}/ (report.html, loadtest.json)`,
      ),
    );
    logger.info(loadtestSummary(run).trimEnd());
    if (gateError !== undefined) throw gateError;
  });
}
