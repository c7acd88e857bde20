// @go-pgo/nx:merge — pgo-merge. The newest capture of the project (or `captureDir`) into the
// candidate profile, with pgo.yaml's merge settings; never over the committed profile.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { latestCaptureDir, mergeCaptures, workspaceRelative } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface MergeExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** A capture run directory, workspace-relative; default the newest under .pgo/captures/<project>/. */
  captureDir?: string;
  /** The candidate profile, workspace-relative. */
  output: string;
  /** The JSON summary, workspace-relative. */
  summary: string;
}

export default async function mergeExecutor(options: MergeExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, { binaryDir: options.binaryDir });
    const root = at.workspaceRoot;
    // dist/pgo/<project root>/ does not exist before the first run.
    await mkdir(path.dirname(path.resolve(root, options.output)), { recursive: true });
    await mkdir(path.dirname(path.resolve(root, options.summary)), { recursive: true });
    const captureDir = options.captureDir === undefined ? await latestCaptureDir(root, at.project) : path.resolve(root, options.captureDir);
    const { output, summary } = await mergeCaptures({
      captureDir: workspaceRelative(root, captureDir),
      settings: at.settings.merge,
      output: options.output,
      summaryFile: options.summary,
      cwd: root,
      protect: [at.settings.profile],
    });
    for (const skipped of summary.skipped) logger.warn(`skipped ${skipped.source}/${skipped.instance}: ${skipped.error}`);
    logger.info(`merged ${summary.inputs.length} profile(s) of ${workspaceRelative(root, captureDir)} into ${output} (${summary.output.bytes} bytes, ${summary.output.samples} samples)`);
  });
}
