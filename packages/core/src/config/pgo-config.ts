// A binary's profile configuration as written, `cmd/<name>/pgo.yaml` (optional), for callers
// that need only where the profile is (the Nx graph, locateProfile). The whole file is validated
// against the one pgo.yaml schema (pgo-schema.ts), so a typo anywhere surfaces wherever pgo.yaml
// is read; `loadPgoSettings` (load-settings.ts) adds the defaults. Anything wrong is a
// PgoConfigError naming the file, line and column.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PgoConfigError } from './config-error';
import { parsePgoYaml, PGO_CONFIG_FILE, type PgoValues } from './pgo-yaml';
import { workspaceRelative } from './workspace-path';

export { PGO_CONFIG_FILE } from './pgo-yaml';

export interface PgoConfig {
  /** The pgo.yaml read (absolute), undefined when the binary directory has none. */
  file: string | undefined;
  /** `profile:` resolved against the binary directory (absolute), when pgo.yaml sets it. */
  profile: string | undefined;
  /** Every top-level key as written (the schema allows no unknown ones), before defaults. */
  values: Record<string, unknown>;
}

export interface PgoConfigLocation {
  workspaceRoot: string;
  /** The binary's directory (`…/cmd/<name>`), absolute. */
  binaryDir: string;
}

/** The text of `<binaryDir>/pgo.yaml`, undefined when there is none. */
export async function readPgoYamlText(location: PgoConfigLocation): Promise<{ file: string; text: string } | undefined> {
  const file = path.join(location.binaryDir, PGO_CONFIG_FILE);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (typeof code !== 'string') throw error;
    throw new PgoConfigError(
      workspaceRelative(location.workspaceRoot, file),
      undefined,
      `cannot read it (${code}): make it a readable file`,
      { cause: error },
    );
  }
}

/** Reads `<binaryDir>/pgo.yaml`; a binary without one has an empty configuration. */
export async function readPgoConfig(location: PgoConfigLocation): Promise<PgoConfig> {
  const found = await readPgoYamlText(location);
  if (found === undefined) return { file: undefined, profile: undefined, values: {} };
  return parsePgoConfig(found.text, found.file, location);
}

/** Parses the text of `file` (the pgo.yaml of `location.binaryDir`). */
export function parsePgoConfig(text: string, file: string, location: PgoConfigLocation): PgoConfig {
  const { values, raw } = parsePgoYaml(text, file, location);
  return { file, profile: profileOf(values), values: raw };
}

function profileOf(values: PgoValues): string | undefined {
  return typeof values.profile === 'string' ? values.profile : undefined;
}
