import {
  expectPositionals,
  parseChoice,
  parseCommandArgs,
  parseIntegerOption,
  requireOption,
  splitAssignment,
  UsageError,
  wantsHelp,
} from './args';
import { closest, editDistance } from '../text/suggest';

const CMD = 'go-pgo profile merge';
const OPTIONS = {
  output: { type: 'string', short: 'o' },
  weight: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).command).toBe(CMD);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandArgs', () => {
  test('typed values, repeated options and positionals in any order', () => {
    const { values, positionals } = parseCommandArgs(
      ['a.pgo', '-o', 'out.pgo', '--weight', 'a.pgo=2', 'b.pgo', '--weight=b.pgo=0.5', '--json'],
      OPTIONS,
      CMD,
    );
    expect(values).toEqual({ output: 'out.pgo', weight: ['a.pgo=2', 'b.pgo=0.5'], json: true });
    expect(positionals).toEqual(['a.pgo', 'b.pgo']);
  });

  test('arguments after -- are positional even when they look like options', () => {
    expect(parseCommandArgs(['--', '-weird.pgo'], OPTIONS, CMD).positionals).toEqual(['-weird.pgo']);
  });

  test.each([
    [['--wieght', 'a=1'], "unknown option '--wieght' (did you mean '--weight'?)"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['-x'], "unknown option '-x'"],
    [['a', '-o'], "option '-o' needs a value"],
    [['a', '--output='], "missing --output"],
    [['a', '-o', '--json'], "option '-o' needs a value, got the option '--json' (write --output=--json if that is really the value)"],
    [['--json=yes'], "option '--json' takes no value"],
    [['-o', 'x', '--output', 'y'], "option '--output' given more than once"],
  ])('%j → %s', (argv, message) => {
    const error = usageError(() => {
      const { values } = parseCommandArgs(argv, OPTIONS, CMD);
      requireOption(values.output, '--output', CMD);
    });
    expect(error.message).toBe(message);
  });
});

test('wantsHelp finds -h/--help anywhere before --', () => {
  expect(wantsHelp(['a', '--help'])).toBe(true);
  expect(wantsHelp(['-h'])).toBe(true);
  expect(wantsHelp(['a', '--', '--help'])).toBe(false);
  expect(wantsHelp(['a', '--helpful'])).toBe(false);
});

test('expectPositionals names what is missing and what is extra', () => {
  expect(() => expectPositionals(['a'], { min: 1, max: 1 }, 'the input profile', CMD)).not.toThrow();
  expect(usageError(() => expectPositionals([], { min: 1, max: 1 }, 'the input profile', CMD)).message).toBe(
    'missing the input profile',
  );
  expect(usageError(() => expectPositionals(['a', 'b', 'c'], { min: 1, max: 1 }, 'x', CMD)).message).toBe(
    "unexpected arguments 'b' 'c'",
  );
});

test('parseIntegerOption accepts whole numbers ≥ min only', () => {
  expect(parseIntegerOption('2', '--keep-frames', 2, CMD)).toBe(2);
  expect(parseIntegerOption('007', '--keep-frames', 2, CMD)).toBe(7);
  for (const bad of ['1', '-3', '2.5', 'five', '', '1e3', '99999999999999999999']) {
    expect(usageError(() => parseIntegerOption(bad, '--keep-frames', 2, CMD)).message).toBe(
      `--keep-frames must be a whole number ≥ 2, got '${bad}'`,
    );
  }
});

test('parseChoice lists the choices', () => {
  expect(parseChoice('none', '--normalize', ['duration', 'none'], CMD)).toBe('none');
  expect(usageError(() => parseChoice('dur', '--normalize', ['duration', 'none'], CMD)).message).toBe(
    "--normalize must be 'duration' or 'none', got 'dur'",
  );
});

test('splitAssignment splits at the last = and rejects a missing side', () => {
  expect(splitAssignment('dir/a=b.pgo=2', '--weight', 'file=N', CMD)).toEqual(['dir/a=b.pgo', '2']);
  for (const bad of ['a.pgo', '=2', 'a.pgo=']) {
    expect(usageError(() => splitAssignment(bad, '--weight', 'file=N', CMD)).message).toBe(
      `--weight expects file=N, got '${bad}'`,
    );
  }
});

test('closest suggests only plausible typos', () => {
  expect(editDistance('inspetc', 'inspect')).toBe(1);
  expect(editDistance('', 'abc')).toBe(3);
  expect(closest('inpsect', ['inspect', 'merge', 'compact'])).toBe('inspect');
  expect(closest('merg', ['inspect', 'merge', 'compact'])).toBe('merge');
  expect(closest('build', ['inspect', 'merge', 'compact'])).toBeUndefined();
});
