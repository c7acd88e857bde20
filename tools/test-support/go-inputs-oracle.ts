// The go command against our build inputs: for each binary of a workspace, every file that
// `go list -deps -json` says its build reads from inside the workspace (Go, cgo, assembly,
// .syso, SWIG sources and headers, embedded files) must be matched by core's input set, as
// Nx's own glob matcher (nx/src/native expandFilesInput) expands it on disk. Files matched but
// not read are extras: imprecise, not wrong. Used by the specs on fixtures and by
// tools/bench/inputs on real repositories.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { BuildInputSets, nodeFileReader, scanGoFacts, type BuildContextOptions, type GoFacts, type InputFormat } from '@go-pgo/core';

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
  /** Workspace packages go list reports for it (vendored ones included). */
  packages: number;
  /** Root-relative files its build reads from inside the workspace. */
  reads: string[];
  /** Read but not matched by the inputs: must be empty. */
  misses: string[];
  /** Matched source or embedded files the build does not read (module files aside). */
  extras: string[];
  /** Why the scanner made this binary's inputs conservative, if it did. */
  problems: string[];
}

interface GoListPackage {
  Dir?: string;
  Standard?: boolean;
  Error?: { Err: string };
  [files: string]: unknown;
}

const FILE_LISTS = ['GoFiles', 'CgoFiles', 'CFiles', 'CXXFiles', 'MFiles', 'HFiles', 'FFiles', 'SFiles', 'SwigFiles', 'SwigCXXFiles', 'SysoFiles', 'EmbedFiles'];
const MODULE_FILES = /(^|\/)(go\.mod|go\.sum|go\.work|go\.work\.sum|modules\.txt)$/;

type Entry = { glob: string; negated: boolean; untracked: boolean };
const ENTRY_FORMAT: InputFormat<Entry> = {
  tracked: (glob, negated) => ({ glob, negated, untracked: false }),
  untracked: (glob, negated) => ({ glob, negated, untracked: true }),
};

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

/** Every binary of the workspace at `root` (absolute, links resolved) for `build`. */
export function checkBuildInputs(root: string, build: OracleBuild): { facts: GoFacts; binaries: BinaryVerdict[] } {
  const { facts } = scanGoFacts(root, build, nodeFileReader);
  const sets = new BuildInputSets(facts, ENTRY_FORMAT);
  const ignored = gitIgnored(root);
  const binaries = facts.binaries.map((binary) => {
    const moduleDir = facts.modules[binary.module]!.dir;
    const reads = goListReads(root, moduleDir, binary.dir, build);
    const entries = sets.of(binary);
    const written = (entry: Entry): string => (entry.negated ? `!${entry.glob}` : entry.glob);
    const tracked = new Set(expandFilesInput(root, entries.filter((e) => !e.untracked).map(written)).filter((file) => !ignored(file)));
    const untracked = new Set(expandFilesInput(root, entries.filter((e) => e.untracked).map(written)));
    const readSet = new Set(reads.files);
    const matched = [...tracked, ...untracked];
    return {
      dir: binary.dir,
      packages: reads.packages,
      reads: reads.files,
      misses: reads.files.filter((file) => !tracked.has(file) && !untracked.has(file)),
      extras: [...new Set(matched)].filter((file) => !readSet.has(file) && !MODULE_FILES.test(file)).sort(),
      problems: binary.problems ?? [],
    };
  });
  return { facts, binaries };
}

function goListReads(root: string, moduleDir: string, binaryDir: string, build: BuildContextOptions): { packages: number; files: string[] } {
  const pkg = binaryDir === moduleDir ? '.' : `./${path.posix.relative(moduleDir, binaryDir)}`;
  const run = spawnSync('go', ['list', '-deps', '-json', pkg], { cwd: path.join(root, moduleDir), env: goEnvFor(root, build), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`go list -deps -json ${pkg} in ${moduleDir} failed: ${run.stderr}`);
  let packages = 0;
  const files = new Set<string>();
  for (const pkgInfo of parseJsonStream(run.stdout) as GoListPackage[]) {
    if (pkgInfo.Standard || pkgInfo.Dir === undefined) continue;
    const dir = realpathSync(pkgInfo.Dir);
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    packages++;
    for (const list of FILE_LISTS) {
      for (const name of (pkgInfo[list] as string[] | undefined) ?? []) files.add(rel === '' ? name : `${rel}/${name}`);
    }
  }
  return { packages, files: [...files].sort() };
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
