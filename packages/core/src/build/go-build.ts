// pgo-build: `go build -trimpath -pgo=<abs profile> -o <out> ./<pkg>` in the binary's module,
// then a report next to the binary. Everything that can be known wrong before go runs (bad
// options, a configured profile that is missing or unusable) fails before go runs.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { locateProfile } from '../config/resolve-profile';
import { workspaceRelative } from '../config/workspace-path';
import { PgoBuildError } from './build-error';
import { writeBuildReport, type BuildReport } from './build-report';
import { checkProfileForPgo } from './check-profile';
import { fileSha256 } from './file-sha256';
import { GoCommandError, runGo } from './go-command';
import { readGoTarget } from './go-env';
import { binaryFile, buildReportFile } from './output-paths';

export interface BuildLog {
  /** One line of go-pgo's own, without its newline. */
  info(line: string): void;
  /** go's own output, chunk by chunk as it comes. */
  output(chunk: string): void;
}

export interface GoBuildOptions {
  workspaceRoot: string;
  /** The directory of the binary's go.mod: absolute, or relative to the workspace root. */
  moduleRoot: string;
  /** The binary's package relative to the module root, e.g. ./cmd/api. */
  pkg: string;
  /** Absolute, or relative to the workspace root; `.exe` is added when GOOS is windows. */
  outputPath: string;
  /**
   * An explicit profile (absolute, or relative to the workspace root). Without it, pgo.yaml's
   * `profile:` and then `<binary dir>/default.pgo` are used.
   */
  profile?: string;
  /** 'off' builds the -pgo=off baseline. */
  pgo: 'auto' | 'off';
  ldflags?: string;
  tags?: string[];
  goos?: string;
  goarch?: string;
  /** More `go build` flags, e.g. ['-race']; -o and -pgo are refused. */
  extraFlags?: string[];
  /** Variables set on top of this process's environment for go. */
  env?: NodeJS.ProcessEnv;
  log: BuildLog;
}

export interface GoBuildResult {
  /** Absolute. */
  binary: string;
  /** Absolute. */
  reportFile: string;
  report: BuildReport;
}

export async function goBuild(options: GoBuildOptions): Promise<GoBuildResult> {
  const workspaceRoot = path.resolve(options.workspaceRoot);
  const shown = (file: string): string => workspaceRelative(workspaceRoot, file);
  const moduleRoot = path.resolve(workspaceRoot, options.moduleRoot);
  if (!(await stat(path.join(moduleRoot, 'go.mod')).then((s) => s.isFile(), () => false))) {
    throw new PgoBuildError('bad-option', `the module root ${shown(moduleRoot)} has no go.mod: give the directory of the binary's go.mod`);
  }
  const pkg = packageArgument(options.pkg, shown(moduleRoot));
  const extraFlags = options.extraFlags ?? [];
  refuseReservedFlags(extraFlags);
  const binaryDir = path.resolve(moduleRoot, pkg);

  const profile = options.pgo === 'off' ? undefined : await chooseProfile(options, workspaceRoot, binaryDir);

  const run = { cwd: moduleRoot, env: targetEnv(options) };
  const target = await readGoTarget(run);
  const outputPath = path.resolve(workspaceRoot, options.outputPath);
  const binary = binaryFile(outputPath, target.goos);
  const args = [
    'build',
    '-trimpath',
    `-pgo=${profile ?? 'off'}`,
    ...(options.tags?.length ? [`-tags=${options.tags.join(',')}`] : []),
    ...(options.ldflags ? [`-ldflags=${options.ldflags}`] : []),
    ...extraFlags,
    '-o',
    binary,
    pkg,
  ];
  await mkdir(path.dirname(binary), { recursive: true });
  const started = performance.now();
  try {
    await runGo(args, { ...run, onOutput: (chunk) => options.log.output(chunk) });
  } catch (error) {
    if (error instanceof GoCommandError && error.code === 'go-failed') {
      throw new PgoBuildError('go-build-failed', `${shown(binaryDir)}: ${error.message} (go's full output is above)`, { cause: error });
    }
    throw error;
  }
  const buildSeconds = Math.round(performance.now() - started) / 1000;

  const [binarySha256, { size }, profileSha256] = await Promise.all([
    fileSha256(binary),
    stat(binary),
    profile === undefined ? null : fileSha256(profile),
  ]);
  const report: BuildReport = {
    binary: shown(binary),
    binarySize: size,
    binarySha256,
    buildSeconds,
    goVersion: target.goVersion,
    goos: target.goos,
    goarch: target.goarch,
    pgo: profile === undefined ? 'off' : 'on',
    profile: profile === undefined ? null : shown(profile),
    profileSha256,
    command: ['go', ...args],
    cwd: shown(moduleRoot),
  };
  const reportFile = buildReportFile(outputPath);
  await writeBuildReport(reportFile, report);
  return { binary, reportFile, report };
}

/** The absolute profile to build with, or undefined to build without PGO (said in one line). */
async function chooseProfile(options: GoBuildOptions, workspaceRoot: string, binaryDir: string): Promise<string | undefined> {
  const location = await locateProfile({ workspaceRoot, binaryDir, profile: options.profile });
  if (!location.configured && !location.exists) {
    const looked = workspaceRelative(workspaceRoot, location.path);
    options.log.info(
      `${workspaceRelative(workspaceRoot, binaryDir)}: no profile (looked for ${looked}; no pgo.yaml names another): building without PGO (-pgo=off)`,
    );
    return undefined;
  }
  await checkProfileForPgo(location, workspaceRoot);
  return location.path;
}

/** `./cmd/api` for the package path as given; a path leaving the module is refused. */
function packageArgument(pkg: string, moduleShown: string): string {
  const normalized = path.posix.normalize(pkg.replace(/\\/g, '/'));
  if (pkg.trim() === '' || path.posix.isAbsolute(normalized) || path.win32.isAbsolute(pkg) || normalized === '..' || normalized.startsWith('../')) {
    throw new PgoBuildError(
      'bad-option',
      `the package "${pkg}" must be a directory inside the module ${moduleShown}, relative to it, e.g. ./cmd/api`,
    );
  }
  // A bare `cmd/api` would be read by go as an import path, not a directory.
  return normalized === '.' ? '.' : `./${normalized}`;
}

const RESERVED_FLAG = /^--?(o|pgo)(=|$)/;

function refuseReservedFlags(flags: string[]): void {
  for (const flag of flags) {
    const reserved = RESERVED_FLAG.exec(flag)?.[1];
    if (reserved === undefined) continue;
    const instead = reserved === 'o' ? 'set the output path instead' : 'set the profile, or build with PGO off, instead';
    throw new PgoBuildError('bad-option', `the extra go build flag "${flag}" is managed by pgo-build: ${instead}`);
  }
}

function targetEnv(options: GoBuildOptions): NodeJS.ProcessEnv {
  return {
    ...options.env,
    ...(options.goos ? { GOOS: options.goos } : {}),
    ...(options.goarch ? { GOARCH: options.goarch } : {}),
  };
}
