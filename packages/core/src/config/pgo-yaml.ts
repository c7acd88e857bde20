// pgo.yaml from text to validated plain values, and the defaults of callers (nx.json plugin
// options, the CLI) through the same schema. Every failure is a PgoConfigError naming the file
// (or the defaults' label) and, for text, the line and column of the offending node.
import { Document, isScalar, LineCounter, parseDocument } from 'yaml';
import { PgoConfigError } from './config-error';
import { PGO_SCHEMA } from './pgo-schema';
import { SchemaViolation, validateDocument, type SchemaContext } from './schema';
import { workspaceRelative } from './workspace-path';

export { PGO_CONFIG_FILE } from './file-names';

/** What the validator makes of pgo.yaml: its keys as written (only those), values converted. */
export type PgoValues = Record<string, unknown>;

export interface ParsedPgoYaml {
  values: PgoValues;
  /** The document as plain data, as written (before conversion). */
  raw: Record<string, unknown>;
}

/** Parses and validates the text of `file`; an empty document has no values. */
export function parsePgoYaml(text: string, file: string, context: SchemaContext): ParsedPgoYaml {
  const shown = workspaceRelative(context.workspaceRoot, file);
  const lines = new LineCounter();
  // prettyErrors off: yaml's pretty form appends a multi-line excerpt; the position is ours.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (offset: number | undefined, message: string): PgoConfigError => {
    const at = offset === undefined ? undefined : lines.linePos(offset);
    return new PgoConfigError(shown, at && { line: at.line, column: at.col }, message);
  };

  const syntax = doc.errors[0];
  if (syntax) throw fail(syntax.pos[0], `not valid YAML: ${syntax.message}`);
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { values: {}, raw: {} };

  let raw: unknown;
  try {
    // Expanding first bounds the work aliases can cause (yaml's maxAliasCount) before we walk them.
    raw = doc.toJS();
  } catch (error) {
    throw fail(undefined, `cannot be expanded: ${(error as Error).message}: write the values out instead of using aliases`);
  }
  return { values: validated(doc, context, fail), raw: raw as Record<string, unknown> };
}

/** Validates defaults given as data; `label` names them in messages ("nx.json plugin option defaults"). */
export function validatePgoDefaults(defaults: object, label: string, context: SchemaContext): PgoValues {
  return validated(new Document(defaults), context, (_offset, message) => new PgoConfigError(label, undefined, message));
}

function validated(
  doc: Document,
  context: SchemaContext,
  fail: (offset: number | undefined, message: string) => PgoConfigError,
): PgoValues {
  try {
    return validateDocument(doc, PGO_SCHEMA, context) as PgoValues;
  } catch (error) {
    if (error instanceof SchemaViolation) throw fail(error.offset, error.message);
    throw error;
  }
}
