import { unquoteGoString } from './go-string';

describe('unquoteGoString follows strconv.Unquote', () => {
  test.each([
    ['"fmt"', 'fmt'],
    ['"a\\x2fb"', 'a/b'],
    ['"\\u00e9\\U0001F600"', 'é😀'],
    ['"\\101\\t\\\\\\""', 'A\t\\"'],
    ['`raw\\n`', 'raw\\n'],
    ['`multi\r\nline`', 'multi\nline'],
    ['""', ''],
  ])('%s → %j', (literal, value) => {
    expect(unquoteGoString(literal)).toBe(value);
  });

  test.each([
    ['"unterminated'],
    ['"a"b"'],
    ["'single'"],
    ['"bad \\q escape"'],
    ['"\\x4"'],
    ['"\\400"'],
    ['"\\ud800"'],
    ['"new\nline"'],
    ['`a`b`'],
    ['"'],
  ])('%j is not a valid literal', (literal) => {
    expect(unquoteGoString(literal)).toBeUndefined();
  });
});
