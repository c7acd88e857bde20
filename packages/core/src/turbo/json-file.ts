// The JSON files turbo init merges into (package.json, turbo.json): read as plain objects, and
// written back with the file's own indentation only when their value changed, so a file that
// already says everything is left byte for byte as the user formatted it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TurboConfigError } from './turbo-error';

export type JsonObject = Record<string, unknown>;

export interface JsonFile {
  /** Root-relative, '/'-separated. */
  file: string;
  /** undefined: the file does not exist. */
  text: string | undefined;
  value: JsonObject;
}

export async function readJsonObject(root: string, file: string): Promise<JsonFile> {
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, text: undefined, value: {} };
    throw new TurboConfigError(`${file}: cannot read it (${(error as Error).message}): check its permissions`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TurboConfigError(
      `${file}: not valid JSON (${(error as Error).message}); go-pgo turbo init reads plain JSON, without comments or trailing commas: fix or simplify the file`,
      { cause: error },
    );
  }
  if (!isJsonObject(value)) throw new TurboConfigError(`${file}: the top level is not a JSON object: fix the file`);
  return { file, text, value };
}

/** The new text of `original` holding `value`, or undefined when the value is unchanged. */
export function updatedText(original: JsonFile, value: JsonObject): string | undefined {
  if (original.text !== undefined && JSON.stringify(value) === JSON.stringify(original.value)) return undefined;
  return `${JSON.stringify(value, null, indentOf(original.text))}\n`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The indentation of the first indented key, else two spaces. */
function indentOf(text: string | undefined): string {
  return /^([ \t]+)"/m.exec(text ?? '')?.[1] ?? '  ';
}
