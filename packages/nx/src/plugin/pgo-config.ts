// What the graph needs of a binary's pgo.yaml: the profile it builds with (pgo.yaml's
// `profile:`, else the plugin's default name in the binary's directory) and whether capture
// sources, bench packages, a loadtest and a canary are configured (there or in the plugin's
// `defaults`), which decide the pipeline targets. Parsed by core's parseConfiguredPgo, which
// validates as the executors' settings do (so a pgo.yaml the executors reject is an error here
// too) without converting the built-in defaults, which configure none of these; read through
// the recording reader, so the graph cache knows it depends on pgo.yaml.
import path from 'node:path';
import { parseConfiguredPgo, PGO_CONFIG_FILE, workspaceRelative, type GoFileReader } from '@go-pgo/core/graph';
import { DEFAULTS_LABEL, type PluginOptions } from './options';
import { GoPgoPluginError } from './plugin-error';

export interface ProfileSetting {
  /** Workspace-relative path of the profile. */
  profile: string;
  /** pgo.yaml names it; otherwise it is the plugin's default. */
  explicit: boolean;
  /** The binary has a pgo.yaml, valid or not (which takes it out of the bootstrap state, see targets.ts). */
  hasPgoYaml: boolean;
  /** capture.sources is not empty: pgo-capture and pgo-merge exist. */
  captureConfigured: boolean;
  /** bench.packages is not empty: pgo-bench exists. */
  benchConfigured: boolean;
  /** loadtest names a source of load (replay or command): pgo-loadtest exists. */
  loadtestConfigured: boolean;
  /** canary names a Prometheus: pgo-canary exists. */
  canaryConfigured: boolean;
}

/**
 * `binaryDir` and the result are workspace-relative; `root` is absolute. Throws PgoConfigError
 * for a bad pgo.yaml or defaults; `ignorePgoYaml` reads the settings as if there were no pgo.yaml.
 */
export function profileSetting(reader: GoFileReader, root: string, binaryDir: string, options: PluginOptions, { ignorePgoYaml = false } = {}): ProfileSetting {
  const absoluteDir = path.join(root, binaryDir);
  const file = path.join(absoluteDir, PGO_CONFIG_FILE);
  const hasPgoYaml = reader.stat(file) === 'file';
  const text = !ignorePgoYaml && hasPgoYaml ? reader.readFile(file) : undefined;
  // Without pgo.yaml and defaults nothing is configured: no need to load and run the parser.
  const settings = text === undefined && options.defaults === undefined ? undefined : parseConfiguredPgo(text, file, { workspaceRoot: root, binaryDir: absoluteDir }, options.defaults, DEFAULTS_LABEL);
  const explicit = settings?.profileSource === 'pgo.yaml';
  const profile = workspaceRelative(root, explicit ? settings.profile! : path.resolve(absoluteDir, options.profile));
  if (profile === '.' || profile === '..' || profile.startsWith('../') || path.isAbsolute(profile)) {
    throw new GoPgoPluginError(
      'nx.json',
      `the profile option "${options.profile}" resolves to ${profile} for ${binaryDir}, outside the workspace: keep profiles inside the workspace so Nx can hash them`,
    );
  }
  return {
    profile,
    explicit,
    hasPgoYaml,
    captureConfigured: (settings?.capture?.sources?.length ?? 0) > 0,
    benchConfigured: (settings?.bench?.packages?.length ?? 0) > 0,
    loadtestConfigured: settings?.loadtest?.replay !== undefined || settings?.loadtest?.command !== undefined,
    canaryConfigured: settings?.canary?.prometheus !== undefined,
  };
}

export function pgoYamlPath(binaryDir: string): string {
  return binaryDir === '.' ? PGO_CONFIG_FILE : `${binaryDir}/${PGO_CONFIG_FILE}`;
}
