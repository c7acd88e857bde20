// What the graph needs beyond Go sources: each binary's profile (from pgo.yaml or the default,
// and whether the file is there) and which pipeline targets its settings call for, and which module roots another plugin's project file owns.
// Kept apart from GoFacts so that adding a profile re-reads a few small files, not the Go tree.
import path from 'node:path';
import { PgoConfigError, type GoFileReader } from '@go-pgo/core';
import type { GoFacts } from '@go-pgo/core';
import { pgoYamlPath, profileSetting, type ProfileSetting } from './pgo-config';
import { GoPgoPluginError } from './plugin-error';
import { hasProjectFile } from './root-ownership';
import type { PluginOptions } from './options';

export interface BinaryProfile extends ProfileSetting {
  exists: boolean;
  /**
   * Why the binary's pgo.yaml does not validate (file:line:col and what to do). The binary keeps
   * its project and its targets, built as if pgo.yaml set nothing; its executors read pgo.yaml
   * and fail with this message.
   */
  configError?: string;
}

export interface ProjectFacts {
  /** Parallel to GoFacts.binaries. */
  profiles: (BinaryProfile | undefined)[];
  /** Directories of workspace modules that hold a project.json or a package.json with "nx". */
  ownedModuleDirs: string[];
}

export interface ProjectFactsScan {
  facts: ProjectFacts;
  errors: [file: string, error: GoPgoPluginError | PgoConfigError][];
}

export function scanProjectFacts(go: GoFacts, root: string, options: PluginOptions, reader: GoFileReader): ProjectFactsScan {
  const errors: [string, GoPgoPluginError | PgoConfigError][] = [];
  const guarded = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof GoPgoPluginError || error instanceof PgoConfigError)) throw error;
      errors.push([error.file, error]);
      return undefined;
    }
  };
  const profiles = go.binaries.map((binary) =>
    guarded(() => {
      // Listed first, so that pgo.yaml and a profile beside it are checked through the listing.
      reader.readDir(path.join(root, binary.dir));
      let setting: ProfileSetting;
      let configError: string | undefined;
      try {
        setting = profileSetting(reader, root, binary.dir, options);
      } catch (error) {
        // A broken pgo.yaml is that binary's problem, not the graph's; nx.json's options stay errors.
        if (!(error instanceof PgoConfigError) || error.file !== pgoYamlPath(binary.dir)) throw error;
        configError = error.message;
        setting = profileSetting(reader, root, binary.dir, options, { ignorePgoYaml: true });
      }
      return { ...setting, exists: reader.stat(path.join(root, setting.profile)) === 'file', ...(configError !== undefined && { configError }) };
    }),
  );
  const ownedModuleDirs = go.modules
    .filter((m) => m.workspace && !m.dir.startsWith('..') && guarded(() => hasProjectFile(reader, root, m.dir)) === true)
    .map((m) => m.dir);
  return { facts: { profiles, ownedModuleDirs }, errors };
}
