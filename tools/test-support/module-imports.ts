// For layering specs: the module specifiers that TypeScript sources import (static imports and
// re-exports, `import()`, `require()`), read from the text, and the product sources of a folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
/** `import type { … } from '…'` and `export type { … } from '…'`: gone from the compiled module. */
const TYPE_ONLY = /^\s*(?:import|export)\s+type\s[^;]*?\bfrom\s*['"][^'"]+['"];?/gm;

/** Every module specifier in the TypeScript source of `file`; with `withTypes: false`, only those the compiled module loads. */
export function importsOf(file: string, { withTypes = true } = {}): string[] {
  const text = readFileSync(file, 'utf8');
  return [...(withTypes ? text : text.replace(TYPE_ONLY, '')).matchAll(SPECIFIER)].map((m) => m[1]!);
}

/** The `.ts` files under `dir` (recursively), without specs and spec helpers, as paths relative to `dir`. */
export function productSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !/\.spec(-helper)?\.ts$/.test(file) && !file.split(path.sep).includes('files'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}
