// The plugin's options as written in nx.json, checked and given their defaults. A misspelt or
// mistyped option fails the graph with a message naming it, rather than being ignored.
import { DEFAULT_PROFILE, type PgoDefaults } from '@go-pgo/core/graph';
import { GoPgoPluginError } from './plugin-error';

export interface GoPgoPluginOptions {
  /** Prefix of the inferred target names; default `pgo-` (pgo-build, pgo-verify). */
  targetPrefix?: string;
  /**
   * Name of a binary's project. Placeholders: `{name}` (the `<name>` of cmd/<name>, required),
   * `{module}` (the last element(s) of the module path, see README.md), `{modulePath}`.
   * Default `{name}`.
   */
  nameTemplate?: string;
  /** Profile path relative to each binary's directory when its pgo.yaml names none; default `default.pgo`. */
  profile?: string;
  /** Extra `go build` flags every binary's pgo-build passes. */
  buildFlags?: string[];
  /** `-ldflags` for every binary's pgo-build. */
  ldflags?: string;
  /** Build tags: passed to every pgo-build and used to work out import closures (instead of GOFLAGS' -tags). */
  tags?: string[];
  /** Whether every Go module gets a project (so `nx affected` sees shared packages); default true. */
  moduleProjects?: boolean;
  /**
   * Defaults for every binary's pgo.yaml, with its keys (capture, merge, validate, bench), e.g.
   * `{ "validate": { "minSamples": 5000 }, "bench": { "gates": { "cpu": "5%" } } }`. pgo.yaml
   * wins key by key. The profile's default name is the `profile` option.
   */
  defaults?: PgoDefaults;
}

export interface PluginOptions {
  targetPrefix: string;
  nameTemplate: string;
  profile: string;
  buildFlags?: readonly string[];
  ldflags?: string;
  tags?: readonly string[];
  moduleProjects: boolean;
  defaults?: PgoDefaults;
}

const NAME_PLACEHOLDERS = ['{name}', '{module}', '{modulePath}'] as const;

const DEFAULTS = { targetPrefix: 'pgo-', nameTemplate: '{name}', profile: DEFAULT_PROFILE, moduleProjects: true };
const KNOWN = ['targetPrefix', 'nameTemplate', 'profile', 'buildFlags', 'ldflags', 'tags', 'moduleProjects', 'defaults'];
/** How core names the `defaults` option in its messages. */
export const DEFAULTS_LABEL = 'nx.json @go-pgo/nx option defaults';
const NX_JSON = 'nx.json';

export function normalizeOptions(raw: unknown): PluginOptions {
  if (raw === undefined || raw === null) return { ...DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad('the options of @go-pgo/nx must be an object');
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!KNOWN.includes(key)) throw bad(`unknown option "${key}" of @go-pgo/nx: use one of ${KNOWN.join(', ')}`);
  }
  const options: PluginOptions = {
    targetPrefix: optionalString(given, 'targetPrefix') ?? DEFAULTS.targetPrefix,
    nameTemplate: optionalString(given, 'nameTemplate') ?? DEFAULTS.nameTemplate,
    profile: optionalString(given, 'profile') ?? DEFAULTS.profile,
    moduleProjects: optionalBoolean(given, 'moduleProjects') ?? DEFAULTS.moduleProjects,
  };
  const buildFlags = optionalStrings(given, 'buildFlags');
  const ldflags = optionalString(given, 'ldflags');
  const tags = optionalStrings(given, 'tags');
  if (buildFlags !== undefined) options.buildFlags = buildFlags;
  if (ldflags !== undefined) options.ldflags = ldflags;
  if (tags !== undefined) options.tags = tags;
  const defaults = given.defaults;
  if (defaults !== undefined) {
    if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) throw bad(`option defaults must be an object with pgo.yaml's keys, got ${JSON.stringify(defaults)}`);
    // The profile's name has its own option, which the graph and every executor already read.
    if ('profile' in defaults) throw bad('option defaults must not set profile: use the profile option of @go-pgo/nx');
    options.defaults = defaults as PgoDefaults;
  }

  // ':' separates project, target and configuration on Nx's command line.
  if (/[:\s]/.test(options.targetPrefix)) throw bad(`targetPrefix "${options.targetPrefix}" must not contain ':' or spaces`);
  checkTemplate(options.nameTemplate);
  if (options.profile === '' || options.profile.startsWith('/') || /^[A-Za-z]:[\\/]/.test(options.profile)) {
    throw bad(`profile "${options.profile}" must be a path relative to each binary's directory, such as default.pgo`);
  }
  return options;
}

function checkTemplate(template: string): void {
  if (!template.includes('{name}')) throw bad(`nameTemplate "${template}" must contain {name}, or binaries of one module would share a name`);
  const unknown = template.match(/\{[^}]*\}/g)?.find((p) => !(NAME_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown !== undefined) throw bad(`nameTemplate "${template}" has the unknown placeholder ${unknown}: use ${NAME_PLACEHOLDERS.join(', ')}`);
  if (template.includes(':')) throw bad(`nameTemplate "${template}" must not contain ':', which Nx reads as project:target`);
}

function optionalString(given: Record<string, unknown>, key: string): string | undefined {
  const value = given[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`option ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function optionalBoolean(given: Record<string, unknown>, key: string): boolean | undefined {
  const value = given[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw bad(`option ${key} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function optionalStrings(given: Record<string, unknown>, key: string): string[] | undefined {
  const value = given[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw bad(`option ${key} must be an array of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

function bad(message: string): GoPgoPluginError {
  return new GoPgoPluginError(NX_JSON, message);
}
