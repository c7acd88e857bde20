// Parses Go benchmark output (the benchfmt format that `go test -bench` prints and benchstat
// reads): `key: value` configuration lines, which hold until changed, and result lines
// `BenchmarkName-N <iterations> <value> <unit> [<value> <unit>…]`. Units are tidied as benchstat
// tidies them (ns → sec, MB → B with the value scaled). Everything else (PASS, ok, test log
// lines, `Unit` metadata lines) is skipped; malformed result lines are reported, not fatal.

export interface BenchValue {
  /** In the tidied unit. */
  value: number;
  /** Tidied: `sec/op` for `ns/op`, `B/s` for `MB/s`; others as printed. */
  unit: string;
}

export interface BenchResult {
  /** The file's configuration when this line was read, in first-seen key order. */
  config: ReadonlyArray<readonly [string, string]>;
  /** Full name without the `Benchmark` prefix, with sub-benchmarks and the -N suffix. */
  name: string;
  iterations: number;
  values: BenchValue[];
  line: number;
}

export interface BenchSyntaxError {
  line: number;
  message: string;
}

export interface ParsedBench {
  results: BenchResult[];
  /** Lines that start with `Benchmark` but are not results (benchstat prints these and goes on). */
  syntaxErrors: BenchSyntaxError[];
}

const FIELD_SEPARATOR = /\s+/u;
const INTEGER = /^[0-9]+$/;
// Go's ParseFloat syntax, less hexadecimal floats and underscores, which go test never prints.
const FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)$/iu;

export function parseBenchOutput(text: string): ParsedBench {
  const config = new Map<string, string>();
  const results: BenchResult[] = [];
  const syntaxErrors: BenchSyntaxError[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (raw.startsWith('Benchmark')) {
      const parsed = parseResultLine(raw.slice('Benchmark'.length));
      if (typeof parsed === 'string') syntaxErrors.push({ line, message: parsed });
      else if (parsed) results.push({ config: [...config], ...parsed, line });
      return;
    }
    const setting = parseConfigLine(raw);
    if (!setting) return;
    if (setting.value === '') config.delete(setting.key);
    else config.set(setting.key, setting.value);
  });
  return { results, syntaxErrors };
}

/** A result, undefined for a bare name (printed by -v before its result), or an error message. */
function parseResultLine(rest: string): Pick<BenchResult, 'name' | 'iterations' | 'values'> | string | undefined {
  const nameEnd = rest.search(/\s/u);
  if (nameEnd === -1) return undefined;
  const [iterations, ...measurements] = rest.slice(nameEnd).split(FIELD_SEPARATOR).filter((field) => field !== '');
  if (iterations === undefined) return 'missing iteration count';
  if (!INTEGER.test(iterations)) return 'parsing iteration count: invalid syntax';
  if (measurements.length === 0) return 'missing measurements';
  const values: BenchValue[] = [];
  for (let i = 0; i < measurements.length; i += 2) {
    if (!FLOAT.test(measurements[i])) return 'parsing measurement: invalid syntax';
    const unit = measurements[i + 1];
    if (unit === undefined) return 'missing units';
    values.push(tidyValue(parseGoFloat(measurements[i]), unit));
  }
  return { name: rest.slice(0, nameEnd), iterations: Number(iterations), values };
}

function parseGoFloat(text: string): number {
  const infinity = /^([+-]?)inf/iu.exec(text);
  return infinity ? Number(`${infinity[1]}Infinity`) : Number(text);
}

/**
 * `key: value`: the key starts with a lower-case letter and has no space or upper-case letter;
 * the value follows one or more spaces or tabs. An empty value deletes the key.
 */
function parseConfigLine(line: string): { key: string; value: string } | undefined {
  const match = /^(\p{Ll}[^\s\p{Lu}:]*):(.*)$/u.exec(line);
  if (!match) return undefined;
  const [, key, after] = match;
  if (after === '') return { key, value: '' };
  const value = after.replace(/^[ \t]+/u, '');
  return value.length < after.length ? { key, value } : undefined;
}

/**
 * benchstat's unit tidying: nanoseconds become seconds and megabytes bytes in any unit's
 * numerator. Like benchstat, a value that scaling leaves unchanged (0) keeps its original unit,
 * so it lands in a table of its own.
 */
export function tidyValue(value: number, unit: string): BenchValue {
  const tidied = tidyUnit(unit);
  const scaled = value * tidied.factor;
  return scaled === value ? { value, unit } : { value: scaled, unit: tidied.unit };
}

function tidyUnit(unit: string): { unit: string; factor: number } {
  switch (unit) {
    case 'ns/op':
      return { unit: 'sec/op', factor: 1e-9 };
    case 'MB/s':
      return { unit: 'B/s', factor: 1e6 };
    default:
      break;
  }
  let factor = 1;
  const tidied = unitTokens(unit)
    .map(({ text, role }) => {
      if (role !== 'numerator' || (text !== 'ns' && text !== 'MB')) return text;
      factor = text === 'ns' ? factor / 1e9 : factor * 1e6;
      return text === 'ns' ? 'sec' : 'B';
    })
    .join('');
  return { unit: tidied, factor };
}

export interface UnitToken {
  text: string;
  /** Separators (`*`, `/`, `-`, spaces) are kept so that joining the texts gives the unit back. */
  role: 'numerator' | 'denominator' | 'separator';
}

/** A unit split as benchstat reads it: a `/` starts the denominator, a `*` ends it. */
export function unitTokens(unit: string): UnitToken[] {
  const tokens: UnitToken[] = [];
  let denominator = false;
  for (const text of unit.split(/([*/\-\s]+)/u)) {
    if (text === '') continue;
    if (/^[*/\-\s]+$/u.test(text)) {
      for (const ch of text) {
        if (ch === '*') denominator = false;
        else if (ch === '/') denominator = true;
      }
      tokens.push({ text, role: 'separator' });
    } else {
      tokens.push({ text, role: denominator ? 'denominator' : 'numerator' });
    }
  }
  return tokens;
}
