// @go-pgo/nx:verify — pgo-verify. Finds the binary pgo-build wrote and the profile configured for
// it the same way pgo-build does, then lets core's verifyPgo read `go version -m`.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { binaryFile, locateProfile, verifyPgo } from '@go-pgo/core';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface VerifyExecutorOptions {
  /** The binary's package relative to moduleRoot, e.g. ./cmd/api. */
  main: string;
  /** The directory of the binary's go.mod, workspace-relative. */
  moduleRoot: string;
  /** The binary as pgo-build wrote it, workspace-relative (without .exe). */
  outputPath: string;
  /** Workspace-relative; absent: pgo.yaml's profile, else <binary dir>/default.pgo when it exists. */
  profile?: string;
  /** The GOOS the binary was built for (windows binaries end in .exe); default: $GOOS, else this OS. */
  goos?: string;
}

export default async function verifyExecutor(options: VerifyExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const workspaceRoot = context.root;
    const binaryDir = path.resolve(workspaceRoot, options.moduleRoot, options.main);
    const location = await locateProfile({ workspaceRoot, binaryDir, profile: options.profile });
    const configured = location.configured || location.exists;
    const goos = options.goos ?? process.env.GOOS ?? (process.platform === 'win32' ? 'windows' : process.platform);
    const { message } = await verifyPgo({
      binary: path.resolve(workspaceRoot, binaryFile(options.outputPath, goos)),
      workspaceRoot,
      profileConfigured: configured,
      profile: configured ? location.path : undefined,
      rebuildCommand: rebuildCommand(context),
    });
    logger.info(message);
  });
}

/** `nx run <project>:<prefix>build`, the build target beside this verify target. */
function rebuildCommand(context: ExecutorContext): string {
  const target = context.targetName?.endsWith('verify') ? `${context.targetName.slice(0, -'verify'.length)}build` : 'pgo-build';
  return `nx run ${context.projectName ?? '<project>'}:${target}`;
}
