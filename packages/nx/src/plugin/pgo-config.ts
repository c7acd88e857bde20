// The profile a binary builds with, as the graph needs it: pgo.yaml's `profile:` (read by
// core's parsePgoConfig, so the executors and the graph agree) when set, else the plugin's
// default name in the binary's directory. Read through the recording reader, so the graph
// cache knows it depends on pgo.yaml.
import path from 'node:path';
import { parsePgoConfig, PGO_CONFIG_FILE, workspaceRelative, type GoFileReader } from '@go-pgo/core';
import { GoPgoPluginError } from './plugin-error';

export interface ProfileSetting {
  /** Workspace-relative path of the profile. */
  profile: string;
  /** pgo.yaml names it; otherwise it is the plugin's default. */
  explicit: boolean;
}

/** `binaryDir` and the result are workspace-relative; `root` is absolute. Throws PgoConfigError for a bad pgo.yaml. */
export function profileSetting(reader: GoFileReader, root: string, binaryDir: string, defaultProfile: string): ProfileSetting {
  const absoluteDir = path.join(root, binaryDir);
  const file = path.join(absoluteDir, PGO_CONFIG_FILE);
  if (reader.stat(file) === 'file') {
    const config = parsePgoConfig(reader.readFile(file), file, { workspaceRoot: root, binaryDir: absoluteDir });
    if (config.profile !== undefined) return { profile: workspaceRelative(root, config.profile), explicit: true };
  }
  const profile = workspaceRelative(root, path.resolve(absoluteDir, defaultProfile));
  if (profile === '.' || profile === '..' || profile.startsWith('../') || path.isAbsolute(profile)) {
    throw new GoPgoPluginError(
      'nx.json',
      `the profile option "${defaultProfile}" resolves to ${profile} for ${binaryDir}, outside the workspace: keep profiles inside the workspace so Nx can hash them`,
    );
  }
  return { profile, explicit: false };
}

export function pgoYamlPath(binaryDir: string): string {
  return binaryDir === '.' ? PGO_CONFIG_FILE : `${binaryDir}/${PGO_CONFIG_FILE}`;
}
