// Which profile a binary is built with: the profile option when given, else `profile:` in its
// pgo.yaml, else `default.pgo` in its directory (what `go build -pgo=auto` would pick up). The
// first two are configured and must exist; the default is used only when it is there.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PROFILE } from './file-names';
import { readPgoConfig, type PgoConfigLocation } from './pgo-config';

export { DEFAULT_PROFILE };

export type ProfileSource = 'option' | 'pgo.yaml' | 'default';

export interface ProfileLocation {
  /** Absolute. */
  path: string;
  source: ProfileSource;
  /** The pgo.yaml that names it, when `source` is 'pgo.yaml' (absolute). */
  configFile: string | undefined;
  /** Named explicitly (option or pgo.yaml), so a missing file is an error, not "no PGO". */
  configured: boolean;
  exists: boolean;
}

export interface LocateProfileOptions extends PgoConfigLocation {
  /** An explicit profile (absolute, or relative to the workspace root); wins over pgo.yaml. */
  profile?: string;
}

export async function locateProfile(options: LocateProfileOptions): Promise<ProfileLocation> {
  const { workspaceRoot, binaryDir } = options;
  if (options.profile !== undefined) {
    return located(path.resolve(workspaceRoot, options.profile), 'option', undefined);
  }
  const config = await readPgoConfig({ workspaceRoot, binaryDir });
  if (config.profile !== undefined) return located(config.profile, 'pgo.yaml', config.file);
  return located(path.join(binaryDir, DEFAULT_PROFILE), 'default', undefined);
}

async function located(file: string, source: ProfileSource, configFile: string | undefined): Promise<ProfileLocation> {
  // Only "not there" counts as missing; any other failure is left for the read to report.
  const exists = await stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT' && error.code !== 'ENOTDIR',
  );
  return { path: file, source, configFile, configured: source !== 'default', exists };
}
