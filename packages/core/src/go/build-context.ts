// What a build tag means for one build: the target GOOS/GOARCH (and the tags they imply: unix,
// the android→linux and ios→darwin aliases, microarchitecture levels), cgo, user tags, the
// compiler (gc) and the go1.N release tags. Mirrors go/build's matchTag.
import os from 'node:os';
import { archLevel } from './arch-levels';
import { KNOWN_ARCH, KNOWN_OS, UNIX_OS, type TagMatcher } from './build-constraints';
import { GoScanError } from './go-error';
import { modFlagOf, type ModFlag } from './vendor-mode';

export interface BuildContextOptions {
  /** Target OS; default `linux`. */
  goos?: string;
  /** Target architecture; default `amd64`. */
  goarch?: string;
  /**
   * Whether cgo is on (the `cgo` tag, and whether files importing "C" count). Default as the go
   * command with CGO_ENABLED unset: on when the target is this machine's own platform, off
   * when cross-compiling.
   */
  cgoEnabled?: boolean;
  /** Extra build tags, as `go build -tags`. */
  tags?: readonly string[];
  /**
   * Version of the Go toolchain that builds (`1.26`, `go1.26.2`): tags go1.1 … go1.N hold.
   * The go and toolchain lines of the main module (or go.work) raise N further, as they make
   * the go command switch to a newer toolchain. Unset, only those lines count.
   */
  goVersion?: string;
  /**
   * The GOARCH's level, as GOAMD64 (`v3`), GOARM64 (`v9.2`), GOARM (`6`), GO386, GOMIPS,
   * GOMIPS64, GOPPC64 or GORISCV64 would set it; default the go command's. Sets the tags
   * amd64.v1 … amd64.v3 and so on.
   */
  archLevel?: string;
  /** `-mod` (GOFLAGS): `vendor` forces vendor mode, `mod` and `readonly` turn it off; default as the go command decides. */
  mod?: ModFlag;
}

export interface BuildContext {
  goos: string;
  goarch: string;
  cgoEnabled: boolean;
  /** User tags and the GOARCH level tags. */
  tags: ReadonlySet<string>;
  /** N of the newest go1.N release tag the toolchain itself provides; 0 when unknown. */
  goMinor: number;
  mod?: ModFlag;
}

const RELEASE_TAG = /^go1\.([1-9][0-9]*)$/;
const HOST_OS: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
const HOST_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', mipsel: 'mipsle' };

export function buildContext(options: BuildContextOptions = {}): BuildContext {
  const goos = options.goos ?? 'linux';
  const goarch = options.goarch ?? 'amd64';
  if (!KNOWN_OS.has(goos)) throw badOption(`unknown GOOS "${goos}": use one of ${[...KNOWN_OS].join(', ')}`);
  if (!KNOWN_ARCH.has(goarch)) throw badOption(`unknown GOARCH "${goarch}": use one of ${[...KNOWN_ARCH].join(', ')}`);
  const tags = new Set<string>(archLevelTags(goarch, options.archLevel));
  for (const tag of options.tags ?? []) {
    if (!/^[\p{L}\p{Nd}_.]+$/u.test(tag)) throw badOption(`invalid build tag "${tag}": use letters, digits, _ and .`);
    tags.add(tag);
  }
  const minor = options.goVersion === undefined ? 0 : goMinorVersion(options.goVersion);
  if (minor === undefined) throw badOption(`invalid Go version "${options.goVersion}": write it as 1.N, 1.N.P or go1.N.P`);
  return {
    goos,
    goarch,
    cgoEnabled: options.cgoEnabled ?? (goos === hostGoos() && goarch === hostGoarch()),
    tags,
    goMinor: minor,
    ...(options.mod !== undefined && { mod: options.mod }),
  };
}

/**
 * Build options from environment variables as the go command reads them: GOOS, GOARCH,
 * CGO_ENABLED, the GOARCH's level variable (GOAMD64, GOARM64, …), `-tags` and `-mod` in GOFLAGS.
 */
export function buildContextOptionsFromEnv(env: NodeJS.ProcessEnv): BuildContextOptions {
  const options: BuildContextOptions = {};
  if (env['GOOS']) options.goos = env['GOOS'];
  if (env['GOARCH']) options.goarch = env['GOARCH'];
  if (env['CGO_ENABLED'] === '0' || env['CGO_ENABLED'] === '1') options.cgoEnabled = env['CGO_ENABLED'] === '1';
  const level = archLevel(options.goarch ?? 'amd64');
  if (level !== undefined && env[level.variable]) options.archLevel = env[level.variable];
  const goflags = env['GOFLAGS'] ?? '';
  const tagsFlag = /(?:^|\s)--?tags=(\S*)/.exec(goflags);
  if (tagsFlag) options.tags = tagsFlag[1]!.split(',').filter((tag) => tag !== '');
  const mod = modFlagOf(goflags.split(/\s+/));
  if (mod !== undefined) options.mod = mod;
  return options;
}

/** N of a Go version (`1.22`, `1.22.3`, `1.21rc1`, `go1.26.2`); undefined if it is not one. */
export function goMinorVersion(version: string): number | undefined {
  const match = /^(?:go)?1\.(0|[1-9][0-9]*)(?:$|[.a-z])/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/**
 * N of the newest go1.N release tag for a build whose main module (or go.work) has these go
 * and toolchain lines: the go command runs a toolchain at least that new.
 */
export function releaseMinor(context: BuildContext, lines: { goVersion?: string; toolchain?: string }): number {
  return Math.max(
    context.goMinor,
    lines.goVersion === undefined ? 0 : (goMinorVersion(lines.goVersion) ?? 0),
    lines.toolchain === undefined ? 0 : (goMinorVersion(lines.toolchain) ?? 0),
  );
}

/** go/build's matchTag for `context`, with release tags go1.1 … go1.<releaseMinor>. */
export function tagMatcher(context: BuildContext, releaseMinor: number): TagMatcher {
  const { goos, goarch, cgoEnabled, tags } = context;
  return (tag) => {
    if (tag === goos || tag === goarch || tag === 'gc') return true;
    if (tag === 'cgo' && cgoEnabled) return true;
    if (tag === 'unix' && UNIX_OS.has(goos)) return true;
    if ((tag === 'linux' && goos === 'android') || (tag === 'solaris' && goos === 'illumos') || (tag === 'darwin' && goos === 'ios')) {
      return true;
    }
    const release = RELEASE_TAG.exec(tag);
    if (release && Number(release[1]) <= releaseMinor) return true;
    // As in go/build, a user tag can switch on anything else, `cgo` and go1.N included.
    return tags.has(tag === 'boringcrypto' ? 'goexperiment.boringcrypto' : tag);
  };
}

function archLevelTags(goarch: string, value: string | undefined): string[] {
  const level = archLevel(goarch);
  if (level === undefined) {
    if (value === undefined) return [];
    throw badOption(`GOARCH ${goarch} has no level to set: remove "${value}"`);
  }
  const tags = level.tags(value ?? level.defaultValue);
  if (tags === undefined) throw badOption(`invalid ${level.variable} "${value}": use ${level.valid}`);
  return tags;
}

function hostGoos(): string {
  return HOST_OS[process.platform] ?? process.platform;
}

function hostGoarch(): string {
  const arch = HOST_ARCH[process.arch] ?? process.arch;
  return arch === 'ppc64' && os.endianness() === 'LE' ? 'ppc64le' : arch;
}

function badOption(message: string): GoScanError {
  return new GoScanError('bad-option', undefined, message);
}
