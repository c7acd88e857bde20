// Real `go build`s of the e2e fixture workspace (a private copy), with a real CPU profile; the
// Go toolchain's own `go version -m` is the oracle for what the binaries carry.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { corpusFiles } from '../../../../tools/test-support/corpus';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { go } from '../../../../tools/test-support/go-tool';
import { PgoConfigError } from '../config/config-error';
import { readGoBuildInfo } from '../verify/go-version-m';
import { PgoVerifyError } from '../verify/verify-error';
import { verifyPgo } from '../verify/verify-pgo';
import { PgoBuildError } from './build-error';
import type { BuildReport } from './build-report';
import { goBuild, type GoBuildOptions, type GoBuildResult } from './go-build';
import { copyGoMonorepo, GO_BUILD_TIMEOUT_MS, type GoMonorepoCopy } from './go-monorepo.spec-helper';

let ws: GoMonorepoCopy;
beforeAll(async () => {
  ws = await copyGoMonorepo();
}, FIXTURE_TIMEOUT_MS);
afterAll(() => ws?.remove());

interface Built {
  result: GoBuildResult;
  info: string[];
  output: string;
}

type Target = Pick<GoBuildOptions, 'moduleRoot' | 'pkg' | 'outputPath'> & Partial<GoBuildOptions>;

async function build(target: Target): Promise<Built> {
  const info: string[] = [];
  let output = '';
  const result = await goBuild({
    workspaceRoot: ws.root,
    pgo: 'auto',
    log: { info: (line) => info.push(line), output: (chunk) => (output += chunk) },
    ...target,
  });
  return { result, info, output };
}

/** Builds shared by several tests run once, on first use. */
function once(target: Target): () => Promise<Built> {
  let built: Promise<Built> | undefined;
  return () => (built ??= build(target));
}

const worker = once({ moduleRoot: 'services', pkg: './cmd/worker', outputPath: 'dist/go/services/cmd/worker/worker' });
const workerOff = once({ moduleRoot: 'services', pkg: './cmd/worker', outputPath: 'dist/off/worker', pgo: 'off' });

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const inWorkspace = (rel: string): string => path.join(ws.root, rel);
/** The `build` settings lines of `go version -m`, as go prints them. */
const buildSettings = (binary: string): string[] =>
  go(['version', '-m', binary])
    .split('\n')
    .filter((line) => line.startsWith('\tbuild\t'))
    .map((line) => line.slice('\tbuild\t'.length));
const goEnv = (...keys: string[]): string[] => go(['env', ...keys]).trim().split('\n');

describe('a binary with default.pgo', () => {
  test(
    'go version -m shows -pgo=default.pgo: go build was given the absolute path, -trimpath keeps only the base name',
    async () => {
      const { result, info } = await worker();
      const profile = inWorkspace('services/cmd/worker/default.pgo');
      expect(result.report.command).toContain(`-pgo=${profile}`);
      expect(result.report.command).toContain('-trimpath');
      const settings = buildSettings(result.binary);
      expect(settings).toContain('-pgo=default.pgo');
      expect(settings.filter((s) => s.includes(ws.root))).toEqual([]);
      expect(info).toEqual([]);
    },
    GO_BUILD_TIMEOUT_MS,
  );

  test(
    'the report: binary and profile sha256 and size match the files, Go version and target from go env',
    async () => {
      const { result } = await worker();
      const binary = inWorkspace('dist/go/services/cmd/worker/worker');
      expect(result.binary).toBe(binary);
      expect(result.reportFile).toBe(`${binary}.build.json`);
      const text = readFileSync(result.reportFile, 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      const report = JSON.parse(text) as BuildReport;
      expect(report).toEqual(result.report);
      const [goVersion, goos, goarch] = goEnv('GOVERSION', 'GOOS', 'GOARCH');
      expect(report).toEqual({
        binary: 'dist/go/services/cmd/worker/worker',
        binarySize: statSync(binary).size,
        binarySha256: sha256(binary),
        buildSeconds: expect.any(Number) as number,
        goVersion,
        goos,
        goarch,
        pgo: 'on',
        profile: 'services/cmd/worker/default.pgo',
        profileSha256: createHash('sha256').update(ws.profile.bytes).digest('hex'),
        command: ['go', 'build', '-trimpath', `-pgo=${inWorkspace('services/cmd/worker/default.pgo')}`, '-o', binary, './cmd/worker'],
        cwd: 'services',
      });
      expect(report.buildSeconds).toBeGreaterThan(0);
      // atomicWrite leaves no temp file behind.
      expect(readdirSync(path.dirname(binary)).sort()).toEqual(['worker', 'worker.build.json']);
    },
    GO_BUILD_TIMEOUT_MS,
  );

  test(
    'pgo-verify passes and reports the -pgo setting',
    async () => {
      const { result } = await worker();
      const profile = inWorkspace('services/cmd/worker/default.pgo');
      await expect(
        verifyPgo({ binary: result.binary, workspaceRoot: ws.root, profileConfigured: true, profile, rebuildCommand: 'rebuild' }),
      ).resolves.toEqual({
        pgo: 'default.pgo',
        message: 'dist/go/services/cmd/worker/worker: built with -pgo=default.pgo (configured: services/cmd/worker/default.pgo)',
      });
    },
    GO_BUILD_TIMEOUT_MS,
  );
});

describe('the -pgo=off baseline', () => {
  test(
    'has no -pgo setting, and its report says pgo off without a profile',
    async () => {
      const { result, info } = await workerOff();
      expect(result.report.command).toContain('-pgo=off');
      expect(buildSettings(result.binary).filter((s) => s.startsWith('-pgo'))).toEqual([]);
      expect(result.report).toMatchObject({ pgo: 'off', profile: null, profileSha256: null, binarySha256: sha256(result.binary) });
      expect(info).toEqual([]);
    },
    GO_BUILD_TIMEOUT_MS,
  );

  test(
    'pgo-verify then fails: names the binary, says it was built without PGO, why that happens and what to run',
    async () => {
      const { result } = await workerOff();
      const error = await verifyPgo({
        binary: result.binary,
        workspaceRoot: ws.root,
        profileConfigured: true,
        profile: inWorkspace('services/cmd/worker/default.pgo'),
        rebuildCommand: 'nx run worker:pgo-build',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PgoVerifyError);
      expect(error).toMatchObject({
        code: 'no-pgo',
        message:
          'dist/off/worker was built without PGO (go version -m shows no -pgo build setting), but the profile services/cmd/worker/default.pgo is configured for it: ' +
          'it was built with -pgo=off (e.g. by pgo-build:off or go-pgo build --off) or restored from a cache entry made before the profile existed; ' +
          'rebuild it: nx run worker:pgo-build',
      });
    },
    GO_BUILD_TIMEOUT_MS,
  );
});

test(
  'no profile anywhere: builds without PGO and says so in one line naming where it looked',
  async () => {
    const { result, info } = await build({ moduleRoot: 'services', pkg: './cmd/api', outputPath: 'dist/go/services/cmd/api/api' });
    expect(info).toEqual([
      'services/cmd/api: no profile (looked for services/cmd/api/default.pgo; no pgo.yaml names another): building without PGO (-pgo=off)',
    ]);
    expect(result.report.command).toContain('-pgo=off');
    expect(buildSettings(result.binary).filter((s) => s.startsWith('-pgo'))).toEqual([]);
    await expect(
      verifyPgo({ binary: result.binary, workspaceRoot: ws.root, profileConfigured: false, rebuildCommand: 'x' }),
    ).resolves.toEqual({
      pgo: undefined,
      message: 'dist/go/services/cmd/api/api: built without PGO (no -pgo build setting); no profile is configured for it, so there is nothing to check',
    });
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'a profile named in pgo.yaml, outside the binary directory, with tags, ldflags and extra flags: all applied, go version -m read as go quotes it',
  async () => {
    mkdirSync(inWorkspace('profiles'));
    writeFileSync(inWorkspace('profiles/report.pgo'), ws.profile.bytes);
    writeFileSync(inWorkspace('tools/cmd/report/pgo.yaml'), '# shared profiles live at the root\nprofile: ../../../profiles/report.pgo\ncapture:\n  seconds: 10\n');
    const { result } = await build({
      moduleRoot: 'tools',
      pkg: 'cmd/report',
      outputPath: 'dist/go/tools/cmd/report/report',
      tags: ['acme_fast', 'netgo'],
      ldflags: '-s -w',
      extraFlags: ['-gcflags=-l -B'],
    });
    expect(result.report).toMatchObject({ pgo: 'on', profile: 'profiles/report.pgo', cwd: 'tools' });
    expect(result.report.command.slice(-3)).toEqual(['-o', result.binary, './cmd/report']);
    const settings = buildSettings(result.binary);
    expect(settings).toEqual(expect.arrayContaining(['-pgo=report.pgo', '-tags=acme_fast,netgo', '-gcflags="-l -B"']));
    // With -trimpath go does not record -ldflags; -s (no symbol table) shows it was applied.
    expect(result.report.command).toContain('-ldflags=-s -w');
    expect(() => go(['tool', 'nm', result.binary])).toThrow(/no symbols/);
    // Our reader of go version -m unquotes what go quoted.
    const parsed = await readGoBuildInfo(result.binary, 'report');
    expect(parsed.settings.get('-gcflags')).toBe('-l -B');
    expect(parsed.settings.get('-pgo')).toBe('report.pgo');
    expect(parsed.settings.size).toBe(settings.length);
    expect(parsed.path).toBe('example.com/acme/tools/cmd/report');
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'GOOS=windows: the binary is <name>.exe (a PE file), the report keeps <name>.build.json',
  async () => {
    const { result } = await build({ moduleRoot: 'tools', pkg: './cmd/api', outputPath: 'dist/go/tools/cmd/api/api', goos: 'windows', pgo: 'off' });
    const exe = inWorkspace('dist/go/tools/cmd/api/api.exe');
    expect(result.binary).toBe(exe);
    expect(readFileSync(exe).subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(readdirSync(path.dirname(exe)).sort()).toEqual(['api.build.json', 'api.exe']);
    expect(result.report).toMatchObject({ binary: 'dist/go/tools/cmd/api/api.exe', goos: 'windows', binarySha256: sha256(exe) });
    expect(buildSettings(exe)).toContain('GOOS=windows');
  },
  GO_BUILD_TIMEOUT_MS,
);

describe('failures before go build runs: no go process, no output', () => {
  // PATH without go: had any go command run before the check, the error would be go-not-found.
  async function refused(target: Partial<Target>): Promise<Error> {
    const outputPath = path.join('dist', 'refused', String(Math.random()).slice(2), 'bin');
    const error = await build({ moduleRoot: 'services', pkg: './cmd/api', outputPath, env: { PATH: '' }, ...target }).catch((e: unknown) => e);
    expect(existsSync(inWorkspace(path.dirname(outputPath)))).toBe(false);
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }

  test('a profile option naming a missing file', async () => {
    expect(await refused({ profile: 'services/cmd/api/missing.pgo' })).toMatchObject({
      name: 'PgoBuildError',
      code: 'missing-profile',
      message:
        'services/cmd/api/missing.pgo: the profile given as the profile option does not exist: ' +
        'put a Go CPU profile there (e.g. from /debug/pprof/profile?seconds=30 of a running instance), or fix the path',
    });
  });

  test('pgo.yaml naming a missing file', async () => {
    mkdirSync(inWorkspace('services/cmd/prod'));
    writeFileSync(inWorkspace('services/cmd/prod/pgo.yaml'), 'profile: prod.pgo\n');
    const error = await refused({ pkg: './cmd/prod' });
    expect(error).toBeInstanceOf(PgoBuildError);
    expect(error.message).toMatch(/^services\/cmd\/prod\/prod\.pgo: the profile configured in services\/cmd\/prod\/pgo\.yaml does not exist: /);
  });

  test('a default.pgo that go build -pgo would reject is an error, not a silent build without PGO', async () => {
    const unusable = corpusFiles().find((f) => f.wellFormed && !f.pgoUsable)!;
    mkdirSync(inWorkspace('services/cmd/stale'));
    writeFileSync(inWorkspace('services/cmd/stale/default.pgo'), unusable.bytes);
    const error = await refused({ pkg: './cmd/stale' });
    expect(error).toMatchObject({ name: 'PgoBuildError', code: 'unusable-profile' });
    expect(error.message).toMatch(
      /^services\/cmd\/stale\/default\.pgo: go build -pgo cannot use this profile \(found as the default profile of the binary\): ./,
    );
  });

  test('a profile option naming something that is not a profile', async () => {
    writeFileSync(inWorkspace('not-a-profile.txt'), 'hello\n');
    expect(await refused({ profile: inWorkspace('not-a-profile.txt') })).toMatchObject({ name: 'PgoBuildError', code: 'unusable-profile' });
  });

  test('pgo.yaml with a non-string profile: file, line and column', async () => {
    mkdirSync(inWorkspace('services/cmd/typo'));
    writeFileSync(inWorkspace('services/cmd/typo/pgo.yaml'), 'capture:\n  seconds: 5\nprofile: 2024\n');
    const error = await refused({ pkg: './cmd/typo' });
    expect(error).toBeInstanceOf(PgoConfigError);
    expect(error.message).toMatch(/^services\/cmd\/typo\/pgo\.yaml:3:10: profile must be the path /);
  });

  test.each([
    [{ moduleRoot: 'servces' }, "the module root servces has no go.mod: give the directory of the binary's go.mod"],
    [{ pkg: '../libs/runner' }, 'the package "../libs/runner" must be a directory inside the module services, relative to it, e.g. ./cmd/api'],
    [{ pkg: '/abs/cmd/api' }, 'the package "/abs/cmd/api" must be a directory inside the module services, relative to it, e.g. ./cmd/api'],
    [{ extraFlags: ['-race', '-o', 'elsewhere'] }, 'the extra go build flag "-o" is managed by pgo-build: set the output path instead'],
    [{ extraFlags: ['--pgo=off'] }, 'the extra go build flag "--pgo=off" is managed by pgo-build: set the profile, or build with PGO off, instead'],
  ])('bad option %j', async (target, message) => {
    expect(await refused(target)).toMatchObject({ name: 'PgoBuildError', code: 'bad-option', message });
  });
});

test(
  'go build failing: the error names the binary and go\'s first message; go\'s output was streamed',
  async () => {
    mkdirSync(inWorkspace('services/cmd/broken'));
    writeFileSync(inWorkspace('services/cmd/broken/main.go'), 'package main\n\nfunc main() { notDefined() }\n');
    const outputPath = 'dist/go/services/cmd/broken/broken';
    let output = '';
    const error = await goBuild({
      workspaceRoot: ws.root,
      moduleRoot: 'services',
      pkg: './cmd/broken',
      outputPath,
      pgo: 'off',
      log: { info: () => undefined, output: (chunk) => (output += chunk) },
    }).catch((e: unknown) => e);
    expect(output).toContain('cmd/broken/main.go:3:15: undefined: notDefined');
    expect(error).toMatchObject({
      name: 'PgoBuildError',
      code: 'go-build-failed',
      message: "services/cmd/broken: go build exited with 1: cmd/broken/main.go:3:15: undefined: notDefined (go's full output is above)",
    });
    expect(existsSync(inWorkspace(outputPath))).toBe(false);
    expect(existsSync(`${inWorkspace(outputPath)}.build.json`)).toBe(false);
  },
  GO_BUILD_TIMEOUT_MS,
);
