// The facts behind the graph, cached in Nx's workspace data directory (and in memory, for a
// daemon's plugin worker that answers many times). An entry holds the facts and the record of
// every file-system answer they came from; it is reused while those answers still hold, which
// costs stats and re-reads only what changed (see read-records.ts). Go facts and project facts
// (pgo.yaml, profiles, project files) are checked apart: adding a profile does not rescan Go,
// and an edited Go source re-reads no pgo.yaml while the binaries and modules stay the same.
// An edited Go source whose header is still the one the scan stored keeps the Go facts as they
// are (header-cache.ts): a function body or a comment costs that file's read, not a rescan.
// Without errors, a changed entry is written back atomically before the call returns.
import { hash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';
import { buildContext, type BuildContextOptions } from '@go-pgo/core/graph';
import { readCacheFile, writeCacheFile } from './cache-file';
import { buildOptionsFor } from './build-environment';
import { scanGoFacts, scannerSees, type GoFacts } from '@go-pgo/core/graph';
import type { PluginOptions } from './options';
import { scanProjectFacts, type ProjectFacts } from './project-facts';
import { isIgnoreFile, nxIgnoredFiles } from './git-ignored';
import { editsKeepHeaders, hasHeader, headersFile, storedHeaderCache, storeHeaders } from './header-cache';
import { RecordingReader, revalidate, type DirStats, type ReadRecords, type Revalidation } from './read-records';

/** Bumped whenever the entry's shape or the meaning of its facts changes. */
const FORMAT = 7;

interface CacheEntry {
  format: number;
  /** Everything besides file contents that the facts depend on. */
  key: string;
  /**
   * `ignoreRecords`: the listings and ignore files that decided which packages Nx ignores files of, seen through isIgnoreFile.
   * `scan`: names the scan, whose headers are stored beside (header-cache.ts).
   */
  go: { records: ReadRecords; ignoreRecords: ReadRecords; facts: GoFacts; scan: string };
  /** `subject`: which binaries and modules the project facts were read for (projectSubject). */
  projects: { records: ReadRecords; facts: ProjectFacts; subject: string };
}

export interface WorkspaceFacts {
  go: GoFacts;
  projects: ProjectFacts;
  /** The cache file of these facts: other caches of this workspace and build go beside it. */
  file: string;
  /** Problems of the plugin's own configuration (nx.json) or of another plugin's files: the graph reports them. */
  errors: [file: string, error: Error][];
  /**
   * Problems confined to one binary or module, which the graph only warns about: a module whose
   * go.mod is broken (left out), an import that resolves nowhere (that binary's inputs are
   * conservative), a pgo.yaml that does not validate (that binary's targets fail when run).
   */
  warnings: string[];
}

const inMemory = new Map<string, CacheEntry>();
/** The facts each cache file's last workspaceFacts call returned, errors included. */
const latest = new Map<string, WorkspaceFacts>();

/**
 * The facts of the workspace at `root` (absolute) for the build that `env` and the options
 * describe. Throws GoScanError when go.work, a go.mod or the build options are broken.
 */
export async function workspaceFacts(root: string, options: PluginOptions, env: NodeJS.ProcessEnv = process.env): Promise<WorkspaceFacts> {
  const { key, file, buildOptions } = cacheSlot(root, options, env);
  const facts = await currentFacts(root, options, key, file, buildOptions);
  latest.set(file, facts);
  return facts;
}

/**
 * The facts the last workspaceFacts call of this process returned for the same workspace and
 * build, else workspaceFacts'. For createDependencies, which Nx calls right after createNodes
 * in the same graph computation: its dependencies then match the projects createNodes made,
 * and the files are not checked twice. (Any file change makes Nx compute the graph again,
 * createNodes first.)
 */
export async function graphFacts(root: string, options: PluginOptions, env: NodeJS.ProcessEnv = process.env): Promise<WorkspaceFacts> {
  return latest.get(cacheSlot(root, options, env).file) ?? workspaceFacts(root, options, env);
}

/** The cache key (everything besides file contents that the facts depend on) and file. */
function cacheSlot(root: string, options: PluginOptions, env: NodeJS.ProcessEnv): { key: string; file: string; buildOptions: BuildContextOptions } {
  const buildOptions = buildOptionsFor(env, options.tags);
  const context = buildContext(buildOptions);
  const key = JSON.stringify({
    root,
    goos: context.goos,
    goarch: context.goarch,
    cgo: context.cgoEnabled,
    tags: [...context.tags].sort(),
    goMinor: context.goMinor,
    profile: options.profile,
    defaults: options.defaults ?? null,
  });
  const file = path.join(workspaceDataDirectoryForWorkspace(root), 'go-pgo', `graph-${hash('sha1', key, 'hex').slice(0, 16)}.json`);
  return { key, file, buildOptions };
}

async function currentFacts(root: string, options: PluginOptions, key: string, file: string, buildOptions: BuildContextOptions): Promise<WorkspaceFacts> {
  let cached = inMemory.get(file) ?? readCacheFile<CacheEntry>(file);
  if (cached?.format !== FORMAT || cached.key !== key) cached = undefined;

  const errors: [string, Error][] = [];
  /** Problems of a Go scan that are not in its facts: such an entry is not kept, so they are found again. */
  const goErrors: string[] = [];
  let changed = false;
  let go = cached?.go;
  let goReader: RecordingReader | undefined;
  const dirStats: DirStats = new Map();
  const goCheck = go && mergeChecks(revalidate(go.records, scannerSees, dirStats, hasHeader), () => revalidate(go!.ignoreRecords, isIgnoreFile, dirStats));
  if (goCheck?.valid) {
    changed = goCheck.refreshed;
  } else if (goCheck?.edited !== undefined && editsKeepHeaders(headersFile(file), go!.scan, root, go!.records, goCheck.edited)) {
    changed = true;
  } else {
    goReader = new RecordingReader(scannerSees);
    // Its own records: a listing seen for ignore files only is not invalidated by a new .nx/ at the root.
    const ignoreReader = new RecordingReader(isIgnoreFile, goReader);
    const headers = headersFile(file);
    const headerCache = cached === undefined ? undefined : storedHeaderCache(headers, goReader);
    const scan = scanGoFacts(root, { ...buildOptions, isIgnored: nxIgnoredFiles(root, ignoreReader), ...(headerCache && { headerCache }) }, goReader);
    goErrors.push(...scan.errors.map(([, error]) => error.message));
    go = { records: goReader.records, ignoreRecords: ignoreReader.records, facts: scan.facts, scan: randomUUID() };
    await storeHeaders(headers, go.scan, root, scan.headers, goReader.records);
    changed = true;
  }
  // Project facts are read per binary and module: while those are the same, their records decide.
  const subject = projectSubject(go!.facts);
  let projects = cached?.projects.subject === subject ? cached.projects : undefined;
  const projectsCheck = projects && revalidate(projects.records, undefined, dirStats);
  if (projectsCheck?.valid) {
    changed ||= projectsCheck.refreshed;
  } else {
    // Reuses the listings of the Go scan just made, if any: the binary directories are among them.
    const reader = new RecordingReader(undefined, goReader);
    const scan = scanProjectFacts(go!.facts, root, options, reader);
    errors.push(...scan.errors);
    projects = { records: reader.records, facts: scan.facts, subject };
  }

  const entry: CacheEntry = { format: FORMAT, key, go: go!, projects: projects! };
  changed ||= go !== cached?.go || projects !== cached?.projects;
  // Entries with errors are not kept: the files at fault are read again until they are fixed.
  const kept = errors.length === 0 && goErrors.length === 0;
  if (!kept) {
    inMemory.delete(file);
  } else {
    inMemory.set(file, entry);
    if (changed) await writeCacheFile(file, JSON.stringify(entry), 'the Go graph cache', 'the next graph will rescan the Go sources');
  }
  return {
    go: entry.go.facts,
    projects: entry.projects.facts,
    file,
    errors,
    warnings: [...goErrors, ...factWarnings(entry.go.facts, entry.projects.facts)],
  };
}

/** The problems the facts themselves record (a cached entry keeps them, and so warns again). */
function factWarnings(go: GoFacts, projects: ProjectFacts): string[] {
  const warnings: string[] = [];
  go.binaries.forEach((binary, i) => {
    for (const problem of binary.problems ?? []) {
      warnings.push(`${problem} (${binary.dir}: its pgo-build inputs are every file of its module until this is fixed)`);
    }
    const configError = projects.profiles[i]?.configError;
    if (configError !== undefined) warnings.push(`${configError} (${binary.dir}: its PGO targets fail until this is fixed)`);
  });
  return warnings;
}

/** Both hold; the second is checked only if the first holds but for its edited files, which it keeps. */
function mergeChecks(first: Revalidation, second: () => Revalidation): Revalidation {
  if (!first.valid && first.edited === undefined) return first;
  const then = second();
  if (!then.valid) return then;
  return { ...first, refreshed: first.refreshed || then.refreshed };
}

/** The binaries and workspace modules whose project facts are read (project-facts.ts). */
function projectSubject(go: GoFacts): string {
  const dirs = [...go.binaries.map((b) => b.dir), '\0', ...go.modules.filter((m) => m.workspace).map((m) => m.dir)];
  return hash('sha1', dirs.join('\n'), 'hex');
}
