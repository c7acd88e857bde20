// @go-pgo/nx:validate — pgo-validate. The committed profile (or, in the `candidate`
// configuration, pgo-merge's output) against the thresholds and today's source; the report is
// logged as a table and written as JSON for CI.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { atomicWrite, buildContextOptionsFromEnv, formatValidationReport, PgoValidateError, validateProfile, workspaceRelative } from '@go-pgo/core';
import { binaryAt } from '../binary-settings';
import { runExecutor, type ExecutorResult } from '../run-executor';

export interface ValidateExecutorOptions {
  /** The binary's directory (cmd/<name>), workspace-relative. */
  binaryDir: string;
  /** The profile to check, workspace-relative; default the binary's configured profile. */
  profile?: string;
  /** The committed profile to measure drift against, when `profile` is another file (skipped while it does not exist). */
  committed?: string;
  /** A raw capture: minBytes applies. */
  raw?: boolean;
  /** The JSON report, workspace-relative. */
  report?: string;
  /** Report failed gates without failing the task. */
  warnOnly?: boolean;
}

export default async function validateExecutor(options: ValidateExecutorOptions, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const at = await binaryAt(context, { binaryDir: options.binaryDir });
    const profile = options.profile === undefined ? at.settings.profile : path.resolve(at.workspaceRoot, options.profile);
    const committed = options.committed === undefined ? undefined : path.resolve(at.workspaceRoot, options.committed);
    const report = await validateProfile({
      workspaceRoot: at.workspaceRoot,
      binaryDir: at.binaryDir,
      profile,
      settings: at.settings.validate,
      // A first profile has nothing committed to drift from.
      ...(committed !== undefined && existsSync(committed) && { committedProfile: committed }),
      raw: options.raw === true,
      buildContext: buildContextOptionsFromEnv(process.env),
    });
    if (options.report !== undefined) {
      const file = path.resolve(at.workspaceRoot, options.report);
      await mkdir(path.dirname(file), { recursive: true });
      await atomicWrite(file, `${JSON.stringify(report, null, 2)}\n`);
    }
    logger.info(formatValidationReport(report).trimEnd());
    if (report.passed) return;
    const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.label);
    if (options.warnOnly) {
      logger.warn(`${workspaceRelative(at.workspaceRoot, profile)}: gates failed (${failed.join(', ')}); not failing because of warnOnly`);
      return;
    }
    throw new PgoValidateError(`${workspaceRelative(at.workspaceRoot, profile)} failed validation: ${failed.join(', ')} (see the table above; warnOnly reports without failing)`);
  });
}
