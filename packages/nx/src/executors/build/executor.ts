// @go-pgo/nx:build — pgo-build. Thin: options as the inferred target writes them, to core's goBuild.
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { buildSummary, goBuild } from '@go-pgo/core';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface BuildExecutorOptions {
  /** The binary's package relative to moduleRoot, e.g. ./cmd/api. */
  main: string;
  /** The directory of the binary's go.mod, workspace-relative. */
  moduleRoot: string;
  /** The binary, workspace-relative, e.g. dist/go/services/cmd/api/api (.exe added for windows). */
  outputPath: string;
  /** Workspace-relative; absent: pgo.yaml's profile, else <binary dir>/default.pgo when it exists. */
  profile?: string;
  /** 'off' (the off configuration) builds the -pgo=off baseline. */
  pgo?: 'auto' | 'off';
  ldflags?: string;
  tags?: string[];
  goos?: string;
  goarch?: string;
  /** More go build flags. */
  flags?: string[];
}

export default async function buildExecutor(options: BuildExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const { report } = await goBuild({
      workspaceRoot: context.root,
      moduleRoot: options.moduleRoot,
      pkg: options.main,
      outputPath: options.outputPath,
      profile: options.profile,
      pgo: options.pgo ?? 'auto',
      ldflags: options.ldflags,
      tags: options.tags,
      goos: options.goos,
      goarch: options.goarch,
      extraFlags: options.flags,
      log: { info: (line) => logger.info(line), output: (chunk) => process.stderr.write(chunk) },
    });
    logger.info(buildSummary(report));
  });
}
