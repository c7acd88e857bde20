// The names of a binary's PGO files in its cmd/<name> directory. Their own module, so that
// callers which only need the names (the Nx graph's light entry, ../graph.ts) load no YAML.

/** A binary's profile config. */
export const PGO_CONFIG_FILE = 'pgo.yaml';

/** The profile a binary builds with when its pgo.yaml names none (what `go build -pgo=auto` picks up). */
export const DEFAULT_PROFILE = 'default.pgo';
