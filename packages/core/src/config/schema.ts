// A small declarative schema for YAML settings, and the one validator that walks a parsed YAML
// document against it. Each schema node says what it accepts and how it reads in a message;
// the validator turns the document into plain values (percentages into fractions, paths made
// absolute) or fails with the path of the offending node (`capture.sources[1].kubernetes.port`),
// its offset in the text and what was expected instead.
import path from 'node:path';
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { closest } from '../text/suggest';
import { isInsideWorkspace } from './workspace-path';

/** What path checks resolve against. All absolute. */
export interface SchemaContext {
  workspaceRoot: string;
  binaryDir: string;
  /** The binary's module root, for Go package patterns; the binary's directory when unknown. */
  moduleRoot?: string;
}

export interface Field {
  schema: Schema;
  required?: boolean;
  /** Used when the key is absent: the built-in default (see `defaultsOf`), or, inside list items, filled in on validation. */
  default?: unknown;
  /** A value as written in YAML, for messages (`seconds: 30`). */
  example?: string;
}

export interface ObjectSchema {
  type: 'object';
  fields: Record<string, Field>;
}

/** Free keys (source names, globs) to values of one schema. */
export interface MapSchema {
  type: 'map';
  values: Schema;
  /** What a key is, for messages: "a source name or an instance glob". */
  keys: string;
  example: string;
}

export interface ListSchema {
  type: 'list';
  items: Schema;
  nonEmpty?: boolean;
  /** Items must differ by this key (already validated item → its key); `what` names the key in messages. */
  unique?: { key: (item: unknown) => string; what: string };
  example: string;
}

export interface TextSchema {
  type: 'string';
  /** How the accepted text reads after "must be": default "a text". */
  expected?: string;
  /** When set, the text must match it. */
  pattern?: RegExp;
  /** A value as written in YAML, for the advice after a wrong one. */
  example?: string;
}

export interface UrlSchema {
  type: 'url';
}

/** A path or glob relative to a directory; it may not lead outside the workspace. */
export interface PathSchema {
  type: 'path';
  /** binaryDir: a file path, made absolute. moduleRoot: a Go package pattern, kept as written (only relative ones are paths). */
  base: 'binaryDir' | 'moduleRoot';
  expected: (context: SchemaContext) => string;
  /** Why a path outside the workspace is refused, and what to do. */
  outside: string;
  example?: string;
}

export interface NumberSchema {
  type: 'number' | 'int';
  min?: number;
  max?: number;
  /** The value must be above `min`, not equal to it. */
  aboveMin?: boolean;
}

export interface BooleanSchema {
  type: 'boolean';
}

/** A fraction: `0.05` or `5%`. Numbers must lie in 0..1 (so `5` is not taken for 500%); percentages up to `maxPercent`. */
export interface PercentSchema {
  type: 'percent';
  /** Default: no limit (a gate may allow a 150% growth). */
  maxPercent?: number;
  example: string;
}

export interface EnumSchema {
  type: 'enum';
  values: readonly string[];
}

/**
 * A one-key mapping whose key names the kind: `- http: { urls: [...] }`. Becomes
 * `{ kind, name, ...fields }`; the name defaults to the kind.
 */
export interface KindSchema {
  type: 'kind';
  kinds: Record<string, ObjectSchema>;
  /** "source", for messages. */
  what: string;
  example: string;
}

export type Schema =
  | ObjectSchema
  | MapSchema
  | ListSchema
  | TextSchema
  | UrlSchema
  | PathSchema
  | NumberSchema
  | BooleanSchema
  | PercentSchema
  | EnumSchema
  | KindSchema;

/** A value that does not fit; `offset` into the text when the value came from one. */
export class SchemaViolation extends Error {
  override readonly name = 'SchemaViolation';

  constructor(
    readonly offset: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validates the document's contents against `schema` and returns them as plain values. Objects
 * fill in their field defaults only inside list items (a list replaces its defaults whole, so
 * its items are complete); elsewhere defaults are a layer of their own, see `defaultsOf`.
 */
export function validateDocument(doc: Document, schema: Schema, context: SchemaContext): unknown {
  return new Validator(doc, context).value(doc.contents, schema, '', false);
}

/** The built-in defaults of `schema` outside lists, as YAML-shaped values (validate them like any other layer). */
export function defaultsOf(schema: ObjectSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.fields)) {
    if (field.default !== undefined) out[key] = field.default;
    else if (field.schema.type === 'object') {
      const nested = defaultsOf(field.schema);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

/** `upper` over `lower`: mappings merge key by key, lists and scalars replace. */
export function layer(lower: unknown, upper: unknown): unknown {
  if (upper === undefined) return lower;
  if (!isPlainObject(lower) || !isPlainObject(upper)) return upper;
  const out: Record<string, unknown> = { ...lower };
  for (const [key, value] of Object.entries(upper)) out[key] = layer(lower[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Validator {
  constructor(
    private readonly doc: Document,
    private readonly context: SchemaContext,
  ) {}

  value(node: unknown, schema: Schema, where: string, inItem: boolean): unknown {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    switch (schema.type) {
      case 'object':
        return this.object(target, schema, where, inItem);
      case 'map':
        return this.map(target, schema, where);
      case 'list':
        return this.list(target, schema, where);
      case 'kind':
        return this.kind(target, schema, where);
      default:
        return this.scalar(target, schema, where);
    }
  }

  /** `emptyIfNull`: a source kind with nothing after it (`- bench:`) is one with no settings, so the message can name what it needs. */
  private object(node: unknown, schema: ObjectSchema, where: string, inItem: boolean, emptyIfNull = false): Record<string, unknown> {
    const pairs = isMap(node) ? node.items : emptyIfNull && isScalar(node) && node.value === null ? [] : undefined;
    if (pairs === undefined) throw mismatch(node, where, objectExpected(schema));
    const out: Record<string, unknown> = {};
    const known = Object.keys(schema.fields);
    for (const pair of pairs) {
      const key = this.key(pair, where);
      const field = Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
      if (field === undefined) throw unknownKey(pair, join(where, key), key, known);
      out[key] = this.value(pair.value ?? undefined, field.schema, join(where, key), inItem);
    }
    for (const [key, field] of Object.entries(schema.fields)) {
      if (key in out) continue;
      if (field.required) {
        throw new SchemaViolation(
          start(node),
          `${where || 'the settings'} needs ${key}: ${field.example ? `write e.g. "${key}: ${field.example}"` : `give ${expected(field.schema, this.context)}`}`,
        );
      }
      if (inItem && field.default !== undefined) out[key] = field.default;
    }
    return out;
  }

  private map(node: unknown, schema: MapSchema, where: string): Record<string, unknown> {
    if (!isMap(node)) throw mismatch(node, where, expected(schema, this.context));
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = this.key(pair, where);
      if (key === '') throw new SchemaViolation(start(pair.key), `${where} has an empty key: each key must be ${schema.keys}`);
      out[key] = this.value(pair.value ?? undefined, schema.values, join(where, key), false);
    }
    return out;
  }

  private list(node: unknown, schema: ListSchema, where: string): unknown[] {
    if (!isSeq(node)) throw mismatch(node, where, expected(schema, this.context));
    if (schema.nonEmpty && node.items.length === 0) {
      throw new SchemaViolation(start(node), `${where} must list at least one item, e.g. "${lastKey(where)}: ${schema.example}"`);
    }
    const seen = new Map<string, number>();
    return node.items.map((item, i) => {
      const value = this.value(item, schema.items, `${where}[${i}]`, true);
      if (schema.unique) {
        const key = schema.unique.key(value);
        const first = seen.get(key);
        if (first !== undefined) {
          throw new SchemaViolation(
            start(item),
            `${where}[${i}] has the ${schema.unique.what} "${key}" of ${where}[${first}] too: give each a ${schema.unique.what} of its own`,
          );
        }
        seen.set(key, i);
      }
      return value;
    });
  }

  private kind(node: unknown, schema: KindSchema, where: string): Record<string, unknown> {
    const kinds = Object.keys(schema.kinds);
    if (!isMap(node) || node.items.length !== 1) {
      const found = isMap(node) ? `${node.items.length} keys (${node.items.map((p) => String(isScalar(p.key) ? p.key.value : '?')).join(', ')})` : describeNode(node);
      throw new SchemaViolation(
        start(node),
        `${where} must be a ${schema.what} written as one key naming its kind (${kinds.join(', ')}), found ${found}: write e.g. "- ${schema.example}"`,
      );
    }
    const pair = node.items[0]!;
    const kind = this.key(pair, where);
    const body = Object.hasOwn(schema.kinds, kind) ? schema.kinds[kind] : undefined;
    if (body === undefined) {
      const guess = closest(kind, kinds);
      throw new SchemaViolation(
        start(pair.key),
        `${where} has the unknown ${schema.what} kind "${kind}": ${guess ? `did you mean ${guess}?` : `use one of ${kinds.join(', ')}`}`,
      );
    }
    const fields = this.object(pair.value ?? undefined, body, join(where, kind), true, true);
    return { kind, name: kind, ...fields };
  }

  private key(pair: Pair, where: string): string {
    const key = isAlias(pair.key) ? pair.key.resolve(this.doc) : pair.key;
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) {
      return String(key.value);
    }
    throw new SchemaViolation(start(key), `${where || 'the settings'} has a key that is not a plain name (${describeNode(key)}): write keys as plain words`);
  }

  private scalar(node: unknown, schema: Exclude<Schema, ObjectSchema | MapSchema | ListSchema | KindSchema>, where: string): unknown {
    const value: unknown = isScalar(node) ? node.value : node;
    const textual = schema.type === 'string' || schema.type === 'path';
    const fail = (): SchemaViolation =>
      mismatch(node, where, expected(schema, this.context), textual ? advice(value, where, schema.example) : undefined);
    if (!isScalar(node)) throw fail();
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string' || value.trim() === '' || (schema.pattern && !schema.pattern.test(value))) throw fail();
        return value;
      case 'url':
        if (typeof value !== 'string' || !isHttpUrl(value)) throw fail();
        return value;
      case 'path':
        if (typeof value !== 'string' || value.trim() === '') throw fail();
        return this.path(value, schema, where, start(node));
      case 'int':
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, schema)) throw fail();
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') throw fail();
        return value;
      case 'percent': {
        const fraction = parseFraction(value, schema);
        if (fraction === undefined) throw fail();
        return fraction;
      }
      case 'enum':
        if (typeof value !== 'string' || !schema.values.includes(value)) throw fail();
        return value;
    }
  }

  private path(value: string, schema: PathSchema, where: string, offset: number | undefined): string {
    const { workspaceRoot, binaryDir, moduleRoot } = this.context;
    if (value.includes('\\')) {
      throw new SchemaViolation(offset, `${where} "${value}" has a '\\': write paths with '/' separators, so they mean the same on every OS`);
    }
    // On Linux and macOS, `C:/x` would otherwise resolve to a file named "C:" inside the workspace.
    const windowsAbsolute = !path.isAbsolute(value) && path.win32.isAbsolute(value);
    if (schema.base === 'moduleRoot') {
      // Go package patterns: only `./x/...` and `../x` are directories; `example.com/m/...` is an import path.
      if (!windowsAbsolute && !/^\.\.?(\/|$)/.test(value) && !path.isAbsolute(value)) return value;
    }
    const resolved = windowsAbsolute ? value : path.resolve(schema.base === 'binaryDir' ? binaryDir : (moduleRoot ?? binaryDir), value);
    if (windowsAbsolute || !isInsideWorkspace(workspaceRoot, resolved)) {
      throw new SchemaViolation(offset, `${where} "${value}" is outside the workspace (${resolved}): ${schema.outside}`);
    }
    return schema.base === 'binaryDir' ? resolved : value;
  }
}

function inRange(value: number, schema: NumberSchema): boolean {
  if (schema.type === 'int' && !Number.isSafeInteger(value)) return false;
  if (schema.min !== undefined && (schema.aboveMin ? value <= schema.min : value < schema.min)) return false;
  return schema.max === undefined || value <= schema.max;
}

function parseFraction(value: unknown, schema: PercentSchema): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (!match) return undefined;
  const percent = Number(match[1]);
  if (schema.maxPercent !== undefined && percent > schema.maxPercent) return undefined;
  // Rounded to kill binary noise: 5% is 0.05, not 0.05000000000000001.
  return Number((percent / 100).toPrecision(12));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** How an accepted value reads after "must be". */
export function expected(schema: Schema, context: SchemaContext): string {
  switch (schema.type) {
    case 'object':
      return objectExpected(schema);
    case 'map':
      return `key: value pairs, each key ${schema.keys}, e.g. ${schema.example}`;
    case 'list':
      return `a list, e.g. ${schema.example}`;
    case 'kind':
      return `a ${schema.what} (${Object.keys(schema.kinds).join(', ')})`;
    case 'string':
      return schema.expected ?? 'a text';
    case 'url':
      return 'an http(s) URL like http://10.0.0.5:6060';
    case 'path':
      return schema.expected(context);
    case 'int':
    case 'number':
      return numberExpected(schema);
    case 'boolean':
      return 'true or false';
    case 'percent':
      return schema.maxPercent === 100
        ? 'a number between 0 and 1 or a percentage like 60%'
        : `a fraction between 0 and 1 or a percentage like ${schema.example}`;
    case 'enum':
      return `${schema.values.slice(0, -1).join(', ')} or ${schema.values[schema.values.length - 1]}`;
  }
}

function objectExpected(schema: ObjectSchema): string {
  const [key, field] = Object.entries(schema.fields).find(([, f]) => f.example !== undefined) ?? [];
  return `settings (key: value lines${key ? `, e.g. "${key}: ${field!.example}"` : ''})`;
}

function numberExpected(schema: NumberSchema): string {
  const noun = schema.type === 'int' ? 'a whole number' : 'a number';
  const { min, max } = schema;
  if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}`;
  if (min !== undefined) return `${noun} ${schema.aboveMin ? '>' : '≥'} ${min}`;
  return noun;
}

function mismatch(node: unknown, where: string, wanted: string, advice?: string): SchemaViolation {
  const found = describeNode(node);
  const message = where === '' ? `expected ${wanted}, found ${found}` : `${where} must be ${wanted}, found ${found}`;
  return new SchemaViolation(start(node), advice ? `${message}: ${advice}` : message);
}

/** For a text setting. YAML reads `profile: 123` as a number: the fix is quoting, which is not obvious. */
function advice(value: unknown, where: string, example: string | undefined): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return `quote it, e.g. ${lastKey(where)}: "${String(value)}"`;
  return example === undefined ? undefined : `write e.g. "${lastKey(where)}: ${example}"`;
}

function unknownKey(pair: Pair, where: string, key: string, known: string[]): SchemaViolation {
  const guess = closest(key, known);
  return new SchemaViolation(
    start(pair.key),
    `${where} is not a setting: ${guess ? `did you mean ${guess}?` : `the settings here are ${known.join(', ')}`}`,
  );
}

function join(where: string, key: string): string {
  return where === '' ? key : `${where}.${key}`;
}

function lastKey(where: string): string {
  return where.slice(where.lastIndexOf('.') + 1);
}

function start(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/** What was found, for messages: `the text "most"`, `the number 5`, `a list`. */
export function describeNode(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (isScalar(node)) return describeValue(node.value);
  if (isNode(node as Node)) return 'an alias';
  return describeValue(node);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : `the text "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (value instanceof Uint8Array) return 'binary data';
  return 'a mapping';
}
