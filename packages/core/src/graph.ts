// @go-pgo/core/graph: what a project graph needs from core, and no more. The Nx plugin loads it
// in its worker process on every graph computation (Nx 24 starts a fresh worker each time, the
// daemon too), so it holds the Go workspace scanner and build context, the build input sets, the
// names of the PGO files, workspace paths and atomic writes: no capture, bench, report or CLI
// code. pgo.yaml's parser (and the YAML library under it) loads on the first parse, which a
// graph whose facts are cached never needs.
import type * as Settings from './config/load-settings';

export * from './go';
export { BuildInputSets } from './inputs/build-inputs';
export type { InputFormat } from './inputs/build-inputs';
export { PGO_CONFIG_FILE, DEFAULT_PROFILE } from './config/file-names';
export { PgoConfigError } from './config/config-error';
export { workspaceRelative } from './config/workspace-path';
export { atomicWrite, OutputWriteError } from './fs/atomic-write';
export type { ConfiguredPgo, PgoDefaults, SettingsLocation } from './config/load-settings';
export type * from './config/pgo-settings';

/** core's parsePgoSettings (config/load-settings.ts), loaded when first called. */
export function parsePgoSettings(...args: Parameters<typeof Settings.parsePgoSettings>): ReturnType<typeof Settings.parsePgoSettings> {
  return settings().parsePgoSettings(...args);
}

/** core's parseConfiguredPgo (config/load-settings.ts), loaded when first called. */
export function parseConfiguredPgo(...args: Parameters<typeof Settings.parseConfiguredPgo>): ReturnType<typeof Settings.parseConfiguredPgo> {
  return settings().parseConfiguredPgo(...args);
}

function settings(): typeof Settings {
  return require('./config/load-settings') as typeof Settings;
}
