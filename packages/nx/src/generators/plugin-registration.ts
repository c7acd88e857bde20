// The plugin's entry in nx.json `plugins`, as the generators read and write it. A registration
// is the string '@go-pgo/nx' or `{ plugin: '@go-pgo/nx', options }`; an absent option means
// the inference's default, so only options that differ from a default are ever written: nx.json
// stays minimal, and a workspace that chose nothing follows the defaults.
import type { ExpandedPluginConfiguration, NxJsonConfiguration, PluginConfiguration } from '@nx/devkit';
import { normalizeOptions, type GoPgoPluginOptions, type PluginOptions } from '../plugin/options';
import { PLUGIN_PACKAGE } from './package-info';

/** The plugin options init sets (the build options stay for nx.json to hold by hand). */
export const INIT_OPTION_KEYS = ['targetPrefix', 'nameTemplate', 'profile', 'moduleProjects'] as const;
export type InitPluginOptions = Pick<GoPgoPluginOptions, (typeof INIT_OPTION_KEYS)[number]>;

type OptionValue = string | boolean;

/** What the inference uses when an option is absent, from its own normalization. */
const DEFAULTS: Readonly<PluginOptions> = normalizeOptions(undefined);

export class PluginRegistrationError extends Error {
  override readonly name = 'PluginRegistrationError';
}

/** The registrations of this plugin in nx.json, with their index in `plugins`. */
export function findRegistrations(nxJson: NxJsonConfiguration): { index: number; entry: PluginConfiguration }[] {
  const found: { index: number; entry: PluginConfiguration }[] = [];
  (nxJson.plugins ?? []).forEach((entry, index) => {
    if ((typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_PACKAGE) found.push({ index, entry });
  });
  return found;
}

/** The options of a registration as written (the string form has none). */
export function registeredOptions(entry: PluginConfiguration): Record<string, unknown> {
  if (typeof entry === 'string') return {};
  const options = entry.options;
  return typeof options === 'object' && options !== null && !Array.isArray(options) ? { ...(options as Record<string, unknown>) } : {};
}

/**
 * Registers the plugin with `requested` options, or applies them to the one registration that
 * exists. An option equal to its default is removed rather than written. Returns whether
 * nx.json changed; an unchanged registration keeps its form (string or object) and key order.
 */
export function registerPlugin(nxJson: NxJsonConfiguration, requested: InitPluginOptions): boolean {
  const registrations = findRegistrations(nxJson);
  if (registrations.length === 0) {
    const options = applyOptions({}, requested);
    const entry: ExpandedPluginConfiguration = { plugin: PLUGIN_PACKAGE };
    if (Object.keys(options).length > 0) entry.options = options;
    nxJson.plugins = [...(nxJson.plugins ?? []), entry];
    return true;
  }
  if (!INIT_OPTION_KEYS.some((key) => requested[key] !== undefined)) return false;
  if (registrations.length > 1) {
    throw new PluginRegistrationError(
      `nx.json registers ${PLUGIN_PACKAGE} ${registrations.length} times (plugins[${registrations.map((r) => r.index).join('], plugins[')}]): ` +
        'it is not clear which registration the options are for; edit their "options" in nx.json instead',
    );
  }
  const { index, entry } = registrations[0]!;
  const before = registeredOptions(entry);
  const after = applyOptions(before, requested);
  if (sameOptions(before, after)) return false;
  const expanded: ExpandedPluginConfiguration = typeof entry === 'string' ? { plugin: entry } : { ...entry };
  if (Object.keys(after).length > 0) expanded.options = after;
  else delete expanded.options;
  const plugins = [...nxJson.plugins!];
  plugins[index] = expanded;
  nxJson.plugins = plugins;
  return true;
}

/**
 * The targetPrefix and profile a binary gets when nx.json registers the plugin once (with
 * several registrations, include/exclude decide per path, so the defaults are assumed).
 */
export function effectivePluginOptions(nxJson: NxJsonConfiguration | null): { targetPrefix: string; profile: string } {
  const registrations = nxJson === null ? [] : findRegistrations(nxJson);
  const options = registrations.length === 1 ? registeredOptions(registrations[0]!.entry) : {};
  const text = (key: 'targetPrefix' | 'profile'): string => {
    const value = options[key];
    return typeof value === 'string' ? value : DEFAULTS[key];
  };
  return { targetPrefix: text('targetPrefix'), profile: text('profile') };
}

function applyOptions(existing: Record<string, unknown>, requested: InitPluginOptions): Record<string, unknown> {
  const result = { ...existing };
  for (const key of INIT_OPTION_KEYS) {
    const value: OptionValue | undefined = requested[key];
    if (value === undefined) continue;
    if (DEFAULTS[key] === value) delete result[key];
    else result[key] = value;
  }
  return result;
}

/** Option values are JSON (strings, booleans, string arrays): equal when serialized alike. */
function sameOptions(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
