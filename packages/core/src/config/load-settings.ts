// A binary's full PgoSettings: pgo.yaml over the caller's defaults (the Nx plugin's `defaults`
// option, the CLI's) over the built-in defaults of the schema. Each layer is validated by the
// same schema; then mappings (merge.weights, bench.gates…) merge key by key and lists replace.
import { readPgoYamlText, type PgoConfigLocation } from './pgo-config';
import { PGO_SCHEMA } from './pgo-schema';
import { parsePgoYaml, validatePgoDefaults } from './pgo-yaml';
import type { BenchSettings, CanarySettings, CaptureSettings, LoadtestSettings, MergeSettings, PgoSettings, ValidateSettings } from './pgo-settings';
import { defaultsOf, layer, type SchemaContext } from './schema';

/**
 * Defaults with the keys of pgo.yaml (`profile`, `capture`, `merge`, `validate`, `bench`,
 * `loadtest`, `canary`) and
 * the same values, e.g. `{ merge: { weights: { canary: 0.5 } }, bench: { gates: { cpu: '5%' } } }`.
 * They come from JSON (nx.json) or code, so they are checked when used, like pgo.yaml.
 */
export interface PgoDefaults {
  profile?: unknown;
  capture?: unknown;
  merge?: unknown;
  validate?: unknown;
  bench?: unknown;
  loadtest?: unknown;
  canary?: unknown;
}

export interface SettingsLocation extends PgoConfigLocation {
  /** The binary's module root (absolute), where Go package patterns resolve; default the binary's directory. */
  moduleRoot?: string;
}

/** How defaults are named in messages unless the caller says otherwise. */
export const DEFAULTS_LABEL = 'nx.json plugin option defaults';
const BUILT_IN_LABEL = 'go-pgo built-in defaults';

/**
 * Reads `<binaryDir>/pgo.yaml` (optional) and completes it with `defaults` and the built-ins;
 * `defaultsLabel` names the defaults in messages (e.g. "--defaults file.json").
 */
export async function loadPgoSettings(location: SettingsLocation, defaults?: PgoDefaults, defaultsLabel = DEFAULTS_LABEL): Promise<PgoSettings> {
  const found = await readPgoYamlText(location);
  const values = found === undefined ? {} : parsePgoYaml(found.text, found.file, location).values;
  return settingsFrom(found?.file, values, location, defaults, defaultsLabel);
}

/**
 * The same from the text of `file` (the pgo.yaml of `location.binaryDir`); `text` undefined:
 * the binary has no pgo.yaml, and its settings are the defaults.
 */
export function parsePgoSettings(
  text: string | undefined,
  file: string,
  location: SettingsLocation,
  defaults?: PgoDefaults,
  defaultsLabel = DEFAULTS_LABEL,
): PgoSettings {
  if (text === undefined) return settingsFrom(undefined, {}, location, defaults, defaultsLabel);
  return settingsFrom(file, parsePgoYaml(text, file, location).values, location, defaults, defaultsLabel);
}

/**
 * What pgo.yaml and the caller's defaults configure: their values, validated and converted as
 * parsePgoSettings does, layered the same way, but without the built-in defaults beneath them
 * (a section neither names is absent). For callers that ask only what is configured, such as the
 * project graph deciding a binary's targets: converting the built-ins for each binary was a
 * seventh of a cold graph at 1000 configured binaries.
 */
export interface ConfiguredPgo {
  profileSource: PgoSettings['profileSource'];
  /** Absolute, when pgo.yaml or the defaults name a profile. */
  profile?: string;
  capture?: Partial<CaptureSettings>;
  merge?: Partial<MergeSettings>;
  validate?: Partial<ValidateSettings>;
  bench?: Partial<BenchSettings>;
  loadtest?: Partial<LoadtestSettings>;
  canary?: Partial<CanarySettings>;
}

/** The configured layers of the pgo.yaml text of `file` (undefined: none) over `defaults`. */
export function parseConfiguredPgo(
  text: string | undefined,
  file: string,
  location: SettingsLocation,
  defaults?: PgoDefaults,
  defaultsLabel = DEFAULTS_LABEL,
): ConfiguredPgo {
  const values = text === undefined ? {} : parsePgoYaml(text, file, location).values;
  const { given, profileSource } = givenLayer(values, location, defaults, defaultsLabel);
  return { profileSource, ...(layer(given, values) as Omit<ConfiguredPgo, 'profileSource'>) };
}

/** The settings of a binary without pgo.yaml and defaults: the schema's built-ins. */
export function builtInPgoSettings(location: SettingsLocation): PgoSettings {
  return settingsFrom(undefined, {}, location, undefined, DEFAULTS_LABEL);
}

function settingsFrom(
  file: string | undefined,
  values: Record<string, unknown>,
  context: SchemaContext,
  defaults: PgoDefaults | undefined,
  label: string,
): PgoSettings {
  const builtIn = validatePgoDefaults(defaultsOf(PGO_SCHEMA), BUILT_IN_LABEL, context);
  const { given, profileSource } = givenLayer(values, context, defaults, label);
  // The schema's built-in defaults cover every other field of PgoSettings (load-settings.spec.ts checks the whole shape).
  return { file, profileSource, ...(layer(layer(builtIn, given), values) as Omit<PgoSettings, 'file' | 'profileSource'>) };
}

/** The caller's defaults, validated, and who names the profile given pgo.yaml's `values`. */
function givenLayer(
  values: Record<string, unknown>,
  context: SchemaContext,
  defaults: PgoDefaults | undefined,
  label: string,
): { given: Record<string, unknown>; profileSource: PgoSettings['profileSource'] } {
  const given = defaults === undefined ? {} : validatePgoDefaults(defaults, label, context);
  const profileSource = values.profile !== undefined ? 'pgo.yaml' : given.profile !== undefined ? 'defaults' : 'built-in';
  return { given, profileSource };
}
