import { GoScanError } from './go-error';
import { parseModSyntax } from './mod-syntax';

const verbs = (text: string): [string, string[], number][] =>
  parseModSyntax(text, 'go.mod').map((d) => [d.verb, d.args.map((a) => a.text), d.line]);

describe('parseModSyntax', () => {
  test('lines of a block repeat the verb; comments and blank lines vanish; lines are counted', () => {
    expect(verbs('// c\nmodule m // x\n\nrequire (\n\t// inside\n\ta v1 // indirect\n\n\t"b" v2\n)\nreplace a => ../a\n')).toEqual([
      ['module', ['m'], 2],
      ['require', ['a', 'v1'], 6],
      ['require', ['b', 'v2'], 8],
      ['replace', ['a', '=>', '../a'], 10],
    ]);
  });

  test('punctuation is kept apart, so retract ranges and empty blocks parse', () => {
    const [retract] = parseModSyntax('retract [v1.0.0, v1.1.0]\nrequire ()\n', 'go.mod');
    expect(retract!.args.map((a) => [a.text, a.punct])).toEqual([
      ['[', true],
      ['v1.0.0', false],
      [',', true],
      ['v1.1.0', false],
      [']', true],
    ]);
    expect(verbs('require ()\n')).toEqual([]);
  });

  test('a word ends at //, even without a space', () => {
    expect(verbs('module m//comment\n')).toEqual([['module', ['m'], 1]]);
  });

  test.each([
    ['require (\n(\n)\n', 'go.mod:2: unexpected parenthesis inside the "require" block opened on line 1'],
    [')\n', 'go.mod:1: unexpected ")" at the start of a line'],
    ['module "a\\qb"\n', 'go.mod:1: unterminated or invalid string: close it with " on the same line'],
    ['module a"b\n', 'go.mod:1: quote inside a"b: quote a whole path with "…", or not at all'],
    ['module m\n\u0001\n', 'go.mod:2: unexpected character "\\u0001"'],
  ])('%j is a syntax error', (text, message) => {
    expect(() => parseModSyntax(text, 'go.mod')).toThrow(GoScanError);
    expect(() => parseModSyntax(text, 'go.mod')).toThrow(message);
  });
});
