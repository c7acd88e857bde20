// `go-pgo turbo init` and `go-pgo turbo check` without the command line: scan the Go binaries,
// plan the Turborepo files, and write them (each atomically) or report them as stale.
import path from 'node:path';
import execa from 'execa';
import { atomicWrite } from '../fs/atomic-write';
import { scanTurboBinaries, type TurboBinary } from './turbo-binaries';
import { planTurboFiles, type PlanOptions, type TurboPlan } from './turbo-plan';
import { TurboConfigError } from './turbo-error';

export interface TurboInitOptions {
  /** The repository root (absolute): where package.json, turbo.json and go.work live. */
  root: string;
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  /** Default: `npm --version`, asked only when package.json has no packageManager. */
  npmVersion?: PlanOptions['npmVersion'];
}

export interface TurboInitResult extends TurboPlan {
  binaries: TurboBinary[];
  /** Whether the planned files were written. */
  written: boolean;
}

export async function turboInit(options: TurboInitOptions): Promise<TurboInitResult> {
  const root = path.resolve(options.root);
  const binaries = await scanTurboBinaries(root);
  if (binaries.length === 0) {
    throw new TurboConfigError(`${root}: no Go binary (a cmd/<name> directory of package main inside a module) found: run go-pgo turbo init at the repository root`);
  }
  const plan = await planTurboFiles(root, binaries, { npmVersion: options.npmVersion ?? npmVersion });
  if (!options.dryRun) {
    for (const file of plan.files) await atomicWrite(path.join(root, file.file), file.text);
  }
  return { ...plan, binaries, written: !options.dryRun };
}

async function npmVersion(): Promise<string> {
  try {
    return (await execa('npm', ['--version'])).stdout.trim();
  } catch (error) {
    throw new TurboConfigError(
      'package.json: Turborepo needs a "packageManager" field and npm did not answer npm --version: add "packageManager": "npm@<version>", then run go-pgo turbo init again',
      { cause: error },
    );
  }
}
