// @go-pgo/nx:refresh — pgo-refresh (never cached). Capture (or `captureDir`) → merge → validate
// → compare → replace the committed profile and its sidecar; the PR body is logged and written
// beside the capture; `commit` and `openPr` as `go-pgo refresh --commit --open-pr`.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { abortOnSignals, buildContextOptionsFromEnv, refreshProfile, refreshSummary } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface RefreshExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The binary's module root, workspace-relative (bench sources resolve packages there). */
  moduleRoot?: string;
  /** The committed profile, workspace-relative, as the graph resolved it. */
  profile?: string;
  /** A capture run directory to refresh from, workspace-relative, instead of capturing. */
  captureDir?: string;
  /** Commit the profile and sidecar on branch pgo/refresh-<project>-<date>. */
  commit?: boolean;
  /** With commit: push and open a pull request with gh. */
  openPr?: boolean;
  /** Adopt a candidate that fails validation. */
  warnOnly?: boolean;
  /** Where the PR body is written, workspace-relative; default beside the capture. */
  prBody?: string;
}

export default async function refreshExecutor(options: RefreshExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const root = at.workspaceRoot;
    const result = await abortOnSignals((signal) =>
      refreshProfile({
        project: at.project,
        workspaceRoot: root,
        binaryDir: at.binaryDir,
        moduleRoot: at.moduleRoot,
        settings: at.settings,
        ...(options.captureDir !== undefined && { captureDir: path.resolve(root, options.captureDir) }),
        ...(options.prBody !== undefined && { prBodyFile: path.resolve(root, options.prBody) }),
        commit: options.commit === true,
        openPr: options.openPr === true,
        warnOnly: options.warnOnly === true,
        signal,
        progress: { stream: process.stderr, tty: process.stderr.isTTY === true },
        log: (line) => logger.info(line),
        buildContext: buildContextOptionsFromEnv(process.env),
      }),
    );
    logger.info(result.prBody.trimEnd());
    for (const line of refreshSummary(result, root)) logger.info(line);
  });
}
