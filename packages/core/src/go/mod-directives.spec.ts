import { isDirectoryPath, parseReplace, words } from './mod-directives';
import { parseModSyntax } from './mod-syntax';

const directive = (text: string) => parseModSyntax(text, 'go.mod')[0]!;

describe('isDirectoryPath, as modfile decides what a local replacement is', () => {
  test.each(['.', '..', './x', '../x', '.\\x', '..\\x', '/abs', '\\abs', 'C:\\x', 'c:/x'])('%s is a directory', (p) => {
    expect(isDirectoryPath(p)).toBe(true);
  });
  test.each(['example.com/x', 'x', '.x', '..x', 'x/./y', '1:2'])('%s is a module path', (p) => {
    expect(isDirectoryPath(p)).toBe(false);
  });
});

describe('parseReplace', () => {
  test('the four shapes', () => {
    expect(parseReplace(directive('replace a => ../a'), 'go.mod')).toEqual({ path: 'a', newPath: '../a', local: true, line: 1 });
    expect(parseReplace(directive('replace a v1.0.0 => ../a'), 'go.mod')).toEqual({ path: 'a', version: 'v1.0.0', newPath: '../a', local: true, line: 1 });
    expect(parseReplace(directive('replace a => b v1.2.0'), 'go.mod')).toEqual({ path: 'a', newPath: 'b', newVersion: 'v1.2.0', local: false, line: 1 });
    expect(parseReplace(directive('replace a v1 => b v2'), 'go.mod')).toEqual({ path: 'a', version: 'v1', newPath: 'b', newVersion: 'v2', local: false, line: 1 });
  });

  test.each([
    ['replace => c v1', 'expected "replace module [version] => replacement [version]"'],
    ['replace a =>', 'the "replace" directive takes 3 to 5 argument(s), found 2'],
    ['replace a => b v1 extra', 'expected "replace module [version] => replacement [version]"'],
    ['replace a v1 v2 => b', 'expected "replace module [version] => replacement [version]"'],
  ])('%j is a syntax error', (text, message) => {
    expect(() => parseReplace(directive(text), 'go.mod')).toThrow(`go.mod:1: ${message}`);
  });
});

test('words rejects punctuation and wrong counts', () => {
  expect(() => words(directive('module [m]'), 'go.mod', 1)).toThrow('go.mod:1: unexpected "[" in the "module" directive');
  expect(() => words(directive('module a b'), 'go.mod', 1)).toThrow('go.mod:1: the "module" directive takes 1 argument(s), found 2');
});
