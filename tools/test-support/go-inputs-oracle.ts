// The go command against the plugin's build inputs: for each binary project the Nx plugin
// infers, every file that `go list -deps -json` says its build reads from inside the workspace
// (Go, cgo, assembly, .syso and SWIG sources and headers, embedded files) must be matched by
// the pgo-build target's inputs, expanded as Nx expands them: its own glob matcher
// (nx/src/native expandFilesInput) over the files its index holds (.gitignore'd files left
// out), or over the disk for includeIgnored filesets. Files matched but not read are extras:
// imprecise, not wrong. Used by the plugin's specs on fixtures and by tools/bench/inputs on
// real repositories.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildContextOptions } from '@go-pgo/core';
import { createNodesV2 } from '@go-pgo/nx';

/** Nx's glob expansion from disk (the matcher of includeIgnored filesets); workspace-relative globs, `!` excludes. */
type ExpandFilesInput = (workspaceRoot: string, globs: string[], projectRoots?: string[] | null) => string[];
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Nx's native binding has no typed entry.
const { expandFilesInput } = require('nx/src/native') as { expandFilesInput: ExpandFilesInput };

export interface OracleBuild extends BuildContextOptions {
  /** Shown in reports, e.g. linux/amd64. */
  label: string;
}

export interface BinaryVerdict {
  dir: string;
  /** Root-relative directories of the workspace packages go list reports for it (vendored ones included), sorted. */
  packages: string[];
  /** Root-relative files its build reads from inside the workspace. */
  reads: string[];
  /** Read but not matched by the inputs: must be empty. */
  misses: string[];
  /** Matched source or embedded files the build does not read (module files aside). */
  extras: string[];
  /** Whether the plugin made this binary's inputs every file of its module (a closure it could not work out). */
  conservative: boolean;
  /** Packages outside the workspace that go list could not load (a module the proxy does not serve). */
  unloaded: number;
}

interface GoListPackage {
  Dir?: string;
  Standard?: boolean;
  Error?: { Err: string };
  [files: string]: unknown;
}

type TargetInput = string | { fileset?: string; includeIgnored?: boolean };

const FILE_LISTS = ['GoFiles', 'CgoFiles', 'CFiles', 'CXXFiles', 'MFiles', 'HFiles', 'FFiles', 'SFiles', 'SwigFiles', 'SwigCXXFiles', 'SysoFiles', 'EmbedFiles'];
const MODULE_FILES = /(^|\/)(go\.mod|go\.sum|go\.work|go\.work\.sum|modules\.txt)$/;
const WORKSPACE_ROOT = '{workspaceRoot}/';

/** The go command's environment for `build`. */
export function goEnvFor(root: string, build: BuildContextOptions): NodeJS.ProcessEnv {
  const flags = [...(build.tags?.length ? [`-tags=${build.tags.join(',')}`] : []), ...(build.mod !== undefined ? [`-mod=${build.mod}`] : [])];
  return {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOOS: build.goos ?? 'linux',
    GOARCH: build.goarch ?? 'amd64',
    CGO_ENABLED: build.cgoEnabled === undefined ? '' : build.cgoEnabled ? '1' : '0',
    GOFLAGS: flags.join(' '),
    GOWORK: existsSync(path.join(root, 'go.work')) ? path.join(root, 'go.work') : 'off',
  };
}

export interface PluginBinary {
  dir: string;
  moduleDir: string;
  inputs: TargetInput[];
}

/**
 * The binary projects and pgo-build inputs @go-pgo/nx infers for `root` (absolute, links
 * resolved) in the environment of `build`, from the go.mod and go.work files Nx would hand it.
 * Its graph cache goes to `dataDir` when given (kept, so that a later call is warm), else to a
 * temporary directory removed after the call; never into the workspace.
 */
export async function pluginBinaries(root: string, build: BuildContextOptions, dataDir?: string): Promise<PluginBinary[]> {
  const ignored = gitIgnored(root);
  const configFiles = expandFilesInput(root, ['**/go.mod', '**/go.work']).filter((file) => !ignored(file) && !file.split('/').includes('node_modules'));
  const saved = { ...process.env };
  const data = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'go-pgo-oracle-data-'));
  const env = goEnvFor(root, build);
  Object.assign(process.env, { GOOS: env['GOOS'], GOARCH: env['GOARCH'], CGO_ENABLED: env['CGO_ENABLED'], GOFLAGS: env['GOFLAGS'], NX_WORKSPACE_DATA_DIRECTORY: data });
  try {
    const results = await createNodesV2[1](configFiles, undefined, { workspaceRoot: root, nxJsonConfiguration: {} });
    return results.flatMap(([, result]) =>
      Object.entries(result.projects ?? {}).flatMap(([projectRoot, project]) => {
        const build = project.targets?.['pgo-build'];
        if (build === undefined) return [];
        // pgo-build names the project's named input (goBuild): expanded, as Nx expands it.
        const named = project.namedInputs ?? {};
        const inputs = (build.inputs ?? []).flatMap((input) => (typeof input === 'string' && named[input] !== undefined ? named[input] : [input]));
        return [{ dir: projectRoot, moduleDir: (build.options as { moduleRoot: string }).moduleRoot, inputs: inputs as TargetInput[] }];
      }),
    );
  } finally {
    process.env = saved;
    if (dataDir === undefined) rmSync(data, { recursive: true, force: true });
  }
}

/** Every binary of the workspace at `root` (absolute, links resolved) for `build`. */
export async function checkBuildInputs(root: string, build: OracleBuild): Promise<BinaryVerdict[]> {
  const ignored = gitIgnored(root);
  const binaries = await pluginBinaries(root, build);
  return binaries.map((binary) => {
    const reads = goListReads(root, binary.moduleDir, binary.dir, build);
    const { indexed, disk } = nxFilesets(binary.inputs);
    const tracked = new Set(expandFilesInput(root, indexed).filter((file) => !ignored(file)));
    const untracked = new Set(disk.length > 0 ? expandFilesInput(root, disk) : []);
    const readSet = new Set(reads.files);
    return {
      dir: binary.dir,
      packages: reads.packages,
      reads: reads.files,
      misses: reads.files.filter((file) => !tracked.has(file) && !untracked.has(file)),
      extras: [...new Set([...tracked, ...untracked])].filter((file) => !readSet.has(file) && !MODULE_FILES.test(file)).sort(),
      conservative: indexed.includes(`${binary.moduleDir === '.' ? '' : `${binary.moduleDir}/`}**`),
      unloaded: reads.unloaded,
    };
  });
}

/** A target's file inputs as workspace-relative globs: those Nx matches against its index, and the includeIgnored ones it reads from disk. */
function nxFilesets(inputs: TargetInput[]): { indexed: string[]; disk: string[] } {
  const indexed: string[] = [];
  const disk: string[] = [];
  const relative = (glob: string): string | undefined => {
    const negated = glob.startsWith('!');
    const body = negated ? glob.slice(1) : glob;
    if (!body.startsWith(WORKSPACE_ROOT)) return undefined;
    return `${negated ? '!' : ''}${body.slice(WORKSPACE_ROOT.length)}`;
  };
  for (const input of inputs) {
    const glob = typeof input === 'string' ? input : input.fileset;
    const rel = glob === undefined ? undefined : relative(glob);
    if (rel === undefined) continue;
    (typeof input !== 'string' && input.includeIgnored ? disk : indexed).push(rel);
  }
  return { indexed, disk };
}

function goListReads(root: string, moduleDir: string, binaryDir: string, build: BuildContextOptions): { packages: string[]; files: string[]; unloaded: number } {
  const pkg = binaryDir === moduleDir ? '.' : `./${path.posix.relative(moduleDir, binaryDir)}`;
  // -e: a dependency the module proxy here cannot serve still lists every workspace package with
  // its files (which do not depend on it); such packages are counted, not hidden.
  const run = spawnSync('go', ['list', '-e', '-deps', '-json', pkg], { cwd: path.join(root, moduleDir), env: goEnvFor(root, build), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`go list -deps -json ${pkg} in ${moduleDir} failed: ${run.stderr}`);
  const packages: string[] = [];
  const files = new Set<string>();
  let unloaded = 0;
  for (const pkgInfo of parseJsonStream(run.stdout) as GoListPackage[]) {
    if (pkgInfo.Error !== undefined && (pkgInfo.Dir === undefined || !inside(root, pkgInfo.Dir))) unloaded++;
    if (pkgInfo.Error !== undefined && pkgInfo.Dir !== undefined && inside(root, pkgInfo.Dir)) {
      throw new Error(`go list reports an error for the workspace package in ${pkgInfo.Dir}: ${pkgInfo.Error.Err}`);
    }
    if (pkgInfo.Standard || pkgInfo.Dir === undefined) continue;
    const dir = realpathSync(pkgInfo.Dir);
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    packages.push(rel === '' ? '.' : rel);
    for (const list of FILE_LISTS) {
      for (const name of (pkgInfo[list] as string[] | undefined) ?? []) files.add(rel === '' ? name : `${rel}/${name}`);
    }
  }
  return { packages: packages.sort(), files: [...files].sort(), unloaded };
}

function inside(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** go list -json prints one JSON object after another. */
function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) {
      values.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return values;
}

/**
 * Whether .gitignore covers a root-relative file, tracked or not: Nx's file map (what tracked
 * globs match against) leaves such files out. Never, outside a git work tree.
 */
function gitIgnored(root: string): (file: string) => boolean {
  const list = (which: string): string[] => {
    const run = spawnSync('git', ['ls-files', which, '--ignored', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    return run.status === 0 ? run.stdout.split('\0').filter((file) => file !== '') : [];
  };
  const ignored = new Set([...list('--others'), ...list('--cached')]);
  return (file) => ignored.has(file);
}
