// Command-line parsing shared by every command: node:util parseArgs, with our own messages for
// every way the command line can be wrong, so each usage error names the offending argument
// and, where a near miss is likely, the option that was probably meant.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../text/suggest';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What parseCommandArgs returns: typed values for `O`, and the positionals. */
export type ParsedCommandArgs<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

/** A wrong command line; `command` (e.g. `go-pgo profile merge`) is where to look for help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/** True when the user asked for help anywhere before a `--` terminator. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Parses `argv` for `command` against `options`. The first pass (non-strict, with tokens) finds
 * what is wrong and says so in our words; the second (strict) then cannot fail and gives typed
 * values.
 */
export function parseCommandArgs<const O extends OptionsConfig>(
  argv: string[],
  options: O,
  command: string,
): ParsedCommandArgs<O> {
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw unknownOption(token.rawName, options, command);
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' takes no value`, command);
    }
    if (spec.type === 'string') {
      if (token.value === undefined) throw new UsageError(`option '${token.rawName}' needs a value`, command);
      // `-o --json` would otherwise write a file named "--json".
      if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
        throw new UsageError(
          `option '${token.rawName}' needs a value, got the option '${token.value}' (write --${token.name}=${token.value} if that is really the value)`,
          command,
        );
      }
    }
    if (!spec.multiple && seen.has(token.name)) {
      throw new UsageError(`option '--${token.name}' given more than once`, command);
    }
    seen.add(token.name);
  }
  return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
}

function unknownOption(rawName: string, options: OptionsConfig, command: string): UsageError {
  const known = Object.keys(options).map((name) => `--${name}`);
  const guess = rawName.startsWith('--') ? closest(rawName, known) : undefined;
  const hint = guess ? ` (did you mean '${guess}'?)` : '';
  return new UsageError(`unknown option '${rawName}'${hint}`, command);
}

/** Checks the number of positional arguments; `names` describes them for the message. */
export function expectPositionals(
  positionals: string[],
  count: { min: number; max: number },
  names: string,
  command: string,
): void {
  if (positionals.length < count.min) throw new UsageError(`missing ${names}`, command);
  if (positionals.length > count.max) {
    const extra = positionals.slice(count.max).map((p) => `'${p}'`);
    throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.join(' ')}`, command);
  }
}

/** The value of a required option, or a usage error naming it. */
export function requireOption(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`, command);
  return value;
}

/** An integer option value of at least `min`. */
export function parseIntegerOption(value: string, flag: string, min: number, command: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} must be a whole number ≥ ${min}, got '${value}'`, command);
  }
  return n;
}

/** `0.6` or `60%` as a fraction; NaN for anything else (callers check the range they allow). */
export function parseFraction(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(value);
  return match ? Number(match[1]) / (match[2] === '%' ? 100 : 1) : NaN;
}

/** The N of `--weight <key>=<N>`: a number ≥ 0, plain or with an exponent. */
export function parseWeight(raw: string, key: string, command: string): number {
  const weight = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(weight)) throw new UsageError(`--weight for '${key}' must be a number ≥ 0, got '${raw}'`, command);
  return weight;
}

/** One of `choices`, or a usage error listing them. */
export function parseChoice<const C extends string>(value: string, flag: string, choices: readonly C[], command: string): C {
  const choice = choices.find((c) => c === value);
  if (choice === undefined) {
    throw new UsageError(`${flag} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got '${value}'`, command);
  }
  return choice;
}

/** Splits `key=value` at the last `=`: file names may hold one, numbers and Go symbols never do. */
export function splitAssignment(arg: string, flag: string, shape: string, command: string): [string, string] {
  const at = arg.lastIndexOf('=');
  if (at <= 0 || at === arg.length - 1) {
    throw new UsageError(`${flag} expects ${shape}, got '${arg}'`, command);
  }
  return [arg.slice(0, at), arg.slice(at + 1)];
}
