// pgo-verify: the built binary really carries PGO when a profile is configured. The -pgo build
// setting is what `go build` records for the profile it used (with -trimpath, only the file's
// base name); a binary without it was built with -pgo=off, or before the profile existed.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { workspaceRelative } from '../config/workspace-path';
import { readGoBuildInfo } from './go-version-m';
import { PgoVerifyError } from './verify-error';

export interface VerifyPgoOptions {
  /** Absolute. */
  binary: string;
  /** Paths in messages are relative to it. */
  workspaceRoot: string;
  /** A profile is configured for the binary, so it must have been built with one. */
  profileConfigured: boolean;
  /** The configured profile (absolute), when known: then -pgo must name this file. */
  profile?: string;
  /** What to run to rebuild the binary with its profile, for the failure message. */
  rebuildCommand: string;
  env?: NodeJS.ProcessEnv;
}

export interface VerifyPgoResult {
  /** The -pgo build setting, undefined when there is none. */
  pgo: string | undefined;
  /** One line saying what was found. */
  message: string;
}

/** Passes with a one-line message, or throws a PgoVerifyError saying what is wrong and what to run. */
export async function verifyPgo(options: VerifyPgoOptions): Promise<VerifyPgoResult> {
  const shown = (file: string): string => workspaceRelative(options.workspaceRoot, file);
  const binary = shown(options.binary);
  const isFile = await stat(options.binary).then((s) => s.isFile(), () => false);
  if (!isFile) {
    throw new PgoVerifyError('missing-binary', `${binary}: no such binary: build it first (${options.rebuildCommand})`);
  }
  const pgo = (await readGoBuildInfo(options.binary, binary, options.env)).settings.get('-pgo');
  const profile = options.profile === undefined ? 'a profile' : `the profile ${shown(options.profile)}`;
  if (!options.profileConfigured) {
    const found = pgo === undefined ? 'built without PGO (no -pgo build setting)' : `built with -pgo=${pgo}`;
    return { pgo, message: `${binary}: ${found}; no profile is configured for it, so there is nothing to check` };
  }
  if (pgo === undefined) {
    throw new PgoVerifyError(
      'no-pgo',
      `${binary} was built without PGO (go version -m shows no -pgo build setting), but ${profile} is configured for it: ` +
        `it was built with -pgo=off (e.g. by pgo-build:off or go-pgo build --off) or restored from a cache entry made before the profile existed; rebuild it: ${options.rebuildCommand}`,
    );
  }
  // With -trimpath the setting is the profile's base name; without it, the full path.
  if (options.profile !== undefined && path.basename(pgo) !== path.basename(options.profile)) {
    throw new PgoVerifyError(
      'other-profile',
      `${binary} was built with -pgo=${pgo}, but ${profile} is configured for it: rebuild it: ${options.rebuildCommand}`,
    );
  }
  return { pgo, message: `${binary}: built with -pgo=${pgo}${options.profile === undefined ? '' : ` (configured: ${shown(options.profile)})`}` };
}
