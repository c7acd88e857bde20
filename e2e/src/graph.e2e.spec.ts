// The project graph @go-pgo/nx infers in a real Nx workspace over the go-monorepo fixture:
// one project per binary with the targets its configuration calls for, their inputs (the
// project's named input goBuild) and outputs as Nx resolves them (checked against
// `go list -deps`), the PGO target group, and no need for `go`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fixtureProfile } from '../../tools/test-support/go-fixtures';
import { binaryProjects, FIXTURE_BINARIES, FixtureBinary, ProjectJson, projectOf } from './support/binary-projects';
import { pathWithoutGo } from './support/env';
import { goListClosure } from './support/go';
import { createWorkspace, Workspace } from './support/workspace';

/** Env inputs of pgo-build, exactly as the issue lists them. */
const ENV_INPUTS = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS'];
const MODULES = ['libs', 'services', 'tools'];
/** Nx hashes these into every task of the workspace, whatever the target's inputs say. */
const NX_WORKSPACE_FILES = ['nx.json', '.gitignore'];

/** One binary gets a committed default.pgo, another a pgo.yaml naming a profile elsewhere. */
const WITH_PROFILE = FIXTURE_BINARIES[0]!; // services/cmd/api
const WITH_CONFIG = FIXTURE_BINARIES[3]!; // tools/cmd/report
const CONFIGURED_PROFILE = 'profiles/report.pgo';

interface ResolvedInputs {
  files: string[];
  environment?: string[];
  runtime?: string[];
}

let workspace: Workspace;
let projects: Map<string, ProjectJson>;

beforeAll(async () => {
  workspace = await createWorkspace('graph');
  // go.sum and go.work.sum are inputs too; the standard-library-only fixture has none, and
  // empty ones are valid.
  for (const module of MODULES) await workspace.write(`${module}/go.sum`, '');
  await workspace.write('go.work.sum', '');
  const profile = (await fixtureProfile('shapes')).bytes;
  await workspace.write(`${WITH_PROFILE.root}/default.pgo`, profile);
  await workspace.write(`${WITH_CONFIG.root}/pgo.yaml`, `profile: ${CONFIGURED_PROFILE}\n`);
  await workspace.write(`${WITH_CONFIG.root}/${CONFIGURED_PROFILE}`, profile);
  await workspace.commitAll('profiles, pgo.yaml, go.sum files');
  projects = await binaryProjects(workspace);
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('nx show projects / nx show project', () => {
  test('every cmd/<name> binary is a project with pgo-build, and nothing else is', () => {
    expect([...projects.keys()].sort()).toEqual(FIXTURE_BINARIES.map((b) => b.root).sort());
  });

  test('names are the binary names, the two `api` binaries prefixed from their module paths', () => {
    const name = (binary: FixtureBinary): string => projectOf(projects, binary).name;
    const [servicesApi, toolsApi, worker, report] = FIXTURE_BINARIES.map(name);
    expect(worker).toBe('worker');
    expect(report).toBe('report');
    expect(servicesApi).not.toBe(toolsApi);
    expect(servicesApi).toMatch(/services.*api$/);
    expect(toolsApi).toMatch(/tools.*api$/);
  });

  test('nx show projects lists them all', async () => {
    const all = JSON.parse((await workspace.nx(['show', 'projects', '--json'])).stdout) as string[];
    expect(all).toEqual(expect.arrayContaining([...projects.values()].map((p) => p.name)));
  });

  test.each(FIXTURE_BINARIES.map((b) => [b.root, b] as const))('%s: the targets its profile calls for, described and grouped under PGO', (_, binary) => {
    const project = projectOf(projects, binary);
    const configured = binary === WITH_PROFILE || binary === WITH_CONFIG;
    // With no profile and no pgo.yaml: pgo-build alone, the bootstrap build.
    const expected = configured ? ['pgo-validate', 'pgo-build', 'pgo-verify', 'pgo-rollback', 'pgo-roi'] : ['pgo-build'];
    expect(Object.keys(project.targets)).toEqual(expected);
    expect(project.metadata?.targetGroups?.PGO).toEqual(expected);
    const build = project.targets['pgo-build'];
    expect(build?.executor).toBe('@go-pgo/nx:build');
    expect(build?.cache).toBe(true);
    expect(Object.keys(build?.configurations ?? {})).toContain('off');
    if (configured) expect(project.targets['pgo-verify']?.executor).toBe('@go-pgo/nx:verify');
    for (const target of Object.values(project.targets)) {
      expect(target.metadata?.technologies).toContain('go');
      expect(target.metadata?.description).toEqual(expect.stringMatching(/\S/));
      expect(target.metadata?.help?.command).toEqual(expect.stringMatching(/\S/));
      expect(target.metadata?.help?.example).toBeDefined();
    }
  });
});

describe('pgo-build inputs and outputs, as Nx resolves them', () => {
  test.each(FIXTURE_BINARIES.map((b) => [b.root, b] as const))('%s: inputs are its go list -deps closure, module files, profile, pgo.yaml, GOVERSION and env', async (_, binary) => {
    const project = projectOf(projects, binary);
    const inputs = JSON.parse(
      (await workspace.nx(['show', 'target', 'inputs', `${project.name}:pgo-build`, '--json'])).stdout,
    ) as ResolvedInputs;
    const closure = await goListClosure(workspace, binary.root);
    const closureDirs = new Set(closure.map((p) => p.dir));
    const moduleFiles = MODULES.flatMap((m) => [`${m}/go.mod`, `${m}/go.sum`]);
    const profileFiles = binary === WITH_PROFILE ? [`${binary.root}/default.pgo`] : binary === WITH_CONFIG ? [`${binary.root}/pgo.yaml`, `${binary.root}/${CONFIGURED_PROFILE}`] : [];

    // Everything the build reads is an input…
    const closureModules = [...new Set(closure.map((p) => p.moduleDir))];
    const required = [
      ...closure.flatMap((p) => p.files),
      ...closureModules.flatMap((m) => [`${m}/go.mod`, `${m}/go.sum`]),
      'go.work',
      'go.work.sum',
      ...profileFiles,
    ];
    expect(inputs.files).toEqual(expect.arrayContaining(required));
    // …and nothing outside it is: no Go file of another package (test-only, ignored, other
    // GOOS, other binaries' packages), no other profile.
    const unexpected = inputs.files.filter(
      (file) =>
        !(file.endsWith('.go') && closureDirs.has(path.posix.dirname(file))) &&
        !['go.work', 'go.work.sum', ...moduleFiles, ...profileFiles, ...NX_WORKSPACE_FILES].includes(file),
    );
    expect(unexpected).toEqual([]);
    expect(inputs.environment).toEqual(expect.arrayContaining(ENV_INPUTS));
    expect(inputs.runtime).toEqual(expect.arrayContaining(['go env GOVERSION']));
  });

  test('pgo-build and pgo-validate name the project input goBuild, and Nx resolves the same build files for both', async () => {
    const project = projectOf(projects, WITH_PROFILE);
    expect(project.targets['pgo-build']?.inputs).toEqual(['goBuild']);
    expect(project.targets['pgo-validate']?.inputs).toEqual(['goBuild', expect.objectContaining({ includeIgnored: true })]);
    const resolved = async (target: string): Promise<ResolvedInputs> =>
      JSON.parse((await workspace.nx(['show', 'target', 'inputs', `${project.name}:${target}`, '--json'])).stdout) as ResolvedInputs;
    const [build, validate] = [await resolved('pgo-build'), await resolved('pgo-validate')];
    expect(build.files.length).toBeGreaterThan(5);
    // The candidate (includeIgnored, under dist/) does not exist yet: the same files.
    expect(validate.files).toEqual(build.files);
    expect(validate.environment).toEqual(build.environment);
    expect(validate.runtime).toEqual(build.runtime);
  });

  test.each(FIXTURE_BINARIES.map((b) => [b.root, b] as const))('%s: outputs are the binary and its report under dist/go', async (_, binary) => {
    const project = projectOf(projects, binary);
    const outputs = JSON.parse(
      (await workspace.nx(['show', 'target', 'outputs', `${project.name}:pgo-build`, '--json'])).stdout,
    ) as { outputPaths: string[] };
    const base = `dist/go/${binary.root}/${binary.name}`;
    expect(outputs.outputPaths).toEqual(expect.arrayContaining([base, `${base}.build.json`]));
    // The binary's name under GOOS=windows is the only other output allowed.
    expect(outputs.outputPaths.filter((p) => ![base, `${base}.exe`, `${base}.build.json`].includes(p))).toEqual([]);
  });
});

test('the graph builds with no go on PATH, and is the same graph', async () => {
  const graphWith = async (env: NodeJS.ProcessEnv): Promise<unknown> => {
    const file = path.join(workspace.home, 'graph.json');
    // From scratch each time: no project graph or plugin cache left from an earlier run.
    await workspace.nx(['reset'], { env });
    await workspace.nx(['graph', `--file=${file}`], { env });
    return JSON.parse(await fs.readFile(file, 'utf8'));
  };
  const noGo = { PATH: pathWithoutGo(workspace.env.PATH ?? '') };
  await expect(workspace.exec('go', ['version'], { env: noGo })).rejects.toThrow(/could not start/);
  const withoutGo = await graphWith(noGo);
  const withGo = await graphWith({});
  expect(withoutGo).toEqual(withGo);
  expect(JSON.stringify(withoutGo)).toContain('"pgo-build"');
});
