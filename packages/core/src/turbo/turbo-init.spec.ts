// turbo init on a copy of the e2e Go monorepo fixture: the exact files it writes, that the
// closures in them are those `go list -deps` reports, idempotence, --dry-run, merging into a
// user's files, tasks that follow pgo.yaml, and `check` on stale files. The real Turborepo runs
// these files in e2e/src/turbo.e2e.spec.ts.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import execa from 'execa';
import { GO_MONOREPO } from '../build/go-monorepo.spec-helper';
import { turboInit } from './turbo-init';
import { TurboConfigError } from './turbo-error';

const BINARIES = ['services/cmd/api', 'services/cmd/worker', 'tools/cmd/api', 'tools/cmd/report'];
const GO_ENV = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS', 'GOEXPERIMENT', 'GOTOOLCHAIN'];
const GO_PASS_THROUGH = ['GOCACHE', 'GOMODCACHE', 'GOPATH', 'GOENV', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE'];
const MODULE_FILES = ['libs', 'services', 'tools'].flatMap((m) => [`$TURBO_ROOT$/${m}/go.mod`, `$TURBO_ROOT$/${m}/go.sum`]);

let root: string;
let npmVersion: string;

beforeAll(async () => {
  npmVersion = (await execa('npm', ['--version'])).stdout.trim();
});

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-turbo-'));
  cpSync(GO_MONOREPO, root, { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const readJson = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;
const write = (file: string, text: string): void => writeFileSync(path.join(root, file), text);
const OTHER_SOURCES = '*.{c,cc,cpp,cxx,m,h,hh,hpp,hxx,f,F,for,f90,s,S,sx,swig,swigcxx,syso}';
/** A package's globs as a turbo.json outside the package writes them; `excluded`: files build constraints leave out. */
const packageGlobs = (dir: string, excluded: string[] = []): string[] => [
  `$TURBO_ROOT$/${dir}/*.go`,
  `!$TURBO_ROOT$/${dir}/*_test.go`,
  `$TURBO_ROOT$/${dir}/${OTHER_SOURCES}`,
  ...excluded.map((name) => `!$TURBO_ROOT$/${dir}/${name}`),
];

/** Every file under the root with its bytes and mtime: what "nothing written" is checked against. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, `${statSync(path.join(root, rel)).mtimeMs} ${read(rel)}`);
    }
  };
  walk('');
  return files;
}

test('writes the root package.json and turbo.json, and a package.json and turbo.json per binary, exactly', async () => {
  const result = await turboInit({ root });
  expect(result.binaries.map((b) => b.dir)).toEqual(BINARIES);
  expect(result.files.map((f) => `${f.action} ${f.file}`)).toEqual([
    'create package.json',
    'create turbo.json',
    ...BINARIES.flatMap((dir) => [`create ${dir}/package.json`, `create ${dir}/turbo.json`]),
  ]);
  // Two binaries are called api: they are named by their directory.
  expect([...result.packages.values()]).toEqual(['services-cmd-api', 'worker', 'tools-cmd-api', 'report']);

  expect(readJson('package.json')).toEqual({
    name: path.basename(root).toLowerCase(),
    private: true,
    workspaces: BINARIES,
    packageManager: `npm@${npmVersion}`,
  });
  const built = { env: GO_ENV, passThroughEnv: GO_PASS_THROUGH };
  expect(readJson('turbo.json')).toEqual({
    $schema: 'https://turborepo.dev/schema.json',
    tasks: {
      'pgo-build': built,
      'pgo-build:off': { cache: false, ...built },
      'pgo-verify': { dependsOn: ['pgo-build'], passThroughEnv: GO_PASS_THROUGH },
      'pgo-validate': built,
    },
  });
  expect(readJson('services/cmd/api/package.json')).toEqual({
    name: 'services-cmd-api',
    private: true,
    scripts: {
      'pgo-build': 'go-pgo build . --root ../../..',
      'pgo-build:off': 'go-pgo build . --off --root ../../..',
      'pgo-verify': 'go-pgo verify ../../../dist/go/services/cmd/api/api --source .',
      'pgo-validate': 'go-pgo validate . --root ../../..',
    },
  });
  // services/cmd/api: runner and pprofserver (libs), orders and pricing; not testutil (only its
  // test imports it), not winsvc (GOOS=windows only). Every module's go.mod: go.work.
  const apiInputs = [
    ...packageGlobs('libs/pprofserver'),
    ...packageGlobs('libs/runner'),
    '*.go',
    '!*_test.go',
    OTHER_SOURCES,
    ...packageGlobs('services/internal/orders', ['region_windows.go']),
    ...packageGlobs('services/internal/pricing'),
    ...MODULE_FILES,
    '$TURBO_ROOT$/go.work',
    '$TURBO_ROOT$/go.work.sum',
    'default.pgo',
    'pgo.yaml',
  ];
  const binary = '$TURBO_ROOT$/dist/go/services/cmd/api/api';
  expect(readJson('services/cmd/api/turbo.json')).toEqual({
    $schema: 'https://turborepo.dev/schema.json',
    extends: ['//'],
    tasks: {
      'pgo-build': { inputs: apiInputs, outputs: [binary, `${binary}.exe`, `${binary}.build.json`] },
      'pgo-verify': { inputs: [binary, `${binary}.exe`, 'default.pgo', 'pgo.yaml'], outputs: [] },
      'pgo-validate': { inputs: apiInputs, outputs: [] },
    },
  });
  // Formatted as npm formats package.json: two spaces, a final newline.
  expect(read('services/cmd/api/package.json')).toBe(`${JSON.stringify(readJson('services/cmd/api/package.json'), null, 2)}\n`);
});

test("each binary's inputs hold the package directories `go list -deps` builds it from", async () => {
  await turboInit({ root });
  for (const dir of BINARIES) {
    const { stdout } = await execa('go', ['list', '-deps', '-f', '{{if not .Standard}}{{.Dir}}{{end}}', `./${dir}`], { cwd: root, env: { GOFLAGS: '', GOWORK: '' } });
    const expected = stdout.split('\n').filter((line) => line !== '').map((d) => path.relative(root, d).split(path.sep).join('/')).sort();
    const inputs = ((readJson(`${dir}/turbo.json`)['tasks'] as Record<string, { inputs: string[] }>)['pgo-build']!).inputs;
    const dirs = inputs
      .filter((glob) => glob.endsWith('/*.go') || glob === '*.go')
      .map((glob) => (glob === '*.go' ? dir : glob.slice('$TURBO_ROOT$/'.length, -'/*.go'.length)))
      .sort();
    expect(dirs).toEqual(expected);
  }
});

test('a second init writes nothing; --dry-run lists the files and writes nothing', async () => {
  const dry = await turboInit({ root, dryRun: true });
  expect(dry.written).toBe(false);
  expect(dry.files).toHaveLength(2 + 2 * BINARIES.length);
  expect(readdirSync(path.join(root, 'services/cmd/api')).sort()).toEqual(['main.go', 'main_test.go']);
  expect(() => statSync(path.join(root, 'turbo.json'))).toThrow();

  await turboInit({ root });
  const before = snapshot();
  const again = await turboInit({ root });
  expect(again.files).toEqual([]);
  expect(snapshot()).toEqual(before);
});

test("keeps the user's keys, formatting and workspace globs, and adds only what is missing", async () => {
  write('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'services/cmd/*'], packageManager: 'npm@10.9.0', devDependencies: { '@go-pgo/core': '^0.1.0', turbo: '^2.4.0' } }, null, '\t') + '\n');
  write(
    'turbo.json',
    JSON.stringify(
      {
        $schema: 'https://turborepo.com/schema.json',
        globalEnv: ['CI'],
        tasks: { build: { outputs: ['dist/**'] }, 'pgo-build': { outputLogs: 'new-only', env: ['CC', 'GOOS'] } },
      },
      null,
      4,
    ),
  );
  write('services/cmd/api/package.json', JSON.stringify({ name: '@acme/api', scripts: { start: 'go run .', 'pgo-build': 'old' } }, null, 2));
  write('services/cmd/api/turbo.json', JSON.stringify({ tasks: { lint: { cache: false }, 'pgo-build': { outputLogs: 'full', inputs: ['stale'] } } }, null, 2));

  const result = await turboInit({ root });
  expect(result.addedWorkspaces).toEqual(['tools/cmd/api', 'tools/cmd/report']);
  expect(result.packages.get('services/cmd/api')).toBe('@acme/api');
  // tools/cmd/api no longer collides with a binary package named by its directory only.
  expect(result.packages.get('tools/cmd/api')).toBe('tools-cmd-api');

  expect(read('package.json')).toBe(
    JSON.stringify(
      { name: 'acme', private: true, workspaces: ['apps/*', 'services/cmd/*', 'tools/cmd/api', 'tools/cmd/report'], packageManager: 'npm@10.9.0', devDependencies: { '@go-pgo/core': '^0.1.0', turbo: '^2.4.0' } },
      null,
      '\t',
    ) + '\n',
  );
  const turbo = readJson('turbo.json');
  expect(read('turbo.json')).toMatch(/^ {4}"globalEnv"/m);
  expect(turbo['$schema']).toBe('https://turborepo.com/schema.json');
  expect(turbo['globalEnv']).toEqual(['CI']);
  const tasks = turbo['tasks'] as Record<string, Record<string, unknown>>;
  expect(Object.keys(tasks)).toEqual(['build', 'pgo-build', 'pgo-build:off', 'pgo-verify', 'pgo-validate']);
  expect(tasks['build']).toEqual({ outputs: ['dist/**'] });
  expect(tasks['pgo-build']).toEqual({ outputLogs: 'new-only', env: [...GO_ENV, 'CC'], passThroughEnv: GO_PASS_THROUGH });

  const api = readJson('services/cmd/api/package.json');
  expect(api['name']).toBe('@acme/api');
  expect(api['scripts']).toEqual({
    start: 'go run .',
    'pgo-build': 'go-pgo build . --root ../../..',
    'pgo-build:off': 'go-pgo build . --off --root ../../..',
    'pgo-verify': 'go-pgo verify ../../../dist/go/services/cmd/api/api --source .',
    'pgo-validate': 'go-pgo validate . --root ../../..',
  });
  const apiTurbo = readJson('services/cmd/api/turbo.json');
  expect(Object.keys(apiTurbo)).toEqual(['extends', 'tasks']);
  expect(apiTurbo['extends']).toEqual(['//']);
  const apiTasks = apiTurbo['tasks'] as Record<string, Record<string, unknown>>;
  expect(apiTasks['lint']).toEqual({ cache: false });
  expect(apiTasks['pgo-build']!['outputLogs']).toBe('full');
  expect(apiTasks['pgo-build']!['inputs']).toContain('*.go');

  expect((await turboInit({ root })).files).toEqual([]);
  expect(result.notes).toContain('run npm install to link the new workspace packages and update package-lock.json');
  expect(result.notes.some((note) => note.includes('@go-pgo/core'))).toBe(false);
});

test('pgo.yaml decides pgo-bench and pgo-capture, and a profile it names outside the binary is an input from the root', async () => {
  write(
    'tools/cmd/report/pgo.yaml',
    ['profile: ../../../profiles/report.pgo', 'capture:', '  sources:', '    - http: { urls: [http://127.0.0.1:6060] }', 'bench:', '  packages: [./internal/report/...]', ''].join('\n'),
  );
  await turboInit({ root });
  expect((readJson('tools/cmd/report/package.json')['scripts'] as Record<string, string>)['pgo-bench']).toBe('go-pgo bench . --root ../../..');
  expect((readJson('tools/cmd/report/package.json')['scripts'] as Record<string, string>)['pgo-capture']).toBe('go-pgo capture . --root ../../..');
  const tasks = readJson('tools/cmd/report/turbo.json')['tasks'] as Record<string, { inputs: string[]; outputs: string[] }>;
  expect(tasks['pgo-build']!.inputs.slice(-2)).toEqual(['$TURBO_ROOT$/profiles/report.pgo', 'pgo.yaml']);
  expect(tasks['pgo-bench']!.inputs.at(-1)).toBe('$TURBO_ROOT$/tools/**/*.go');
  expect(tasks['pgo-bench']!.outputs).toEqual(['$TURBO_ROOT$/dist/pgo/tools/cmd/report/bench/**']);
  expect(tasks['pgo-capture']).toBeUndefined();
  const rootTasks = readJson('turbo.json')['tasks'] as Record<string, Record<string, unknown>>;
  expect(rootTasks['pgo-capture']).toEqual({ cache: false, passThroughEnv: ['*'] });
  expect(rootTasks['pgo-bench']).toEqual({ env: GO_ENV, passThroughEnv: GO_PASS_THROUGH });
  expect(readJson('services/cmd/api/package.json')['scripts']).not.toHaveProperty('pgo-bench');

  // Without bench and capture, their scripts (which would fail) and package tasks go.
  write('tools/cmd/report/pgo.yaml', 'profile: ../../../profiles/report.pgo\n');
  await turboInit({ root });
  expect(Object.keys(readJson('tools/cmd/report/package.json')['scripts'] as object)).toEqual(['pgo-build', 'pgo-build:off', 'pgo-verify', 'pgo-validate']);
  expect(Object.keys(readJson('tools/cmd/report/turbo.json')['tasks'] as object)).toEqual(['pgo-build', 'pgo-verify', 'pgo-validate']);
});

test('check-style dry run: an import change makes exactly the changed closure stale', async () => {
  await turboInit({ root });
  // tools/cmd/api starts importing tools/internal/tabulate.
  const main = read('tools/cmd/api/main.go');
  write('tools/cmd/api/main.go', main.replace('import (', 'import (\n\t_ "example.com/acme/tools/internal/tabulate"'));
  const stale = await turboInit({ root, dryRun: true });
  expect(stale.files.map((f) => f.file)).toEqual(['tools/cmd/api/turbo.json']);
  expect(stale.files[0]!.text).toContain('"$TURBO_ROOT$/tools/internal/tabulate/*.go"');
});

test('refuses what it cannot merge, naming the file', async () => {
  write('turbo.json', JSON.stringify({ pipeline: { build: {} } }));
  await expect(turboInit({ root })).rejects.toThrow(new TurboConfigError('turbo.json: it has "pipeline", the Turborepo 1.x schema; go-pgo writes Turborepo 2 "tasks": migrate with npx @turbo/codemod migrate, then run go-pgo turbo init again'));
  write('turbo.json', '{ // a comment\n "tasks": {} }');
  await expect(turboInit({ root })).rejects.toThrow(/^turbo\.json: not valid JSON .*without comments or trailing commas/);
  rmSync(path.join(root, 'turbo.json'));
  write('pnpm-workspace.yaml', 'packages: []\n');
  await expect(turboInit({ root })).rejects.toThrow(/^pnpm-workspace\.yaml: pnpm lists workspace packages there.*services\/cmd\/api, services\/cmd\/worker/);
  rmSync(path.join(root, 'pnpm-workspace.yaml'));
  write('yarn.lock', '');
  await expect(turboInit({ root })).rejects.toThrow(/^package\.json: Turborepo needs a "packageManager" field, and yarn\.lock says this is not npm/);
  expect(() => statSync(path.join(root, 'services/cmd/api/package.json'))).toThrow();
});

test('a root without Go binaries is an error', async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-turbo-empty-'));
  try {
    writeFileSync(path.join(empty, 'go.mod'), 'module example.com/empty\n\ngo 1.22\n');
    await expect(turboInit({ root: empty })).rejects.toThrow(/no Go binary .* found: run go-pgo turbo init at the repository root$/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
