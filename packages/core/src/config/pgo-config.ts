// A binary's profile configuration, `cmd/<name>/pgo.yaml` (optional). Only `profile:` is read
// here; the other keys are kept as plain data for the full schema of a later issue. Anything
// wrong is a PgoConfigError naming the file, line and column.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { PgoConfigError } from './config-error';
import { isInsideWorkspace, workspaceRelative } from './workspace-path';

export const PGO_CONFIG_FILE = 'pgo.yaml';

export interface PgoConfig {
  /** The pgo.yaml read (absolute), undefined when the binary directory has none. */
  file: string | undefined;
  /** `profile:` resolved against the binary directory (absolute), when pgo.yaml sets it. */
  profile: string | undefined;
  /** Every top-level key as plain data, unknown ones included. */
  values: Record<string, unknown>;
}

export interface PgoConfigLocation {
  workspaceRoot: string;
  /** The binary's directory (`…/cmd/<name>`), absolute. */
  binaryDir: string;
}

/** Reads `<binaryDir>/pgo.yaml`; a binary without one has an empty configuration. */
export async function readPgoConfig(location: PgoConfigLocation): Promise<PgoConfig> {
  const file = path.join(location.binaryDir, PGO_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: undefined, profile: undefined, values: {} };
    if (typeof code !== 'string') throw error;
    throw new PgoConfigError(
      workspaceRelative(location.workspaceRoot, file),
      undefined,
      `cannot read it (${code}): make it a readable file`,
      { cause: error },
    );
  }
  return parsePgoConfig(text, file, location);
}

/** Parses the text of `file` (the pgo.yaml of `location.binaryDir`). */
export function parsePgoConfig(text: string, file: string, location: PgoConfigLocation): PgoConfig {
  const shown = workspaceRelative(location.workspaceRoot, file);
  const lines = new LineCounter();
  // prettyErrors off: yaml's pretty form appends a multi-line excerpt; the position is ours.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (offset: number | undefined, message: string): PgoConfigError =>
    new PgoConfigError(shown, offset === undefined ? undefined : positionOf(lines, offset), message);

  const syntax = doc.errors[0];
  if (syntax) throw fail(syntax.pos[0], `not valid YAML: ${syntax.message}`);
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { file, profile: undefined, values: {} };
  }
  if (!isMap(contents)) {
    throw fail(contents.range?.[0], `expected settings (key: value lines, e.g. "profile: default.pgo"), found ${describeNode(contents)}`);
  }

  let values: Record<string, unknown>;
  try {
    values = { ...(doc.toJS() as Record<string, unknown>) };
  } catch (error) {
    // Only an alias bomb gets here: the text parsed, but expanding its aliases is too much work.
    throw fail(undefined, `cannot be expanded: ${(error as Error).message}: write the values out instead of using aliases`);
  }

  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === 'profile');
  if (pair === undefined) return { file, profile: undefined, values };
  const at = rangeStart(pair.value) ?? rangeStart(pair.key);
  const value = values.profile;
  if (typeof value !== 'string' || value.trim() === '') {
    throw fail(
      at,
      `profile must be the path of the profile file relative to ${workspaceRelative(location.workspaceRoot, location.binaryDir)}, ` +
        `found ${describeValue(value)}: ${typeof value === 'number' || typeof value === 'boolean' ? `quote it, e.g. profile: "${String(value)}"` : 'write e.g. "profile: default.pgo"'}`,
    );
  }
  const profile = path.resolve(location.binaryDir, value);
  if (!isInsideWorkspace(location.workspaceRoot, profile)) {
    throw fail(
      at,
      `profile "${value}" is outside the workspace (${profile}): keep the profile inside the workspace, ` +
        'so that it is versioned with the code and builds are cached on its content',
    );
  }
  return { file, profile, values };
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function positionOf(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function describeNode(node: Node): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return describeValue(node.value);
  return 'an alias';
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : `the text "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  return 'a mapping';
}
