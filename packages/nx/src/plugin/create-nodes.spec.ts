import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AggregateCreateNodesError, type CreateNodesResultArray, type ProjectConfiguration } from '@nx/devkit';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';
import { main } from '@go-pgo/core';
import type { TargetInput } from './build-inputs';
import {
  copyFixture,
  FIXTURE_CONFIG_FILES,
  goListDeps,
  goListMainModuleDirs,
  projectsByRoot,
  removeWorkspace,
  runCreateNodes,
  settle,
} from './go-workspace.spec-helper';

const BINARIES = {
  'services/cmd/api': { name: 'services-api', moduleDir: 'services', file: 'api' },
  'tools/cmd/api': { name: 'tools-api', moduleDir: 'tools', file: 'api' },
  'services/cmd/worker': { name: 'worker', moduleDir: 'services', file: 'worker' },
  'tools/cmd/report': { name: 'report', moduleDir: 'tools', file: 'report' },
} as const;
type BinaryDir = keyof typeof BINARIES;
const BINARY_DIRS = Object.keys(BINARIES) as BinaryDir[];

/**
 * pgo-build's inputs as README.md specifies them, built from the go command's answers: the
 * closure's package directories from `go list -deps`, and the go.mod/go.sum of the modules
 * `go list` reports for them plus, with go.work, of every main module.
 */
function expectedBuildInputs(root: string, dir: BinaryDir, options: { env?: NodeJS.ProcessEnv; work?: boolean; profile?: string } = {}): TargetInput[] {
  const { moduleDir } = BINARIES[dir];
  const deps = goListDeps(root, moduleDir, `./${path.posix.relative(moduleDir, dir)}`, options.env);
  const moduleDirs = [...new Set([...deps.moduleDirs, ...(options.work === false ? [] : goListMainModuleDirs(root))])].sort();
  return [
    ...deps.packageDirs.flatMap((d) => [
      `{workspaceRoot}/${d}/*.go`,
      `!{workspaceRoot}/${d}/*_test.go`,
      `{workspaceRoot}/${d}/*.{c,cc,cpp,cxx,m,h,hh,hpp,hxx,f,F,for,f90,s,S,sx,swig,swigcxx,syso}`,
      ...deps.excluded[d]!.map((name) => `!{workspaceRoot}/${d}/${name}`),
    ]),
    ...moduleDirs.flatMap((d) => [`{workspaceRoot}/${d}/go.mod`, `{workspaceRoot}/${d}/go.sum`]),
    { fileset: '{workspaceRoot}/go.work', includeIgnored: true },
    { fileset: '{workspaceRoot}/go.work.sum', includeIgnored: true },
    `{workspaceRoot}/${options.profile ?? `${dir}/default.pgo`}`,
    `{workspaceRoot}/${dir}/pgo.yaml`,
    { runtime: 'go env GOVERSION' },
    { env: 'GOOS' },
    { env: 'GOARCH' },
    { env: 'GOAMD64' },
    { env: 'CGO_ENABLED' },
    { env: 'GOFLAGS' },
  ];
}

/** What pgo-build hashes: the project's named input that its inputs (and pgo-validate's, pgo-bench's) name. */
function buildInputsOf(project: ProjectConfiguration): unknown[] {
  expect(project.targets!['pgo-build']!.inputs).toEqual(['goBuild']);
  return project.namedInputs!['goBuild']!;
}

/** What `run` printed through console.warn, as the plugin warns. */
async function warned(run: () => Promise<unknown>): Promise<string[]> {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await run();
    return warn.mock.calls.map((args) => args.join(' '));
  } finally {
    warn.mockRestore();
  }
}

async function failure(promise: Promise<unknown>): Promise<AggregateCreateNodesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AggregateCreateNodesError)) throw new Error(`expected an AggregateCreateNodesError, got ${String(error)}`);
  return error;
}

describe('createNodesV2 on the e2e Go monorepo', () => {
  let root: string;
  let results: CreateNodesResultArray;
  let projects: Record<string, ProjectConfiguration>;
  beforeAll(async () => {
    root = copyFixture();
    results = await runCreateNodes(root);
    projects = projectsByRoot(results);
  });
  afterAll(() => removeWorkspace(root));

  test('one project per binary and per module; the two `api` binaries are prefixed by their module', () => {
    expect(Object.fromEntries(Object.entries(projects).map(([r, p]) => [r, p.name]))).toEqual({
      'services/cmd/api': 'services-api',
      'tools/cmd/api': 'tools-api',
      'services/cmd/worker': 'worker',
      'tools/cmd/report': 'report',
      libs: 'libs',
      services: 'services',
      tools: 'tools',
    });
    // tools/cmd/docs is package docs and services/testdata/cmd/fake is under testdata: not binaries.
    expect(projects['tools/cmd/docs']).toBeUndefined();
    expect(projects['services/testdata/cmd/fake']).toBeUndefined();
  });

  test('projects come with the go.mod of their module; go.work gives none', () => {
    expect(results.map(([file, result]) => [file, Object.keys(result.projects ?? {}).sort()])).toEqual([
      ['libs/go.mod', ['libs']],
      ['services/go.mod', ['services', 'services/cmd/api', 'services/cmd/worker']],
      ['tools/go.mod', ['tools', 'tools/cmd/api', 'tools/cmd/report']],
    ]);
  });

  test('binary projects: type, tags, metadata with the PGO target group; with no profile and no pgo.yaml, pgo-build alone', () => {
    for (const dir of BINARY_DIRS) {
      expect(projects[dir]).toMatchObject({
        projectType: 'application',
        tags: ['go', 'go:binary'],
        metadata: { technologies: ['go'], description: `Go binary example.com/acme/${dir}`, targetGroups: { PGO: ['pgo-build'] } },
      });
      expect(Object.keys(projects[dir]!.targets!)).toEqual(['pgo-build']);
    }
  });

  test('module projects have no targets and exist for the graph', () => {
    expect(projects['services']).toEqual({
      root: 'services',
      name: 'services',
      projectType: 'library',
      tags: ['go', 'go:module'],
      metadata: { technologies: ['go'], description: 'Go module example.com/acme/services' },
    });
  });

  test.each(BINARY_DIRS)('%s: pgo-build inputs are exactly the closure of `go list -deps`, the modules, the profile and the environment', (dir) => {
    expect(buildInputsOf(projects[dir]!)).toEqual(expectedBuildInputs(root, dir));
  });

  test('inputs tell binaries apart: a package imported by one binary is an input of that binary only', () => {
    const holders = (pkgDir: string): string[] =>
      BINARY_DIRS.filter((dir) => buildInputsOf(projects[dir]!).includes(`{workspaceRoot}/${pkgDir}/*.go`));
    expect(holders('services/internal/pricing')).toEqual(['services/cmd/api']);
    expect(holders('services/internal/queue')).toEqual(['services/cmd/worker']);
    expect(holders('tools/internal/tabulate')).toEqual(['tools/cmd/report']);
    expect(holders('libs/runner')).toEqual(BINARY_DIRS);
    // Imported only by an ignored file, by a test, or for other GOOS/tags: in no closure.
    expect(holders('libs/legacy')).toEqual([]);
    expect(holders('services/internal/testutil')).toEqual([]);
    expect(holders('services/internal/winsvc')).toEqual([]);
    expect(holders('tools/internal/fastpath')).toEqual([]);
  });

  test.each(BINARY_DIRS)('%s: pgo-build runs the build executor with its package, module and outputs', (dir) => {
    const { moduleDir, file } = BINARIES[dir];
    const out = `dist/go/${dir}/${file}`;
    const { inputs, ...build } = projects[dir]!.targets!['pgo-build']!;
    expect(inputs).toEqual(['goBuild']);
    expect(build).toEqual({
      executor: '@go-pgo/nx:build',
      // No default.pgo in the fixture and no pgo.yaml: no profile option (the build says it runs without PGO).
      options: { main: `./${path.posix.relative(moduleDir, dir)}`, moduleRoot: moduleDir, outputPath: out },
      // The baseline has its own path, so both builds can exist at once.
      configurations: { off: { pgo: 'off', outputPath: `dist/go/${dir}/off/${file}` } },
      cache: true,
      outputs: ['{options.outputPath}', '{options.outputPath}.exe', '{options.outputPath}.build.json'],
      metadata: {
        technologies: ['go'],
        description: `Builds example.com/acme/${dir} with its PGO profile (go build -pgo); configuration "off" builds the -pgo=off baseline`,
        help: { command: 'go help build', example: { options: { ldflags: '-s -w', tags: ['netgo'] } } },
      },
    });
  });

  test('the go.mod files Nx hands over decide which modules give projects', async () => {
    const only = projectsByRoot(await runCreateNodes(root, {}, ['services/go.mod']));
    expect(Object.keys(only).sort()).toEqual(['services', 'services/cmd/api', 'services/cmd/worker']);
    // The other `api` is not a project now, so this one needs no prefix.
    expect(only['services/cmd/api']!.name).toBe('api');
    // Closures still reach into modules Nx did not hand over.
    expect(buildInputsOf(only['services/cmd/api']!)).toEqual(expectedBuildInputs(root, 'services/cmd/api'));
  });

  test('with no go.mod handed over there is nothing to infer, and nothing is scanned', async () => {
    const empty = copyFixture();
    try {
      expect(await runCreateNodes(empty, {}, ['go.work'])).toEqual([]);
      expect(existsSync(path.join(workspaceDataDirectoryForWorkspace(empty), 'go-pgo'))).toBe(false);
    } finally {
      removeWorkspace(empty);
    }
  });
});

describe('the build the closures are for comes from the environment', () => {
  let root: string;
  const saved = process.env['GOOS'];
  beforeAll(() => (root = copyFixture()));
  afterAll(() => {
    removeWorkspace(root);
    if (saved === undefined) delete process.env['GOOS'];
    else process.env['GOOS'] = saved;
  });

  test('GOOS=windows adds the windows-only package to the inputs, as `go list` with GOOS=windows does', async () => {
    process.env['GOOS'] = 'windows';
    const projects = projectsByRoot(await runCreateNodes(root));
    for (const dir of BINARY_DIRS) {
      expect(buildInputsOf(projects[dir]!)).toEqual(expectedBuildInputs(root, dir, { env: { GOOS: 'windows' } }));
    }
    expect(buildInputsOf(projects['services/cmd/api']!)).toContain('{workspaceRoot}/services/internal/winsvc/*.go');
  });

  test('the tags option replaces GOFLAGS tags and reaches the build options', async () => {
    delete process.env['GOOS'];
    const projects = projectsByRoot(await runCreateNodes(root, { tags: ['acme_fast'], ldflags: '-s -w', buildFlags: ['-race'] }));
    const build = projects['tools/cmd/report']!.targets!['pgo-build']!;
    expect(buildInputsOf(projects['tools/cmd/report']!)).toEqual(expectedBuildInputs(root, 'tools/cmd/report', { env: { GOFLAGS: '-tags=acme_fast' } }));
    expect(buildInputsOf(projects['tools/cmd/report']!)).toContain('{workspaceRoot}/tools/internal/fastpath/*.go');
    expect(build.options).toEqual({
      main: './cmd/report',
      moduleRoot: 'tools',
      outputPath: 'dist/go/tools/cmd/report/report',
      ldflags: '-s -w',
      tags: ['acme_fast'],
      flags: ['-race'],
    });
  });
});

describe('without go.work, each module builds alone', () => {
  let root: string;
  beforeAll(() => {
    root = copyFixture();
    rmSync(path.join(root, 'go.work'));
  });
  afterAll(() => removeWorkspace(root));

  test('services binaries read their own go.mod and the replaced libs, as `GOWORK=off go list` reports', async () => {
    let results: CreateNodesResultArray = [];
    const warnings = await warned(async () => (results = await runCreateNodes(root, {}, ['libs/go.mod', 'services/go.mod', 'tools/go.mod'])));
    // tools requires nothing: without go.work its binaries cannot import libs, and go build would fail.
    expect(warnings).toEqual([
      expect.stringContaining('tools/cmd/api/main.go:5: imports "example.com/acme/libs/runner": no module of the workspace or of the go.mod require lists provides it'),
      expect.stringContaining('tools/cmd/report/main.go:5: imports "example.com/acme/libs/checksum": no module of the workspace or of the go.mod require lists provides it'),
      expect.stringContaining('tools/cmd/report/main.go:6: imports "example.com/acme/libs/runner": no module of the workspace or of the go.mod require lists provides it'),
    ]);
    const projects = projectsByRoot(results);
    for (const dir of ['services/cmd/api', 'services/cmd/worker'] as const) {
      const expected = expectedBuildInputs(root, dir, { env: { GOWORK: 'off', GOFLAGS: '-mod=mod' }, work: false });
      expect(buildInputsOf(projects[dir]!)).toEqual(expected);
      expect(expected).toContain('{workspaceRoot}/libs/go.mod');
      expect(expected).not.toContain('{workspaceRoot}/tools/go.mod');
    }
  });
});

describe('profiles and pgo.yaml', () => {
  let root: string;
  beforeEach(() => (root = copyFixture()));
  afterEach(() => removeWorkspace(root));
  const project = async (dir: string, options = {}): Promise<ProjectConfiguration> => projectsByRoot(await runCreateNodes(root, options))[dir]!;

  test('an existing default.pgo is passed to both executors', async () => {
    writeFileSync(path.join(root, 'services/cmd/api/default.pgo'), 'not parsed by the graph');
    const projects = projectsByRoot(await runCreateNodes(root));
    expect(projects['services/cmd/api']!.targets!['pgo-build']!.options.profile).toBe('services/cmd/api/default.pgo');
    expect(projects['services/cmd/api']!.targets!['pgo-verify']!.options.profile).toBe('services/cmd/api/default.pgo');
    expect(projects['tools/cmd/api']!.targets!['pgo-build']!.options.profile).toBeUndefined();
  });

  test.each(BINARY_DIRS)('%s with a profile: pgo-verify checks the binary pgo-build wrote, after it', async (dir) => {
    writeFileSync(path.join(root, dir, 'default.pgo'), 'not parsed by the graph');
    const { moduleDir, file } = BINARIES[dir];
    const out = `dist/go/${dir}/${file}`;
    expect((await project(dir)).targets!['pgo-verify']).toEqual({
      executor: '@go-pgo/nx:verify',
      options: { main: `./${path.posix.relative(moduleDir, dir)}`, moduleRoot: moduleDir, outputPath: out, profile: `${dir}/default.pgo` },
      dependsOn: ['pgo-build'],
      cache: true,
      inputs: [
        { dependentTasksOutputFiles: '**/*' },
        { fileset: `{workspaceRoot}/${out}`, includeIgnored: true },
        { fileset: `{workspaceRoot}/${out}.exe`, includeIgnored: true },
        `{workspaceRoot}/${dir}/default.pgo`,
        `{workspaceRoot}/${dir}/pgo.yaml`,
      ],
      outputs: [],
      metadata: {
        technologies: ['go'],
        description: `Checks with go version -m that the built ${file} embeds its profile (a -pgo= build setting) when one is configured`,
        help: { command: 'go help version', example: { options: { profile: `${dir}/default.pgo` } } },
      },
    });
  });

  test('pgo.yaml names a profile: passed even while missing (the build then fails clearly), and it is an input', async () => {
    writeFileSync(path.join(root, 'services/cmd/api/pgo.yaml'), '# comment\nprofile: ../../profiles/api.pgo\ncapture: { seconds: 30 }\n');
    const api = await project('services/cmd/api');
    expect(api.targets!['pgo-build']!.options.profile).toBe('services/profiles/api.pgo');
    expect(buildInputsOf(api)).toEqual(expectedBuildInputs(root, 'services/cmd/api', { profile: 'services/profiles/api.pgo' }));
  });

  test('the profile option changes the default name', async () => {
    writeFileSync(path.join(root, 'tools/cmd/report/release.pgo'), '');
    expect((await project('tools/cmd/report', { profile: 'release.pgo' })).targets!['pgo-build']!.options.profile).toBe('tools/cmd/report/release.pgo');
  });

  test('an empty pgo.yaml or one without profile keeps the default', async () => {
    writeFileSync(path.join(root, 'services/cmd/api/pgo.yaml'), '');
    writeFileSync(path.join(root, 'tools/cmd/api/pgo.yaml'), 'capture:\n  seconds: 30\n');
    const projects = projectsByRoot(await runCreateNodes(root));
    expect(buildInputsOf(projects['services/cmd/api']!)).toContain('{workspaceRoot}/services/cmd/api/default.pgo');
    expect(projects['tools/cmd/api']!.targets!['pgo-build']!.options.profile).toBeUndefined();
  });

  // The messages are core's parsePgoConfig's, which the executors use too.
  test.each([
    ['profile: 42\n', 'services/cmd/api/pgo.yaml:1:10: profile must be the path of the profile file relative to services/cmd/api, found the number 42'],
    ['profile: ""\n', 'services/cmd/api/pgo.yaml:1:10: profile must be the path of the profile file relative to services/cmd/api, found an empty string'],
    ['- profile\n', 'services/cmd/api/pgo.yaml:1:1: expected settings (key: value lines, e.g. "profile: default.pgo"), found a list'],
    ['profile: ../../../../outside.pgo\n', 'services/cmd/api/pgo.yaml:1:10: profile "../../../../outside.pgo" is outside the workspace'],
    ['profile: [a\n', 'services/cmd/api/pgo.yaml:2:1: not valid YAML'],
  ])('a bad pgo.yaml (%j) is a warning naming the file; the binary keeps its project, and its build reads pgo.yaml itself', async (text, message) => {
    writeFileSync(path.join(root, 'services/cmd/api/pgo.yaml'), text);
    writeFileSync(path.join(root, 'services/cmd/api/default.pgo'), 'not read by the graph');
    let results: CreateNodesResultArray = [];
    const warnings = await warned(async () => (results = await runCreateNodes(root)));
    expect(warnings).toEqual([expect.stringContaining(message)]);
    expect(warnings[0]).toMatch(/^@go-pgo\/nx warning: services\/cmd\/api\/pgo\.yaml:\d+:\d+: .*\(services\/cmd\/api: its PGO targets fail until this is fixed\)$/);
    const projects = projectsByRoot(results);
    const api = projects['services/cmd/api']!;
    expect(api.metadata!.description).toContain(message);
    // Without a profile option, the executors read pgo.yaml, and fail with the same message.
    expect(api.targets!['pgo-build']!.options.profile).toBeUndefined();
    expect(buildInputsOf(api)).toContain('{workspaceRoot}/services/cmd/api/pgo.yaml');
    expect(projects['tools/cmd/api']!.name).toBe('tools-api');
  });
});

describe('targets follow the configuration', () => {
  let root: string;
  beforeEach(() => (root = copyFixture()));
  afterEach(() => removeWorkspace(root));
  const CAPTURE_YAML = 'capture:\n  sources:\n    - http: { urls: [http://127.0.0.1:6060] }\n';
  const BENCH_YAML = 'bench:\n  packages: [./internal/pricing]\n';
  const ALL = ['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-build', 'pgo-verify', 'pgo-bench', 'pgo-refresh', 'pgo-rollback', 'pgo-roi'];
  const API = 'services/cmd/api';
  const write = (file: string, text: string): void => writeFileSync(path.join(root, API, file), text);
  const targetsOf = async (options = {}): Promise<string[]> => {
    const api = projectsByRoot(await runCreateNodes(root, options))[API]!;
    const names = Object.keys(api.targets!);
    // The target group lists the same targets, in the same order.
    expect(api.metadata!.targetGroups).toEqual({ PGO: names });
    return names;
  };

  test.each([
    ['neither a profile nor a pgo.yaml: the bootstrap, a build without PGO to deploy', {}, ['pgo-build']],
    ['an empty pgo.yaml: nothing to verify, validate, capture or benchmark yet', { 'pgo.yaml': '' }, ['pgo-build']],
    ['a committed profile', { 'default.pgo': 'profile' }, ['pgo-validate', 'pgo-build', 'pgo-verify', 'pgo-rollback', 'pgo-roi']],
    ['capture sources and no profile yet: validate checks the merge candidate', { 'pgo.yaml': CAPTURE_YAML }, ['pgo-capture', 'pgo-merge', 'pgo-validate', 'pgo-build', 'pgo-refresh']],
    ['bench packages and no profile yet', { 'pgo.yaml': BENCH_YAML }, ['pgo-build', 'pgo-bench']],
    ['capture sources, bench packages and a profile', { 'pgo.yaml': CAPTURE_YAML + BENCH_YAML, 'default.pgo': 'profile' }, ALL],
  ])('%s', async (_, files: Record<string, string>, expected) => {
    for (const [file, text] of Object.entries(files)) write(file, text);
    expect(await targetsOf()).toEqual(expected);
  });

  test('the defaults option configures the binaries that have a profile or a pgo.yaml; pgo.yaml still wins', async () => {
    const defaults = { defaults: { capture: { sources: [{ file: { paths: ['*.pprof'] } }] } } };
    writeFileSync(path.join(root, 'services/cmd/worker/default.pgo'), 'profile');
    writeFileSync(path.join(root, 'tools/cmd/report/pgo.yaml'), 'capture:\n  sources: []\n');
    const projects = projectsByRoot(await runCreateNodes(root, defaults));
    expect(Object.keys(projects['services/cmd/worker']!.targets!)).toContain('pgo-capture');
    expect(Object.keys(projects['tools/cmd/report']!.targets!)).not.toContain('pgo-capture');
    expect(Object.keys(projects['tools/cmd/api']!.targets!)).toEqual(['pgo-build']);
  });

  test('pipeline targets: executors, options, inputs (pgo-validate and pgo-bench hash the build inputs through goBuild) and outputs', async () => {
    write('pgo.yaml', CAPTURE_YAML + BENCH_YAML);
    write('default.pgo', 'profile');
    const api = projectsByRoot(await runCreateNodes(root))[API]!;
    expect(Object.keys(api.targets!)).toEqual(ALL);
    const candidate = 'dist/pgo/services/cmd/api/candidate.pgo';
    expect(api.targets!['pgo-capture']).toMatchObject({
      executor: '@go-pgo/nx:capture',
      options: { binaryDir: API, moduleRoot: 'services' },
      cache: false,
    });
    expect(api.targets!['pgo-merge']).toMatchObject({
      executor: '@go-pgo/nx:merge',
      options: { binaryDir: API, output: candidate, summary: 'dist/pgo/services/cmd/api/candidate.json' },
      cache: true,
      // The captures are gitignored, so Nx must be told to hash them anyway.
      inputs: [{ fileset: '{workspaceRoot}/.pgo/captures/services-api/**/*', includeIgnored: true }, '{workspaceRoot}/services/cmd/api/pgo.yaml'],
      outputs: [`{workspaceRoot}/${candidate}`, '{workspaceRoot}/dist/pgo/services/cmd/api/candidate.json'],
    });
    expect(buildInputsOf(api)).toEqual(expectedBuildInputs(root, API));
    expect(api.targets!['pgo-validate']).toMatchObject({
      executor: '@go-pgo/nx:validate',
      options: { binaryDir: API, report: 'dist/pgo/services/cmd/api/validate.json' },
      configurations: { candidate: { profile: candidate, committed: 'services/cmd/api/default.pgo' } },
      cache: true,
      inputs: ['goBuild', { fileset: `{workspaceRoot}/${candidate}`, includeIgnored: true }],
      outputs: ['{workspaceRoot}/dist/pgo/services/cmd/api/validate.json'],
    });
    expect(api.targets!['pgo-bench']).toMatchObject({
      executor: '@go-pgo/nx:bench',
      options: { binaryDir: API, moduleRoot: 'services', outputDir: 'dist/pgo/services/cmd/api/bench', profile: 'services/cmd/api/default.pgo' },
      cache: true,
      inputs: ['goBuild', '{workspaceRoot}/services/**/*.go'],
      outputs: ['{workspaceRoot}/dist/pgo/services/cmd/api/bench'],
    });
  });

  test("every pipeline target's help command is a real go-pgo command, and its example options are the executor's", async () => {
    write('pgo.yaml', CAPTURE_YAML + BENCH_YAML);
    write('default.pgo', 'profile');
    const targets = projectsByRoot(await runCreateNodes(root))[API]!.targets!;
    expect(Object.keys(targets)).toEqual(ALL);
    const executors = JSON.parse(readFileSync(path.resolve(__dirname, '../../executors.json'), 'utf8')) as { executors: Record<string, { schema: string }> };
    for (const [name, target] of Object.entries(targets)) {
      const help = target.metadata!.help as { command: string; example: { options: Record<string, unknown> } };
      if (!help.command.startsWith('npx go-pgo ')) continue;
      const out = { text: '', write: (chunk: string): boolean => ((out.text += chunk), true) };
      const code = await main(help.command.split(' ').slice(2), { stdout: out, stderr: out, cwd: root });
      expect([name, code, out.text]).toEqual([name, 0, expect.stringMatching(/^Usage: go-pgo /)]);
      const schemaFile = executors.executors[target.executor!.split(':')[1]!]!.schema.replace('./dist/', '../../src/');
      const schema = JSON.parse(readFileSync(path.resolve(__dirname, schemaFile), 'utf8')) as { properties: Record<string, unknown> };
      for (const option of Object.keys(help.example.options)) expect([name, option, option in schema.properties]).toEqual([name, option, true]);
    }
  });

  test('bad defaults fail every binary against the option; defaults.profile is refused for the profile option', async () => {
    const error = await failure(runCreateNodes(root, { defaults: { validate: { minSamples: 'many' } } }));
    expect(error.errors.map(([file]) => file)).toEqual(Array(4).fill('nx.json @go-pgo/nx option defaults'));
    expect(error.errors[0]![1].message).toContain('validate.minSamples');
    const refused = await failure(runCreateNodes(root, { defaults: { profile: 'x.pgo' } }));
    expect(refused.errors[0]![1].message).toBe('nx.json: option defaults must not set profile: use the profile option of @go-pgo/nx');
  });
});

describe('names and options', () => {
  let root: string;
  beforeAll(() => (root = copyFixture()));
  afterAll(() => removeWorkspace(root));
  const names = async (options = {}, nxJson = {}): Promise<Record<string, string | undefined>> =>
    Object.fromEntries(Object.entries(projectsByRoot(await runCreateNodes(root, options, FIXTURE_CONFIG_FILES, nxJson))).map(([r, p]) => [r, p.name]));

  test('nameTemplate {module}-{name} names every binary by its module', async () => {
    expect(await names({ nameTemplate: '{module}-{name}' })).toMatchObject({
      'services/cmd/api': 'services-api',
      'tools/cmd/api': 'tools-api',
      'services/cmd/worker': 'services-worker',
      'tools/cmd/report': 'tools-report',
    });
  });

  test('nameTemplate {modulePath}/{name}', async () => {
    expect((await names({ nameTemplate: '{modulePath}/{name}' }))['tools/cmd/report']).toBe('example.com/acme/tools/report');
  });

  test('targetPrefix renames the targets, the target group and dependsOn', async () => {
    writeFileSync(path.join(root, 'tools/cmd/report/default.pgo'), 'profile');
    const project = projectsByRoot(await runCreateNodes(root, { targetPrefix: 'go-' }))['tools/cmd/report']!;
    rmSync(path.join(root, 'tools/cmd/report/default.pgo'));
    expect(Object.keys(project.targets!)).toEqual(['go-validate', 'go-build', 'go-verify', 'go-rollback', 'go-roi']);
    expect(project.metadata!.targetGroups).toEqual({ PGO: ['go-validate', 'go-build', 'go-verify', 'go-rollback', 'go-roi'] });
    expect(project.targets!['go-verify']!.dependsOn).toEqual(['go-build']);
  });

  test('moduleProjects: false leaves the modules out', async () => {
    expect(Object.keys(await names({ moduleProjects: false })).sort()).toEqual(BINARY_DIRS.slice().sort());
  });

  test('with @nx-go/nx-go registered, it owns the module roots', async () => {
    for (const plugin of ['@nx-go/nx-go', { plugin: '@nx-go/nx-go', options: {} }]) {
      expect(Object.keys(await names({}, { plugins: [plugin] })).sort()).toEqual(BINARY_DIRS.slice().sort());
    }
  });

  test.each([
    [{ targetPrefix: 3 }, 'nx.json: option targetPrefix must be a string, got 3'],
    [{ nameTemplate: '{module}' }, 'nx.json: nameTemplate "{module}" must contain {name}'],
    [{ nameTemplate: '{name}-{dir}' }, 'nx.json: nameTemplate "{name}-{dir}" has the unknown placeholder {dir}'],
    [{ targetPrefix: 'a:' }, `nx.json: targetPrefix "a:" must not contain ':' or spaces`],
    [{ profile: '/abs.pgo' }, 'nx.json: profile "/abs.pgo" must be a path relative to'],
    [{ profle: 'x' }, 'nx.json: unknown option "profle" of @go-pgo/nx'],
    [{ tags: 'a,b' }, 'nx.json: option tags must be an array of strings, got "a,b"'],
    [{ tags: ['bad-tag'] }, 'invalid build tag "bad-tag"'],
  ])('bad options %j fail the graph with a message naming them', async (options, message) => {
    const error = await failure(runCreateNodes(root, options as never));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]![1].message).toContain(message);
  });

  test('a default profile that leaves the workspace is reported for each binary, against nx.json', async () => {
    const error = await failure(runCreateNodes(root, { profile: '../../../../x.pgo' }));
    expect(error.errors.map(([file]) => file)).toEqual(['nx.json', 'nx.json', 'nx.json', 'nx.json']);
    expect(error.errors[0]![1].message).toBe(
      'nx.json: the profile option "../../../../x.pgo" resolves to ../x.pgo for services/cmd/api, outside the workspace: keep profiles inside the workspace so Nx can hash them',
    );
  });
});

describe('module roots owned by another plugin', () => {
  let root: string;
  beforeAll(() => (root = copyFixture()));
  afterAll(() => removeWorkspace(root));

  test('a project.json, or a package.json with "nx", at a module root: no module project there', async () => {
    writeFileSync(path.join(root, 'services/project.json'), '{ "name": "svc" }');
    writeFileSync(path.join(root, 'tools/package.json'), '{ "name": "tools", "nx": {} }');
    writeFileSync(path.join(root, 'libs/package.json'), '{ "name": "libs" }');
    const projects = projectsByRoot(await runCreateNodes(root));
    expect(projects['services']).toBeUndefined();
    expect(projects['tools']).toBeUndefined();
    expect(projects['libs']?.name).toBe('libs');
    expect(projects['services/cmd/api']?.name).toBe('services-api');
  });

  test('a package.json that is not JSON is reported against that file', async () => {
    writeFileSync(path.join(root, 'libs/package.json'), '{ "name": ');
    const error = await failure(runCreateNodes(root));
    expect(error.errors.map(([file]) => file)).toEqual(['libs/package.json']);
    expect(error.errors[0]![1].message).toContain('libs/package.json: is not valid JSON');
  });
});

describe('broken Go sources', () => {
  let root: string;
  beforeEach(() => (root = copyFixture()));
  afterEach(() => removeWorkspace(root));

  test('an import that resolves nowhere is a warning naming the file and line; that binary keeps its project, with every file of its module as inputs', async () => {
    writeFileSync(
      path.join(root, 'tools/internal/tabulate/tabulate.go'),
      'package tabulate\n\nimport _ "example.com/acme/tools/internal/missing"\n',
    );
    settle(path.join(root, 'tools/internal/tabulate'));
    let results: CreateNodesResultArray = [];
    const warnings = await warned(async () => (results = await runCreateNodes(root)));
    expect(warnings).toEqual([expect.stringMatching(/^@go-pgo\/nx warning: tools\/internal\/tabulate\/tabulate\.go:3: imports "example.com\/acme\/tools\/internal\/missing", but tools\/internal\/missing does not exist/)]);
    const projects = projectsByRoot(results);
    expect(Object.keys(projects).sort()).toEqual(['libs', 'services', 'services/cmd/api', 'services/cmd/worker', 'tools', 'tools/cmd/api', 'tools/cmd/report'].sort());
    const inputs = buildInputsOf(projects['tools/cmd/report']!);
    expect(inputs).toContain('{workspaceRoot}/tools/**');
    expect(inputs).toContain('{workspaceRoot}/tools/internal/tabulate/*.go');
    expect(projects['tools/cmd/report']!.metadata!.description).toContain('tools/internal/missing does not exist');
    // The other binaries stay exact.
    expect(buildInputsOf(projects['tools/cmd/api']!)).not.toContain('{workspaceRoot}/tools/**');
  });

  test('a go.work that does not parse fails the graph, naming it', async () => {
    writeFileSync(path.join(root, 'go.work'), 'go 1.22\nuse (\n');
    const error = await failure(runCreateNodes(root));
    expect(error.errors.map(([file]) => file)).toEqual(['go.work']);
    expect(error.partialResults).toEqual([]);
  });

  test('a module rooted at cmd/<name> is one project: the binary, with its targets', async () => {
    mkdirSync(path.join(root, 'solo/cmd/solo'), { recursive: true });
    writeFileSync(path.join(root, 'solo/cmd/solo/go.mod'), 'module example.com/solo\n\ngo 1.22\n');
    writeFileSync(path.join(root, 'solo/cmd/solo/main.go'), 'package main\n\nfunc main() {}\n');
    writeFileSync(path.join(root, 'go.work'), `${readFileSync(path.join(root, 'go.work'), 'utf8')}\nuse ./solo/cmd/solo\n`);
    const results = await runCreateNodes(root, undefined, [...FIXTURE_CONFIG_FILES, 'solo/cmd/solo/go.mod']);
    const solo = projectsByRoot(results)['solo/cmd/solo']!;
    expect(solo.tags).toContain('go:binary');
    expect(solo.targets!['pgo-build']!.options.main).toBe('.');
  });

  test('a binary added later appears, and its name collision renames the other binary', async () => {
    mkdirSync(path.join(root, 'libs/cmd/worker'), { recursive: true });
    writeFileSync(path.join(root, 'libs/cmd/worker/main.go'), 'package main\n\nfunc main() {}\n');
    const projects = projectsByRoot(await runCreateNodes(root));
    expect(projects['libs/cmd/worker']!.name).toBe('libs-worker');
    expect(projects['services/cmd/worker']!.name).toBe('services-worker');
  });
});
