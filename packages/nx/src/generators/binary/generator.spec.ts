import path from 'node:path';
import { logger, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parse } from 'yaml';
import { repoRoot } from '../../../../../tools/test-support/repo-root';
import { BinaryOptionsError } from './binary-options';
import { binaryGenerator } from './generator';

const PLUGIN = '@go-pgo/nx';
const FIXTURE = path.join(repoRoot, 'e2e', 'fixtures', 'go-monorepo');

/** A virtual workspace holding `files`, with no formatter so the assertions see what the generator writes. */
function workspace(files: Record<string, string>): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const [file, text] of Object.entries(files)) tree.write(file, text);
  return tree;
}

const ROOT_MODULE = { 'go.mod': 'module example.com/app\n\ngo 1.22\n' };

function written(tree: Tree): Record<string, string | null> {
  return Object.fromEntries(tree.listChanges().map((change) => [change.path, change.content?.toString('utf8') ?? null]));
}

/** pgo.yaml with every commented-out config line uncommented: what a user gets by uncommenting a section. */
function uncommented(text: string): string {
  const [header, body] = text.split(/^(?=profile:)/m) as [string, string];
  return header + body.replace(/^# ?/gm, '');
}

describe('binary: scaffolding', () => {
  it('writes cmd/<name>/pgo.yaml and main.go in the only module, and registers the plugin', async () => {
    const tree = workspace(ROOT_MODULE);
    await binaryGenerator(tree, { name: 'api' });
    const yamlText = tree.read('cmd/api/pgo.yaml', 'utf8')!;
    expect(parse(yamlText)).toEqual({ profile: 'default.pgo' });
    expect(tree.read('cmd/api/main.go', 'utf8')).toMatch(/^package main$/m);
    expect(readNxJson(tree)!.plugins).toEqual([{ plugin: PLUGIN }]);
    expect(tree.read('.gitattributes', 'utf8')).toContain('*.pgo binary');
  });

  it('comments out every section with the defaults; uncommented they are valid YAML of the documented shape', async () => {
    const tree = workspace(ROOT_MODULE);
    await binaryGenerator(tree, { name: 'api', port: 7070 });
    const text = tree.read('cmd/api/pgo.yaml', 'utf8')!;
    expect(text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual(['profile: default.pgo']);
    const config = parse(uncommented(text)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(config)).toEqual(['profile', 'capture', 'merge', 'validate', 'bench', 'loadtest', 'canary']);
    expect(config['capture']).toMatchObject({ seconds: 30, quorum: 0.6 });
    expect((config['capture']!['sources'] as object[]).map((source) => Object.keys(source)[0])).toEqual(['http', 'kubernetes', 'pyroscope', 'parca', 'gcp', 'bench']);
    expect(config['capture']!['sources']).toContainEqual({ http: { urls: ['http://localhost:7070'] } });
    expect(config['merge']).toEqual({ normalize: 'duration', weights: { 'prod-us': 2, 'prod-eu': 1 }, dropLabels: true, noInline: ['runtime.gopark'], compact: 'default' });
    expect(config['validate']).toEqual({ minBytes: 10240, minSamples: 1000, maxStaleRatio: 0.2, minCallSiteMatch: 0.8, minCoverage: 0.3 });
    expect(config['bench']).toEqual({ packages: ['./internal/svc/...'], bench: '.', count: 8, gates: { cpu: '5%', binarySize: '5%', buildTime: '25%' } });
    expect(config['loadtest']).toMatchObject({ args: ['-addr', '{addr}'], health: '/healthz', replay: 'loadtest/requests.jsonl', rounds: 10, requests: 2000, gates: { cpuPerRequest: '5%', latencyP99: '25%' } });
    expect(config['canary']).toEqual({ prometheus: 'http://prometheus:9090', canary: 'job="api",track="canary"', baseline: 'job="api",track="stable"', from: 'now-1h', step: '1m', gates: { cpuPerRequest: '5%' } });
  });

  it('puts the port into main.go', async () => {
    const tree = workspace(ROOT_MODULE);
    await binaryGenerator(tree, { name: 'api', port: 7070 });
    expect(tree.read('cmd/api/main.go', 'utf8')).toContain('const defaultPprofAddr = "localhost:7070"');
  });

  it('takes the profile path from the plugin options in nx.json, and then leaves nx.json and git files alone', async () => {
    const tree = workspace({ ...ROOT_MODULE, 'nx.json': JSON.stringify({ plugins: [{ plugin: PLUGIN, options: { profile: 'profiles/cpu 1.pgo' } }] }) });
    const nxJson = tree.read('nx.json', 'utf8');
    await binaryGenerator(tree, { name: 'api' });
    expect(parse(tree.read('cmd/api/pgo.yaml', 'utf8')!)).toEqual({ profile: 'profiles/cpu 1.pgo' });
    expect(tree.read('nx.json', 'utf8')).toBe(nxJson);
    expect(tree.exists('.gitattributes')).toBe(false);
  });

  it('only adds pgo.yaml to a directory that has a main package already, and leaves its files alone', async () => {
    const main = 'package main\n\nfunc main() {}\n';
    const tree = workspace({ ...ROOT_MODULE, 'nx.json': JSON.stringify({ plugins: [PLUGIN] }), 'cmd/api/server.go': main });
    const warn = jest.spyOn(logger, 'warn');
    await binaryGenerator(tree, { name: 'api' });
    expect(tree.exists('cmd/api/main.go')).toBe(false);
    expect(tree.read('cmd/api/server.go', 'utf8')).toBe(main);
    expect(tree.exists('cmd/api/pgo.yaml')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('warns when the existing Go files are not a main package', async () => {
    const tree = workspace({ ...ROOT_MODULE, 'nx.json': JSON.stringify({ plugins: [PLUGIN] }), 'cmd/docs/docs.go': 'package docs\n' });
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    await binaryGenerator(tree, { name: 'docs' });
    expect(tree.exists('cmd/docs/main.go')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('cmd/docs has Go files, but no main package'));
    warn.mockRestore();
  });

  it('refuses to replace an existing pgo.yaml, and replaces it with --force', async () => {
    const tree = workspace({ ...ROOT_MODULE, 'nx.json': JSON.stringify({ plugins: [PLUGIN] }), 'cmd/api/main.go': 'package main\n\nfunc main() {}\n', 'cmd/api/pgo.yaml': 'profile: prod.pgo\n' });
    const before = written(tree);
    await expect(binaryGenerator(tree, { name: 'api' })).rejects.toThrow(new BinaryOptionsError('cmd/api/pgo.yaml already exists: edit it, or pass --force to replace it with the commented defaults'));
    expect(written(tree)).toEqual(before);
    await binaryGenerator(tree, { name: 'api', force: true });
    expect(parse(tree.read('cmd/api/pgo.yaml', 'utf8')!)).toEqual({ profile: 'default.pgo' });
    expect(tree.read('cmd/api/main.go', 'utf8')).toBe('package main\n\nfunc main() {}\n');
  });

  it('refuses a name that is a file', async () => {
    const tree = workspace({ ...ROOT_MODULE, 'cmd/api': 'not a directory' });
    await expect(binaryGenerator(tree, { name: 'api' })).rejects.toThrow('cmd/api is a file');
  });

  it('says what to do next, with the target prefix in use, once the files are written', async () => {
    const tree = workspace({ ...ROOT_MODULE, 'nx.json': JSON.stringify({ plugins: [{ plugin: PLUGIN, options: { targetPrefix: 'go-' } }] }) });
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const task = await binaryGenerator(tree, { name: 'api', port: 7070 });
    expect(info).not.toHaveBeenCalled();
    await task();
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]![0]).toContain('cmd/api/main.go serves net/http/pprof on localhost:7070');
    expect(info.mock.calls[0]![0]).toContain("curl -o cmd/api/default.pgo 'http://localhost:7070/debug/pprof/profile?seconds=30'");
    expect(info.mock.calls[0]![0]).toContain('nx run <project>:go-build');
    // Which targets the binary has now, and what brings the others.
    expect(info.mock.calls[0]![0]).toContain('Its project has go-build now (go-build:off builds without PGO)');
    expect(info.mock.calls[0]![0]).toContain('go-verify, go-validate, go-rollback and go-roi once cmd/api/default.pgo exists');
    expect(info.mock.calls[0]![0]).toContain('go-capture, go-merge and go-refresh once pgo.yaml lists capture.sources');
    expect(info.mock.calls[0]![0]).toContain('go-bench once pgo.yaml lists bench.packages');
    expect(tree.read('cmd/api/pgo.yaml', 'utf8')).toContain('go-verify, go-validate, go-rollback and go-roi appear once\n# the profile exists');
    info.mockRestore();
  });
});

describe('binary: options', () => {
  it.each(['Api', 'my app', '-api', '_api', '', 'cmd/api', '../api', 'api.v2', 'café'])('refuses the name %j', async (name) => {
    const tree = workspace(ROOT_MODULE);
    await expect(binaryGenerator(tree, { name })).rejects.toThrow(BinaryOptionsError);
    await expect(binaryGenerator(tree, { name })).rejects.toThrow(/use lowercase letters, digits, '-' and '_'/);
  });

  it.each(['api', 'order-worker', 'pgo_agent', '2fa'])('accepts the name %j', async (name) => {
    const tree = workspace(ROOT_MODULE);
    await binaryGenerator(tree, { name });
    expect(tree.exists(`cmd/${name}/pgo.yaml`)).toBe(true);
  });

  it.each([0, 65536, 60.5, Number.NaN])('refuses the port %j', async (port) => {
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'api', port })).rejects.toThrow(/--port .*: give a TCP port from 1 to 65535/);
  });

  it('refuses a name whose directory the go command and the scan skip', async () => {
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'vendor' })).rejects.toThrow(/cmd\/vendor would not become an Nx project/);
  });
});

describe('binary: directory', () => {
  /** The e2e fixture (go.work with libs, services, tools), read through an FsTree that is never flushed. */
  const fixture = (): Tree => new FsTree(FIXTURE, false);

  it('needs --directory in a workspace of several modules, and names them', async () => {
    await expect(binaryGenerator(fixture(), { name: 'billing' })).rejects.toThrow(
      'the workspace has 3 Go modules (libs, services, tools): pass --directory with the one that gets cmd/<name>',
    );
  });

  it('puts cmd/<name> under the given module, or a directory inside it', async () => {
    const tree = fixture();
    await binaryGenerator(tree, { name: 'billing', directory: 'services' });
    await binaryGenerator(tree, { name: 'audit', directory: './services/internal/' });
    const created = tree.listChanges().filter((change) => change.type === 'CREATE').map((change) => change.path);
    expect(created).toEqual(expect.arrayContaining(['services/cmd/billing/pgo.yaml', 'services/cmd/billing/main.go', 'services/internal/cmd/audit/pgo.yaml', 'services/internal/cmd/audit/main.go']));
  });

  it('adds only pgo.yaml to an existing binary of the fixture', async () => {
    const tree = fixture();
    await binaryGenerator(tree, { name: 'api', directory: 'tools' });
    expect(tree.listChanges().filter((change) => change.path.startsWith('tools/')).map((change) => `${change.type} ${change.path}`)).toEqual(['CREATE tools/cmd/api/pgo.yaml']);
  });

  it('refuses a directory outside every module of go.work, saying how to add it', async () => {
    await expect(binaryGenerator(fixture(), { name: 'x', directory: 'e2e' })).rejects.toThrow(
      '--directory e2e is not inside a Go module of the workspace: add its module to go.work (go work use <dir>), or choose one of: libs, services, tools',
    );
  });

  it('refuses a module that go.work does not use', async () => {
    const tree = workspace({ 'go.work': 'go 1.22\n\nuse ./services\n', 'services/go.mod': 'module example.com/services\n', 'tools/go.mod': 'module example.com/tools\n' });
    await expect(binaryGenerator(tree, { name: 'x', directory: 'tools' })).rejects.toThrow('--directory tools is not inside a Go module of the workspace: add its module to go.work');
    await binaryGenerator(tree, { name: 'x' });
    expect(tree.exists('services/cmd/x/main.go')).toBe(true);
  });

  it('refuses a directory the scan does not reach inside a module', async () => {
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'x', directory: 'testdata' })).rejects.toThrow(/testdata\/cmd\/x would not become an Nx project/);
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'x', directory: '.hidden/tools' })).rejects.toThrow(/\.hidden\/tools\/cmd\/x would not become an Nx project/);
  });

  it('refuses paths that leave the workspace or are absolute', async () => {
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'x', directory: '../elsewhere' })).rejects.toThrow('--directory "../elsewhere" leaves the workspace');
    await expect(binaryGenerator(workspace(ROOT_MODULE), { name: 'x', directory: '/srv/app' })).rejects.toThrow('give a path relative to the workspace root');
  });

  it('takes an empty --directory (an empty prompt answer) as "the only module"', async () => {
    const tree = workspace({ 'app/go.mod': 'module example.com/app\n' });
    await binaryGenerator(tree, { name: 'x', directory: '' });
    expect(tree.exists('app/cmd/x/pgo.yaml')).toBe(true);
  });

  it('says to create a module when the workspace has none', async () => {
    await expect(binaryGenerator(workspace({}), { name: 'x' })).rejects.toThrow(/no Go module found in the workspace .*go mod init/);
  });
});
