import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJson, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { flushChanges } from 'nx/src/generators/tree';
import { changeTypes, dryRun, filesOnDisk } from '../dry-run.spec-helper';
import { initGenerator } from './generator';
import { InitOptionsError } from './init-options';

const PLUGIN = '@go-pgo/nx';
const VERSION = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

function emptyWorkspace(): Tree {
  // No formatter: the assertions are about what the generator writes, byte for byte.
  return createTreeWithEmptyWorkspace({ formatter: 'none' });
}

/** Every file the tree would write, with its text. */
function written(tree: Tree): Record<string, string | null> {
  return Object.fromEntries(tree.listChanges().map((change) => [change.path, change.content?.toString('utf8') ?? null]));
}

/** Runs init again and returns how many writes it made. */
async function writesOfRerun(tree: Tree, schema: Parameters<typeof initGenerator>[1]): Promise<number> {
  const write = jest.spyOn(tree, 'write');
  try {
    await initGenerator(tree, schema);
    return write.mock.calls.length;
  } finally {
    write.mockRestore();
  }
}

describe('init: nx.json', () => {
  it('registers the plugin without options when none is given', async () => {
    const tree = emptyWorkspace();
    await initGenerator(tree, {});
    expect(readNxJson(tree)!.plugins).toEqual([{ plugin: PLUGIN }]);
  });

  it('writes only the options that differ from the defaults', async () => {
    const tree = emptyWorkspace();
    await initGenerator(tree, { targetPrefix: 'pgo-', profile: 'profiles/cpu.pgo', moduleProjects: true, nameTemplate: '{module}-{name}' });
    expect(readNxJson(tree)!.plugins).toEqual([{ plugin: PLUGIN, options: { profile: 'profiles/cpu.pgo', nameTemplate: '{module}-{name}' } }]);
    const defaults = emptyWorkspace();
    await initGenerator(defaults, { targetPrefix: 'pgo-', profile: 'default.pgo', moduleProjects: true, nameTemplate: '{name}' });
    expect(readNxJson(defaults)!.plugins).toEqual([{ plugin: PLUGIN }]);
  });

  it('keeps the rest of nx.json as it was', async () => {
    const tree = emptyWorkspace();
    const before = readNxJson(tree)!;
    await initGenerator(tree, {});
    const { plugins, ...rest } = readNxJson(tree)!;
    expect(rest).toEqual(before);
    expect(plugins).toHaveLength(1);
  });

  it('keeps a string registration and adds no second one', async () => {
    const tree = emptyWorkspace();
    tree.write('nx.json', JSON.stringify({ plugins: ['@nx/js/typescript', PLUGIN] }, null, 2));
    const before = tree.read('nx.json', 'utf8');
    await initGenerator(tree, {});
    expect(tree.read('nx.json', 'utf8')).toBe(before);
  });

  it('applies options to an existing registration in place', async () => {
    const tree = emptyWorkspace();
    tree.write('nx.json', JSON.stringify({ plugins: [PLUGIN, '@nx/js/typescript'] }));
    await initGenerator(tree, { targetPrefix: 'go-' });
    expect(readNxJson(tree)!.plugins).toEqual([{ plugin: PLUGIN, options: { targetPrefix: 'go-' } }, '@nx/js/typescript']);
  });

  it('creates nx.json when the tree has none', async () => {
    const tree = emptyWorkspace();
    tree.delete('nx.json');
    await initGenerator(tree, { moduleProjects: false });
    expect(readJson(tree, 'nx.json')).toEqual({ plugins: [{ plugin: PLUGIN, options: { moduleProjects: false } }] });
  });

  it.each([
    [{ targetPrefix: 'pgo:' }, `targetPrefix "pgo:" must not contain ':' or spaces`],
    [{ targetPrefix: 'pgo ' }, `targetPrefix "pgo " must not contain ':' or spaces`],
    [{ profile: '' }, 'profile "" must be a path relative'],
    [{ profile: '/abs/default.pgo' }, `profile "/abs/default.pgo" must be a path relative to each binary's directory`],
    [{ profile: 'C:\\profiles\\x.pgo' }, 'must be a path relative'],
    [{ nameTemplate: '{module}' }, 'nameTemplate "{module}" must contain {name}'],
    [{ nameTemplate: '{name}-{team}' }, 'unknown placeholder {team}'],
    [{ moduleProjects: 'no' as unknown as boolean }, 'option moduleProjects must be true or false, got "no"'],
  ])('refuses %j before changing anything', async (schema, message) => {
    const tree = emptyWorkspace();
    const before = written(tree);
    await expect(initGenerator(tree, schema)).rejects.toThrow(InitOptionsError);
    // The inference's own rules, the ones the graph would fail on, with the file they are for.
    await expect(initGenerator(tree, schema)).rejects.toThrow(`cannot register @go-pgo/nx with these options: nx.json: `);
    await expect(initGenerator(tree, schema)).rejects.toThrow(message);
    expect(written(tree)).toEqual(before);
  });
});

describe('init: idempotence', () => {
  it.each([[{}], [{ targetPrefix: 'go-', profile: 'cpu.pgo', moduleProjects: false, nameTemplate: '{name}' }]])(
    'a second run with %j writes nothing and leaves the tree as the first left it',
    async (schema) => {
      const tree = emptyWorkspace();
      await initGenerator(tree, schema);
      const first = written(tree);
      expect(await writesOfRerun(tree, schema)).toBe(0);
      expect(written(tree)).toEqual(first);
    },
  );

  it('a rerun without options keeps the options chosen before', async () => {
    const tree = emptyWorkspace();
    await initGenerator(tree, { targetPrefix: 'go-' });
    const first = written(tree);
    expect(await writesOfRerun(tree, {})).toBe(0);
    expect(written(tree)).toEqual(first);
  });
});

describe('init: .gitattributes and .gitignore', () => {
  it('creates both files when missing', async () => {
    const tree = emptyWorkspace();
    await initGenerator(tree, {});
    expect(tree.read('.gitattributes', 'utf8')).toBe('# go-pgo: PGO profiles are binary (no diff, merge or line-ending conversion)\n*.pgo binary\n');
    expect(tree.read('.gitignore', 'utf8')).toBe('# go-pgo: raw profile captures, refresh locks and PGO builds stay out of git\n.pgo/captures/\n.pgo/locks/\n/dist/go/\n/dist/pgo/\n');
  });

  it('appends below existing content, keeping it byte for byte, and ends the last line first when it had no newline', async () => {
    const tree = emptyWorkspace();
    tree.write('.gitattributes', '* text=auto');
    tree.write('.gitignore', 'node_modules\n');
    await initGenerator(tree, {});
    expect(tree.read('.gitattributes', 'utf8')).toBe('* text=auto\n\n# go-pgo: PGO profiles are binary (no diff, merge or line-ending conversion)\n*.pgo binary\n');
    expect(tree.read('.gitignore', 'utf8')).toBe('node_modules\n\n# go-pgo: raw profile captures, refresh locks and PGO builds stay out of git\n.pgo/captures/\n.pgo/locks/\n/dist/go/\n/dist/pgo/\n');
  });

  it('keeps CRLF line endings and does not add a second blank line', async () => {
    const tree = emptyWorkspace();
    tree.write('.gitignore', 'node_modules\r\n\r\n');
    await initGenerator(tree, {});
    expect(tree.read('.gitignore', 'utf8')).toBe('node_modules\r\n\r\n# go-pgo: raw profile captures, refresh locks and PGO builds stay out of git\r\n.pgo/captures/\r\n.pgo/locks/\r\n/dist/go/\r\n/dist/pgo/\r\n');
  });

  it('adds no dist/go line when dist is ignored already (the usual Nx .gitignore)', async () => {
    const tree = emptyWorkspace();
    const nxGitignore = '# compiled output\ndist\ntmp\nout-tsc\n\n# dependencies\nnode_modules\n';
    tree.write('.gitignore', nxGitignore);
    await initGenerator(tree, {});
    expect(tree.read('.gitignore', 'utf8')).toBe(`${nxGitignore}\n# go-pgo: raw profile captures, refresh locks and PGO builds stay out of git\n.pgo/captures/\n.pgo/locks/\n`);
  });

  it('leaves files that already have equivalent lines untouched', async () => {
    const tree = emptyWorkspace();
    tree.write('.gitattributes', '*.pgo -diff -merge -text\n');
    tree.write('.gitignore', '/.pgo/captures\n/.pgo/locks\n/dist/\n');
    await initGenerator(tree, {});
    expect(tree.read('.gitattributes', 'utf8')).toBe('*.pgo -diff -merge -text\n');
    expect(tree.read('.gitignore', 'utf8')).toBe('/.pgo/captures\n/.pgo/locks\n/dist/\n');
  });

  it('does not take a different attribute or a commented-out line for the real thing', async () => {
    const tree = emptyWorkspace();
    tree.write('.gitattributes', '*.pgo text\n# *.pgo binary\n');
    await initGenerator(tree, {});
    expect(tree.read('.gitattributes', 'utf8')).toContain('\n*.pgo binary\n');
  });
});

describe('init: dependency', () => {
  it('adds the plugin to devDependencies with this package version and returns the install task', async () => {
    const tree = emptyWorkspace();
    const task = await initGenerator(tree, {});
    expect(readJson(tree, 'package.json').devDependencies).toEqual({ [PLUGIN]: VERSION });
    expect(task).toEqual(expect.any(Function));
  });

  it('sorts devDependencies as npm does, adds no empty dependencies and leaves the rest of package.json alone', async () => {
    const tree = emptyWorkspace();
    tree.write('package.json', JSON.stringify({ name: 'ws', scripts: { build: 'nx run-many -t build' }, devDependencies: { typescript: '5.9.3', nx: '24.0.6', '@nx/js': '24.0.6' } }));
    await initGenerator(tree, {});
    const manifest = readJson(tree, 'package.json');
    expect(manifest).toEqual({ name: 'ws', scripts: { build: 'nx run-many -t build' }, devDependencies: expect.any(Object) });
    expect(Object.entries(manifest.devDependencies)).toEqual([
      [PLUGIN, VERSION],
      ['@nx/js', '24.0.6'],
      ['nx', '24.0.6'],
      ['typescript', '5.9.3'],
    ]);
  });

  it.each([['dependencies'], ['devDependencies']])('returns no task and leaves package.json alone when %s has it', async (section) => {
    const tree = emptyWorkspace();
    tree.write('package.json', JSON.stringify({ name: 'ws', [section]: { [PLUGIN]: 'file:../go-pgo-nx-0.1.0.tgz' } }));
    const before = tree.read('package.json', 'utf8');
    expect(await initGenerator(tree, {})).toBeUndefined();
    expect(tree.read('package.json', 'utf8')).toBe(before);
  });

  it('leaves package.json alone with skipPackageJson', async () => {
    const tree = emptyWorkspace();
    const before = tree.read('package.json', 'utf8');
    expect(await initGenerator(tree, { skipPackageJson: true })).toBeUndefined();
    expect(tree.read('package.json', 'utf8')).toBe(before);
  });

  it('lists the plugin under nx.json installation.plugins in a workspace without package.json', async () => {
    const tree = emptyWorkspace();
    tree.delete('package.json');
    tree.write('nx.json', JSON.stringify({ installation: { version: '24.0.6', plugins: { '@nx/js': '24.0.6' } } }));
    expect(await initGenerator(tree, {})).toBeUndefined();
    expect(readNxJson(tree)).toEqual({
      installation: { version: '24.0.6', plugins: { '@nx/js': '24.0.6', [PLUGIN]: VERSION } },
      plugins: [{ plugin: PLUGIN }],
    });
    expect(tree.exists('package.json')).toBe(false);
  });
});

describe('init: --dry-run', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-init-'));
    writeFileSync(path.join(root, 'nx.json'), '{\n  "plugins": ["@nx/js/typescript"]\n}\n');
    writeFileSync(path.join(root, 'package.json'), '{\n  "name": "ws",\n  "devDependencies": {}\n}\n');
    writeFileSync(path.join(root, '.gitignore'), 'dist\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes nothing and starts no process; the listed changes are exactly what a real run writes', async () => {
    const { changes, result } = await dryRun(root, (tree) => initGenerator(tree, { profile: 'cpu.pgo' }));
    expect(changeTypes(changes)).toEqual({ 'nx.json': 'UPDATE', '.gitattributes': 'CREATE', '.gitignore': 'UPDATE', 'package.json': 'UPDATE' });
    expect(result).toEqual(expect.any(Function)); // the install, which Nx runs only without --dry-run

    flushChanges(root, changes);
    const after = filesOnDisk(root);
    for (const change of changes) expect(after.get(change.path)).toEqual(change.content);
    expect(JSON.parse(after.get('nx.json')!.toString())).toEqual({ plugins: ['@nx/js/typescript', { plugin: PLUGIN, options: { profile: 'cpu.pgo' } }] });

    // On the written workspace, a second (dry) run has nothing left to do.
    const again = await dryRun(root, (tree) => initGenerator(tree, { profile: 'cpu.pgo' }));
    expect(again.changes).toEqual([]);
    expect(again.result).toBeUndefined();
  });
});
