// pgo-build and pgo-verify in a real Nx workspace with real Go: the profile reaches the
// binary, the Nx cache is keyed on the profile's bytes and the import closure, and a second
// clone restores byte-identical binaries. A `go` shim on PATH records every go process Nx starts.
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fixtureProfile } from '../../tools/test-support/go-fixtures';
import { binaryProjects, FIXTURE_BINARIES, FixtureBinary, ProjectJson, projectOf } from './support/binary-projects';
import { buildSettings } from './support/go';
import { GoShim } from './support/go-shim';
import { taskOutcome, taskOutcomes } from './support/nx-output';
import { RunResult } from './support/run';
import { createWorkspace, NxRunOptions, Workspace } from './support/workspace';

const [SERVICES_API, TOOLS_API, WORKER, REPORT] = FIXTURE_BINARIES as [FixtureBinary, FixtureBinary, FixtureBinary, FixtureBinary];
/** Imported by services/cmd/api only (fixture README). */
const ONLY_IN_SERVICES_API = 'services/internal/pricing/pricing.go';
/** Offset of the OS byte in a gzip header: changing it changes the file, not the profile. */
const GZIP_OS_BYTE = 9;

let workspace: Workspace;
let shim: GoShim;
let projects: Map<string, ProjectJson>;

const nameOf = (binary: FixtureBinary): string => projectOf(projects, binary).name;
const binaryPath = (binary: FixtureBinary): string => `dist/go/${binary.root}/${binary.name}`;
const offBinaryPath = (binary: FixtureBinary): string => `dist/go/${binary.root}/off/${binary.name}`;
const profilePath = (binary: FixtureBinary): string => `${binary.root}/default.pgo`;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Nx in the workspace, with the go shim first on PATH. */
function nx(args: string[], options: NxRunOptions = {}, where: Workspace = workspace): Promise<RunResult> {
  return where.nx(args, { ...options, env: { PATH: shim.pathValue, ...options.env } });
}

beforeAll(async () => {
  workspace = await createWorkspace('build');
  shim = await GoShim.create(path.join(workspace.home, 'go-shim'), workspace.env.PATH ?? '');
  // A real CPU profile (of another Go program: PGO uses what matches and ignores the rest).
  const profile = (await fixtureProfile('shapes')).bytes;
  for (const binary of FIXTURE_BINARIES) await workspace.write(profilePath(binary), profile);
  await workspace.commitAll('default.pgo for every binary');
  projects = await binaryProjects(workspace);
});

afterAll(async () => {
  await workspace?.dispose();
});

test('pgo-build builds with the committed profile (-pgo=default.pgo in go version -m) and pgo-verify passes', async () => {
  const build = await nx(['run', `${nameOf(WORKER)}:pgo-build`]);
  expect(taskOutcome(build.output, `${nameOf(WORKER)}:pgo-build`)).toBe('ran');
  expect((await buildSettings(workspace, binaryPath(WORKER))).get('-pgo')).toBe('default.pgo');

  const report = JSON.parse((await workspace.read(`${binaryPath(WORKER)}.build.json`)).toString('utf8')) as Record<string, unknown>;
  const binary = await workspace.read(binaryPath(WORKER));
  expect(report).toMatchObject({
    pgo: 'on',
    profileSha256: sha256(await workspace.read(profilePath(WORKER))),
    binarySha256: sha256(binary),
    binarySize: binary.length,
  });

  await nx(['run', `${nameOf(WORKER)}:pgo-verify`]);
});

test('pgo-build:off builds the baseline beside the PGO binary, with no -pgo setting; the PGO binary and pgo-verify are untouched', async () => {
  const before = await workspace.read(binaryPath(WORKER));
  await nx(['run', `${nameOf(WORKER)}:pgo-build:off`]);
  expect((await buildSettings(workspace, offBinaryPath(WORKER))).has('-pgo')).toBe(false);
  const report = JSON.parse((await workspace.read(`${offBinaryPath(WORKER)}.build.json`)).toString('utf8')) as Record<string, unknown>;
  expect(report).toMatchObject({ binary: offBinaryPath(WORKER), pgo: 'off', profile: null });
  // Both builds exist at once: the PGO one is the same bytes, and still passes pgo-verify.
  expect(sha256(await workspace.read(binaryPath(WORKER)))).toBe(sha256(before));
  await nx(['run', `${nameOf(WORKER)}:pgo-verify`, '--exclude-task-dependencies']);
  // pgo-verify names the binary and the profile when it is handed a baseline.
  const verify = await nx(['run', `${nameOf(WORKER)}:pgo-verify`, '--exclude-task-dependencies', `--outputPath=${offBinaryPath(WORKER)}`], { allowFailure: true });
  expect(verify.exitCode).not.toBe(0);
  expect(verify.output).toContain(offBinaryPath(WORKER));
  expect(verify.output).toContain(profilePath(WORKER));
  expect(verify.output).toMatch(/-pgo/);
});

test('a second identical run is an Nx cache hit and starts no go build', async () => {
  const task = `${nameOf(WORKER)}:pgo-build`;
  // The PGO build's own cache entry, unaffected by the baseline's.
  expect(taskOutcome((await nx(['run', task])).output, task)).toBe('cache');
  expect((await buildSettings(workspace, binaryPath(WORKER))).get('-pgo')).toBe('default.pgo');

  await shim.reset();
  const again = await nx(['run', task]);
  expect(taskOutcome(again.output, task)).toBe('cache');
  expect(again.output).toContain('Nx read the output from the cache instead of running the command for 1 out of 1 tasks');
  // The only go process is Nx's own evaluation of the runtime input `go env GOVERSION`, which
  // also shows that the shim was on the PATH Nx used.
  const invocations = await shim.invocations();
  expect(invocations).toContainEqual(['env', 'GOVERSION']);
  expect(invocations.filter((args) => args.join(' ') !== 'env GOVERSION')).toEqual([]);
});

test('touching the profile keeps the cache hit; changing one byte of it rebuilds', async () => {
  const task = `${nameOf(WORKER)}:pgo-build`;
  const profile = workspace.path(profilePath(WORKER));
  const later = new Date(Date.now() + 3600_000);
  await fs.utimes(profile, later, later);
  await shim.reset();
  expect(taskOutcome((await nx(['run', task])).output, task)).toBe('cache');
  expect(await shim.builds()).toEqual([]);

  const bytes = await fs.readFile(profile);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip, as Go writes CPU profiles
  bytes[GZIP_OS_BYTE] = bytes[GZIP_OS_BYTE] === 3 ? 255 : 3;
  await fs.writeFile(profile, bytes);
  await shim.reset();
  expect(taskOutcome((await nx(['run', task])).output, task)).toBe('ran');
  const builds = await shim.builds();
  expect(builds).toHaveLength(1);
  expect(builds[0]).toContain(`-pgo=${profile}`);
  expect((await buildSettings(workspace, binaryPath(WORKER))).get('-pgo')).toBe('default.pgo');
});

test('editing a package only one binary imports: run-many rebuilds that binary alone; nx affected names it', async () => {
  await nx(['run-many', '-t', 'pgo-build']); // every binary built and cached
  const source = await workspace.read(ONLY_IN_SERVICES_API);
  await workspace.write(ONLY_IN_SERVICES_API, `${source.toString('utf8')}\n// edited by the e2e test\n`);

  await shim.reset();
  const rebuild = await nx(['run-many', '-t', 'pgo-build']);
  const outcomes = taskOutcomes(rebuild.output);
  expect(Object.fromEntries(FIXTURE_BINARIES.map((b) => [nameOf(b), outcomes.get(`${nameOf(b)}:pgo-build`)]))).toEqual({
    [nameOf(SERVICES_API)]: 'ran',
    [nameOf(TOOLS_API)]: 'cache',
    [nameOf(WORKER)]: 'cache',
    [nameOf(REPORT)]: 'cache',
  });
  const builds = await shim.builds();
  expect(builds).toEqual([expect.arrayContaining([expect.stringMatching(new RegExp(`(^|/)${binaryPath(SERVICES_API)}$`))])]);

  const affected = JSON.parse(
    (await nx(['show', 'projects', '--affected', `--files=${ONLY_IN_SERVICES_API}`, '--json'])).stdout,
  ) as string[];
  expect(affected).toContain(nameOf(SERVICES_API));
  // Nx's affected is per project: the file is in the services module project, so every binary
  // depending on that module is listed (worker too); the other module's binaries are not.
  expect(affected).not.toContain(nameOf(TOOLS_API));
  expect(affected).not.toContain(nameOf(REPORT));
  // Per task, Nx selects by the inputs (the named input goBuild, expanded): the one binary.
  const tasks = JSON.parse((await nx(['show', 'projects', '--affected', '-t', 'pgo-build', `--files=${ONLY_IN_SERVICES_API}`, '--json'])).stdout) as string[];
  expect(tasks).toEqual([nameOf(SERVICES_API)]);
});

test('a second clone sharing the Nx cache restores byte-identical binaries', async () => {
  await workspace.commitAll('edited profile and pricing');
  const clone = await workspace.clone('build-clone');
  try {
    await shim.reset();
    const restore = await nx(['run-many', '-t', 'pgo-build'], {}, clone);
    for (const binary of FIXTURE_BINARIES) {
      expect(taskOutcome(restore.output, `${nameOf(binary)}:pgo-build`)).toBe('cache');
      expect(sha256(await clone.read(binaryPath(binary)))).toBe(sha256(await workspace.read(binaryPath(binary))));
    }
    expect(await shim.builds()).toEqual([]);
    // One cache directory, outside both checkouts: Nx's per-user one for this repository.
    expect(existsSync(workspace.path('.nx/cache')) || existsSync(clone.path('.nx/cache'))).toBe(false);
    const sharedCaches = (await fs.readdir(path.join(workspace.home, '.nx'))).filter((entry) =>
      existsSync(path.join(workspace.home, '.nx', entry, 'cache')),
    );
    expect(sharedCaches).toHaveLength(1);
  } finally {
    await clone.dispose();
  }
});
