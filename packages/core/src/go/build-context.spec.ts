import { execFileSync } from 'node:child_process';
import { buildContext, buildContextOptionsFromEnv, goMinorVersion, releaseMinor, tagMatcher } from './build-context';
import { GoScanError } from './go-error';
import { goEnv, goMinor } from './go-oracle.spec-helper';

/** Keeps the caller's environment from setting a level the test does not name. */
const UNSET_LEVELS = { CGO_ENABLED: '', GOAMD64: '', GOARM64: '', GOARM: '', GO386: '', GOMIPS: '', GOMIPS64: '', GOPPC64: '', GORISCV64: '', GOWASM: '' };

/** What the go command's own build context holds for `env`. */
function goContext(env: Record<string, string>): { cgo: boolean; toolTags: string[]; releaseTags: string[]; buildTags: string[] } {
  const out = execFileSync('go', ['list', '-f', '{{context.CgoEnabled}}|{{join context.ToolTags ","}}|{{join context.ReleaseTags ","}}|{{join context.BuildTags ","}}', 'unsafe'], {
    env: { ...goEnv, ...env },
    encoding: 'utf8',
  }).trim();
  const [cgo, toolTags, releaseTags, buildTags] = out.split('|') as [string, string, string, string];
  const list = (s: string): string[] => (s === '' ? [] : s.split(','));
  return { cgo: cgo === 'true', toolTags: list(toolTags), releaseTags: list(releaseTags), buildTags: list(buildTags) };
}

describe('the context agrees with the go command for the same environment', () => {
  test.each<Record<string, string>>([
    { GOOS: 'linux', GOARCH: 'amd64' },
    { GOOS: 'linux', GOARCH: 'amd64', GOAMD64: 'v3' },
    { GOOS: 'windows', GOARCH: 'amd64' },
    { GOOS: 'darwin', GOARCH: 'arm64', GOARM64: 'v9.2' },
    { GOOS: 'linux', GOARCH: 'arm64', GOARM64: 'v8.5' },
    { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0', GOFLAGS: '-tags=acme_fast,netgo' },
    { GOOS: 'linux', GOARCH: 'riscv64', CGO_ENABLED: '1' },
    { GOOS: 'linux', GOARCH: 'riscv64', GORISCV64: 'rva22u64' },
    { GOOS: 'linux', GOARCH: 'arm' },
    { GOOS: 'linux', GOARCH: 'arm', GOARM: '6,softfloat' },
    { GOOS: 'linux', GOARCH: '386', GO386: 'softfloat' },
    { GOOS: 'linux', GOARCH: 'ppc64le', GOPPC64: 'power10' },
    { GOOS: 'linux', GOARCH: 'mips64le', GOMIPS64: 'softfloat' },
    { GOOS: 'linux', GOARCH: 'mipsle' },
    { GOOS: 'linux', GOARCH: 's390x' },
    { GOOS: 'js', GOARCH: 'wasm' },
    { GOOS: 'wasip1', GOARCH: 'wasm', GOWASM: 'satconv' },
  ])('%j', (env) => {
    const go = goContext({ ...UNSET_LEVELS, ...env });
    const context = buildContext({ ...buildContextOptionsFromEnv(env), goVersion: `1.${goMinor()}` });
    expect(context.cgoEnabled).toBe(go.cgo);
    // goexperiment.* tool tags depend on the toolchain build and are not modelled (see README).
    const levelTags = go.toolTags.filter((tag) => !tag.startsWith('goexperiment.'));
    expect([...context.tags].sort()).toEqual([...levelTags, ...go.buildTags].sort());
    const matches = tagMatcher(context, context.goMinor);
    for (const tag of go.releaseTags) expect(matches(tag)).toBe(true);
    expect(matches(`go1.${go.releaseTags.length + 1}`)).toBe(false);
  });
});

describe('tagMatcher', () => {
  const linux = tagMatcher(buildContext({ goos: 'linux', goarch: 'amd64', cgoEnabled: true, tags: ['x'] }), 22);

  test.each([
    ['linux', true],
    ['amd64', true],
    ['unix', true],
    ['gc', true],
    ['gccgo', false],
    ['cgo', true],
    ['x', true],
    ['go1.1', true],
    ['go1.22', true],
    ['go1.23', false],
    ['go1.22.1', false],
    ['go1', false],
    ['darwin', false],
    ['amd64.v1', true],
    ['amd64.v2', false],
    ['ignore', false],
  ])('linux/amd64 with cgo, tag x, go1.22: %s is %s', (tag, expected) => {
    expect(linux(tag)).toBe(expected);
  });

  test('GOOS aliases: android is linux, illumos is solaris, ios is darwin; windows and js are not unix', () => {
    expect(tagMatcher(buildContext({ goos: 'android', goarch: 'arm64' }), 0)('linux')).toBe(true);
    expect(tagMatcher(buildContext({ goos: 'illumos' }), 0)('solaris')).toBe(true);
    expect(tagMatcher(buildContext({ goos: 'ios', goarch: 'arm64' }), 0)('darwin')).toBe(true);
    expect(tagMatcher(buildContext({ goos: 'windows' }), 0)('unix')).toBe(false);
    expect(tagMatcher(buildContext({ goos: 'js', goarch: 'wasm' }), 0)('unix')).toBe(false);
  });

  test('a user tag switches on cgo and release tags too, as in go/build; boringcrypto means goexperiment.boringcrypto', () => {
    const matches = tagMatcher(buildContext({ cgoEnabled: false, tags: ['cgo', 'go1.99', 'goexperiment.boringcrypto'] }), 22);
    expect(matches('cgo')).toBe(true);
    expect(matches('go1.99')).toBe(true);
    expect(matches('boringcrypto')).toBe(true);
  });
});

describe('release tags follow the toolchain, the go line and the toolchain line', () => {
  test('the newest of the three wins', () => {
    const context = buildContext({ goVersion: 'go1.24.2' });
    expect(releaseMinor(context, { goVersion: '1.22' })).toBe(24);
    expect(releaseMinor(context, { goVersion: '1.25.0' })).toBe(25);
    expect(releaseMinor(context, { goVersion: '1.22', toolchain: 'go1.26.1' })).toBe(26);
    expect(releaseMinor(buildContext(), { goVersion: '1.21rc1', toolchain: 'default' })).toBe(21);
    expect(releaseMinor(buildContext(), {})).toBe(0);
  });

  test.each([
    ['1.22', 22],
    ['1.22.3', 22],
    ['go1.26.2', 26],
    ['1.21rc1', 21],
    ['go1.26rc2', 26],
    ['1.0', 0],
    ['default', undefined],
    ['2.0', undefined],
    ['1.x', undefined],
  ])('goMinorVersion(%s) = %s', (version, minor) => {
    expect(goMinorVersion(version)).toBe(minor);
  });
});

describe('bad options are typed errors that say what to use', () => {
  test.each([
    [{ goos: 'linx' }, /unknown GOOS "linx": use one of aix, android/],
    [{ goarch: 'x86' }, /unknown GOARCH "x86"/],
    [{ tags: ['a b'] }, /invalid build tag "a b"/],
    [{ goVersion: 'latest' }, /invalid Go version "latest"/],
    [{ archLevel: 'v5' }, /invalid GOAMD64 "v5": use v1, v2, v3 or v4/],
    [{ goarch: 'arm64', archLevel: 'v9.6' }, /invalid GOARM64 "v9.6"/],
    [{ goarch: 's390x', archLevel: 'z15' }, /GOARCH s390x has no level to set/],
  ])('%j', (options, message) => {
    expect(() => buildContext(options)).toThrow(GoScanError);
    expect(() => buildContext(options)).toThrow(message);
  });
});
