// The Turborepo path (issue 6, item 5) with a real `turbo` from the npm registry and real Go:
// `go-pgo turbo init` makes every binary of the fixture a workspace package, `turbo run
// pgo-build` builds each with its profile, a second run is a cache hit that starts no go
// process, and a profile change or a Go edit misses only the binary that reads it. A `go` shim
// on PATH records every go process the runs start.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fixtureProfile } from '../../tools/test-support/go-fixtures';
import { GoShim } from './support/go-shim';
import { cacheStatus, TurboRepo } from './support/turbo-workspace';

const BINARIES = ['services/cmd/api', 'services/cmd/worker', 'tools/cmd/api', 'tools/cmd/report'];
const WORKER = 'services/cmd/worker';
/** Imported by services/cmd/api only (fixture README). */
const ONLY_IN_SERVICES_API = 'services/internal/pricing/pricing.go';
const WORKER_PROFILE = `${WORKER}/default.pgo`;
/** Offset of the OS byte in a gzip header (after the magic 1f 8b at 0). */
const GZIP_OS_BYTE = 9;

let repo: TurboRepo;
let shim: GoShim;
/** Workspace package name per binary directory, as init wrote it. */
const packageOf = new Map<string, string>();

const binaryOf = (dir: string): string => `dist/go/${dir}/${path.basename(dir)}`;
const env = (): NodeJS.ProcessEnv => ({ PATH: shim.pathValue });

/** Expected cache status per package: MISS for the given binaries, HIT for the rest. */
function missesOnly(...dirs: string[]): Record<string, 'HIT' | 'MISS'> {
  return Object.fromEntries(BINARIES.map((dir) => [packageOf.get(dir)!, dirs.includes(dir) ? 'MISS' : 'HIT']));
}

/** The -pgo build setting `go version -m` prints for a built binary, or undefined. */
async function pgoSetting(dir: string): Promise<string | undefined> {
  const { stdout } = await repo.exec('go', ['version', '-m', repo.path(binaryOf(dir))]);
  return /^\tbuild\t-pgo=(.*)$/m.exec(stdout)?.[1];
}

beforeAll(async () => {
  repo = await TurboRepo.create('init');
  shim = await GoShim.create(path.join(repo.root, '..', 'go-shim'), repo.env.PATH ?? '');
  await fs.writeFile(repo.path(WORKER_PROFILE), (await fixtureProfile('shapes')).bytes);
  await repo.commitAll('a real CPU profile for the worker');
});

afterAll(async () => {
  await repo?.dispose();
});

test('go-pgo turbo init writes a package per binary and turbo.json; a second init and turbo check find nothing to do', async () => {
  const init = await repo.bin('go-pgo', ['turbo', 'init']);
  for (const dir of BINARIES) {
    expect(init.stdout).toContain(`created      ${dir}/package.json`);
    expect(init.stdout).toContain(`created      ${dir}/turbo.json`);
    const pkg = JSON.parse(await fs.readFile(repo.path(`${dir}/package.json`), 'utf8')) as { name: string };
    packageOf.set(dir, pkg.name);
  }
  expect(init.stdout).toContain('updated      package.json');
  expect(init.stdout).toContain('created      turbo.json');

  const again = await repo.bin('go-pgo', ['turbo', 'init']);
  expect(again.stdout).toContain('every file is up to date');
  await repo.bin('go-pgo', ['turbo', 'check']);

  // What init tells the user to do: link the new workspace packages.
  await repo.exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']);
  await repo.commitAll('go-pgo turbo init');
  const listed = await repo.bin('turbo', ['ls', '--output=json']);
  const names = (JSON.parse(listed.stdout) as { packages: { items: { name: string }[] } }).packages.items.map((p) => p.name);
  expect(names.sort()).toEqual([...packageOf.values()].sort());
});

test('turbo run pgo-build builds every binary, the worker with its profile', async () => {
  await shim.reset();
  const { summary } = await repo.turboRun('pgo-build', env());
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly(...BINARIES));
  expect(await shim.builds()).toHaveLength(BINARIES.length);
  expect(await pgoSetting(WORKER)).toBe('default.pgo');
  expect(await pgoSetting('services/cmd/api')).toBeUndefined();
  for (const dir of BINARIES) await fs.access(repo.path(`${binaryOf(dir)}.build.json`));
});

test('a second run is a full cache hit and starts no go process; removed outputs are restored', async () => {
  await fs.rm(repo.path(`dist/go/${WORKER}`), { recursive: true });
  await shim.reset();
  const { result, summary } = await repo.turboRun('pgo-build', env());
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly());
  expect(result.output).toContain('FULL TURBO');
  expect(await shim.invocations()).toEqual([]);
  expect(await pgoSetting(WORKER)).toBe('default.pgo');
});

test('a change to the profile file misses the worker only, and rebuilds it with the profile', async () => {
  // One byte of the gzip header: Turborepo hashes the file's bytes, so this is a miss; the
  // samples are the same, so Go's build cache (keyed on the profile's content) only relinks.
  const profile = await fs.readFile(repo.path(WORKER_PROFILE));
  expect([profile[0], profile[1]]).toEqual([0x1f, 0x8b]);
  profile[GZIP_OS_BYTE] = profile[GZIP_OS_BYTE] === 3 ? 255 : 3;
  await fs.writeFile(repo.path(WORKER_PROFILE), profile);
  await shim.reset();
  const { summary } = await repo.turboRun('pgo-build', env());
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly(WORKER));
  const builds = await shim.builds();
  expect(builds).toHaveLength(1);
  expect(builds[0]!.filter((arg) => arg.startsWith('-pgo='))).toEqual([expect.stringMatching(/^-pgo=\/.*\/services\/cmd\/worker\/default\.pgo$/)]);
  expect(await pgoSetting(WORKER)).toBe('default.pgo');
});

test('a Go edit in a package of one closure misses that binary only; an edit to a test file misses none', async () => {
  await fs.appendFile(repo.path(ONLY_IN_SERVICES_API), '\n// changed by the turbo e2e test\n');
  await shim.reset();
  let { summary } = await repo.turboRun('pgo-build', env());
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly('services/cmd/api'));
  expect(await shim.builds()).toHaveLength(1);

  await fs.writeFile(repo.path('services/internal/pricing/pricing_test.go'), 'package pricing\n');
  ({ summary } = await repo.turboRun('pgo-build', env()));
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly());
});

test('turbo run pgo-verify passes on every binary after the cached builds', async () => {
  const { result, summary } = await repo.turboRun('pgo-verify', env());
  expect(cacheStatus(summary, 'pgo-build')).toEqual(missesOnly());
  expect(Object.keys(cacheStatus(summary, 'pgo-verify')).sort()).toEqual([...packageOf.values()].sort());
  expect(result.output).toContain('default.pgo');
});
