import { GoPgoPluginError } from './plugin-error';
import { binaryProjectNames, moduleProjectNames, type BinaryNaming } from './project-names';

/** A binary at `<module dir>/<sub>cmd/<name>` of module `modulePath`. */
function binary(modulePath: string, name: string, sub = ''): BinaryNaming {
  const moduleDir = modulePath.slice(modulePath.lastIndexOf('/') + 1);
  return { dir: `${moduleDir}/${sub}cmd/${name}`, name, modulePath, importPath: `${modulePath}/${sub}cmd/${name}` };
}

const names = (binaries: BinaryNaming[], template = '{name}'): Record<string, string> => {
  const result = binaryProjectNames(binaries, template);
  return Object.fromEntries(binaries.map((b, i) => [b.dir, result[i]!]));
};

describe('binary names', () => {
  test('a name of its own is the binary name', () => {
    expect(names([binary('example.com/acme/services', 'api'), binary('example.com/acme/tools', 'report')])).toEqual({
      'services/cmd/api': 'api',
      'tools/cmd/report': 'report',
    });
  });

  test('a shared name prefixes both with the shortest module-path suffix that tells them apart', () => {
    expect(names([binary('example.com/acme/services', 'api'), binary('example.com/acme/tools', 'api')])).toEqual({
      'services/cmd/api': 'services-api',
      'tools/cmd/api': 'tools-api',
    });
    // jobs-api is unique after one element; the two svc-api need two.
    expect(
      binaryProjectNames([binary('example.com/a/svc', 'api'), binary('example.com/b/svc', 'api'), binary('example.com/c/jobs', 'api')], '{name}'),
    ).toEqual(['a-svc-api', 'b-svc-api', 'jobs-api']);
  });

  test('adding a second binary of a name renames the first, the same way every time and in any order', () => {
    const services = binary('example.com/acme/services', 'worker');
    const libs = binary('example.com/acme/libs', 'worker');
    expect(names([services])).toEqual({ 'services/cmd/worker': 'worker' });
    const forward = names([services, libs]);
    expect(forward).toEqual({ 'services/cmd/worker': 'services-worker', 'libs/cmd/worker': 'libs-worker' });
    expect(names([libs, services])).toEqual(forward);
  });

  test('two binaries of one name in one module are told apart by where their cmd/ is', () => {
    expect(names([binary('example.com/acme/services', 'api'), binary('example.com/acme/services', 'api', 'admin/')])).toEqual({
      'services/cmd/api': 'services-api',
      'services/admin/cmd/api': 'admin-api',
    });
  });

  test('a major-version element stays with the one before it', () => {
    expect(names([binary('example.com/foo/v2', 'api'), binary('example.com/bar', 'api')])).toEqual({
      'v2/cmd/api': 'foo-v2-api',
      'bar/cmd/api': 'bar-api',
    });
  });

  test('{module} is the last module element, grown in place on a collision', () => {
    const binaries = [binary('example.com/a/svc', 'api'), binary('example.com/b/svc', 'api'), binary('example.com/b/svc', 'cli')];
    expect(binaryProjectNames(binaries, '{module}-{name}')).toEqual(['a-svc-api', 'b-svc-api', 'svc-cli']);
    expect(binaryProjectNames(binaries, '{modulePath}/{name}')).toEqual([
      'example.com/a/svc/api',
      'example.com/b/svc/api',
      'example.com/b/svc/cli',
    ]);
  });

  test('a prefixed name that meets another binary name collides with it, and both grow', () => {
    // tools/cmd/api becomes tools-api, which the third binary already is.
    const binaries = [binary('example.com/acme/tools', 'api'), binary('example.com/acme/services', 'api'), binary('example.com/acme/x', 'tools-api')];
    expect(binaryProjectNames(binaries, '{name}')).toEqual(['acme-tools-api', 'services-api', 'x-tools-api']);
  });

  test('modules with the same path (no go.work) fall back to the directory', () => {
    const a: BinaryNaming = { dir: 'one/cmd/api', name: 'api', modulePath: 'app', importPath: 'app/cmd/api' };
    const b: BinaryNaming = { dir: 'two/cmd/api', name: 'api', modulePath: 'app', importPath: 'app/cmd/api' };
    expect(binaryProjectNames([a, b], '{name}')).toEqual(['one-cmd-api', 'two-cmd-api']);
  });

  test('names that stay equal are an error asking for a nameTemplate', () => {
    const a: BinaryNaming = { dir: 'x/cmd/api', name: 'api', modulePath: 'app', importPath: 'app/cmd/api' };
    const b: BinaryNaming = { dir: 'y/cmd/api', name: 'api', modulePath: 'app', importPath: 'app/cmd/api' };
    // Its directory falls back to the same name as x/cmd/api's.
    const c: BinaryNaming = { dir: 'x-cmd/api', name: 'api', modulePath: 'app', importPath: 'app/cmd/api' };
    expect(() => binaryProjectNames([a, b, c], '{name}')).toThrow(GoPgoPluginError);
    expect(() => binaryProjectNames([a, b, c], '{name}')).toThrow('nx.json: x-cmd/api and x/cmd/api would both be named "x-cmd-api": set a nameTemplate');
  });
});

describe('module names', () => {
  test('the last element of the module path, grown among modules', () => {
    const modules = [
      { dir: 'a/svc', path: 'example.com/a/svc' },
      { dir: 'b/svc', path: 'example.com/b/svc' },
      { dir: 'libs', path: 'example.com/libs' },
    ];
    expect(moduleProjectNames(modules, new Set())).toEqual(['a-svc', 'b-svc', 'libs']);
  });

  test('binary names win: a module named like a binary grows', () => {
    expect(moduleProjectNames([{ dir: 'api', path: 'example.com/api' }], new Set(['api']))).toEqual(['example.com-api']);
  });

  test('a one-element module path named like a binary falls back to its directory', () => {
    expect(moduleProjectNames([{ dir: 'services/api', path: 'api' }], new Set(['api']))).toEqual(['services-api']);
    expect(moduleProjectNames([{ dir: '.', path: 'api' }], new Set(['api']))).toEqual(['root']);
  });
});
