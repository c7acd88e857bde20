// @go-pgo/nx:bench — pgo-bench. The binary's bench packages with -pgo=off and with its profile
// in interleaved rounds; benchstat files, bench.json and report.html under outputDir; gates
// from pgo.yaml; one history row per real run (a cache hit replays the outputs, no new row).
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { abortOnSignals, benchProgressPrinter, benchSummary, benchWithVerdict, type BenchSettings, type BuildCostMode } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';
import { setOptions } from '../set-options';

export interface BenchExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The binary's module root, workspace-relative: bench packages resolve there. */
  moduleRoot: string;
  /** Workspace-relative; default the binary's configured profile. */
  profile?: string;
  /** Workspace-relative: bench-off.txt, bench-pgo.txt, bench-diff.txt, bench.json, report.html. */
  outputDir: string;
  /** Overrides bench.count. */
  count?: number;
  /** Overrides bench.benchtime. */
  benchtime?: string;
  /** Report breached gates without failing. */
  noGate?: boolean;
  /** `cold` (default): each side builds with its own empty GOCACHE, so build time is comparable; `warm` reuses go's cache and skips the buildTime gate. */
  buildCost?: BuildCostMode;
}

export default async function benchExecutor(options: BenchExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const settings: BenchSettings = {
      ...at.settings.bench,
      ...setOptions(options, ['count', 'benchtime']),
    };
    const progress = benchProgressPrinter(process.stderr, at.workspaceRoot);
    const { run, diff, gateError } = await abortOnSignals((signal) =>
      benchWithVerdict(
        {
          workspaceRoot: at.workspaceRoot,
          binaryDir: at.binaryDir,
          moduleRoot: at.moduleRoot,
          project: at.project,
          settings,
          profile: at.settings.profile,
          outputDir: path.resolve(at.workspaceRoot, options.outputDir),
          noGate: options.noGate,
          buildCost: options.buildCost,
          onProgress: progress.event,
          signal,
        },
        progress,
        () => `wrote ${options.outputDir}/ (report.html, bench-diff.txt, bench.json)`,
      ),
    );
    logger.info(benchSummary(run, diff, []).trimEnd());
    if (gateError !== undefined) throw gateError;
  });
}
