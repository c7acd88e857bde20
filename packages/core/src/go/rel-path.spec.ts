import { baseName, comparePaths, fsPath, isWithin, joinRel, parentRel, relativeTo, resolveRel } from './rel-path';

describe('root-relative paths', () => {
  test('resolveRel: relative to a base, absolute, Windows separators; always /-separated and normalized', () => {
    expect(resolveRel('/ws', '.', './svc')).toBe('svc');
    expect(resolveRel('/ws', '.', '.')).toBe('.');
    expect(resolveRel('/ws', 'svc', '../libs/')).toBe('libs');
    expect(resolveRel('/ws', 'svc', '..\\forks\\x')).toBe('forks/x');
    expect(resolveRel('/ws', 'svc', '../../outside')).toBe('../outside');
    expect(resolveRel('/ws', 'svc', '/ws/abs/dir')).toBe('abs/dir');
    expect(resolveRel('/ws', '.', '/elsewhere')).toBe('../elsewhere');
    expect(resolveRel('/ws', '.', '/ws')).toBe('.');
  });

  test('joinRel, parentRel, baseName, relativeTo, fsPath', () => {
    expect(joinRel('.', 'a')).toBe('a');
    expect(joinRel('a/b', 'c')).toBe('a/b/c');
    expect(parentRel('a/b')).toBe('a');
    expect(parentRel('a')).toBe('.');
    expect(parentRel('../x')).toBe('..');
    expect(baseName('a/cmd/api')).toBe('api');
    expect(relativeTo('svc', 'svc/cmd/api')).toBe('cmd/api');
    expect(relativeTo('.', 'cmd/api')).toBe('cmd/api');
    expect(relativeTo('svc', 'svc')).toBe('');
    expect(fsPath('/ws', '.')).toBe('/ws');
    expect(fsPath('/ws', '../x')).toBe('/ws/../x');
  });

  test('isWithin respects path segments', () => {
    expect(isWithin('svc', 'svc/cmd')).toBe(true);
    expect(isWithin('svc', 'svc')).toBe(true);
    expect(isWithin('svc', 'svc2/cmd')).toBe(false);
    expect(isWithin('.', 'anything/below')).toBe(true);
    expect(isWithin('.', '../outside')).toBe(false);
    expect(isWithin('../outside', '../outside/cmd')).toBe(true);
  });

  test('comparePaths is code-unit order, independent of locale', () => {
    expect(['b', 'B', 'a', 'a/b', 'a-b'].sort(comparePaths)).toEqual(['B', 'a', 'a-b', 'a/b', 'b']);
  });
});
