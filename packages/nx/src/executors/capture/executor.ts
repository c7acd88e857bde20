// @go-pgo/nx:capture — pgo-capture. Profiles every instance of the binary's configured sources
// into .pgo/captures/<project>/<UTC time>/ (never cached: it talks to production). Ctrl-C ends
// the run cleanly: sources close and the manifest records what was interrupted.
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { abortOnSignals, captureSummary, runCapture, type CaptureSettings } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';
import { setOptions } from '../set-options';

export interface CaptureExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The binary's module root, workspace-relative (bench sources resolve packages there). */
  moduleRoot?: string;
  /** Overrides capture.seconds of pgo.yaml. */
  seconds?: number;
  /** Overrides capture.quorum of pgo.yaml (a fraction). */
  quorum?: number;
}

export default async function captureExecutor(options: CaptureExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, options);
    const settings: CaptureSettings = {
      ...at.settings.capture,
      ...setOptions(options, ['seconds', 'quorum']),
    };
    const result = await abortOnSignals((signal) =>
      runCapture({
        project: at.project,
        settings,
        context: { workspaceRoot: at.workspaceRoot, binaryDir: at.binaryDir, moduleRoot: at.moduleRoot },
        signal,
        progress: { stream: process.stderr, tty: process.stderr.isTTY === true },
        log: (line) => logger.info(line),
      }),
    );
    logger.info(captureSummary(result, at.workspaceRoot));
  });
}
