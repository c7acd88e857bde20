// The modules and binaries of a Go workspace. With a go.work at the root, the modules are its
// `use` lines; without one, every go.mod under the root is a module built on its own. A binary
// is a directory `cmd/<name>` (at any depth inside a module) whose buildable non-test files
// declare package main. Discovery skips what `go build ./...` skips (testdata, vendor, names
// starting with . or _) plus node_modules and dist, and stops at nested modules. A go.mod that
// does not parse (or a go.work `use` without one) leaves that module out and is reported in
// `problems`; only a broken go.work stops the discovery.
import { releaseMinor } from './build-context';
import { GoScanError } from './go-error';
import { parseGoMod } from './go-mod';
import type { PackageLoader } from './go-package';
import { parseGoWork } from './go-work';
import type { GoReplace } from './mod-directives';
import { readOptionalFile, type GoFileReader } from './file-reader';
import { baseName, comparePaths, joinRel, parentRel, relativeTo, resolveRel } from './rel-path';

/** A `replace` whose target is a directory. */
export interface LocalReplace {
  /** The replaced module path. */
  path: string;
  /** Only this version is replaced; all versions when absent. */
  version?: string;
  /** The replacement directory, root-relative. */
  dir: string;
  /** The go.mod or go.work (root-relative) and line that declares it. */
  file: string;
  line: number;
}

export interface GoModule {
  /** Root-relative directory of go.mod ('.' for the root). */
  dir: string;
  path: string;
  goVersion?: string;
  toolchain?: string;
  replaces: LocalReplace[];
  /** Module paths of its `require` lines: the build list outside the workspace. */
  requires: string[];
}

export interface GoBinary {
  /** Root-relative directory, `…/cmd/<name>`. */
  dir: string;
  name: string;
  /** Path of the module it belongs to. */
  module: string;
  importPath: string;
}

export interface GoWorkFacts {
  goVersion?: string;
  toolchain?: string;
  replaces: LocalReplace[];
}

export interface GoWorkspace {
  /** Absolute path of the workspace root. */
  root: string;
  /** Present when the root holds a go.work: then the modules are exactly its `use` lines. */
  work?: GoWorkFacts;
  /** Sorted by dir. */
  modules: GoModule[];
  /** Sorted by dir. */
  binaries: GoBinary[];
  /** Modules left out because their go.mod (or go.work's `use` of them) is broken. */
  problems: GoScanError[];
}

const SKIPPED_DIRS = new Set(['node_modules', 'vendor', 'testdata', 'dist']);

/** Discovers the workspace at `root` (absolute). */
export function discoverWorkspace(root: string, reader: GoFileReader, packages: PackageLoader): GoWorkspace {
  const workText = readOptionalFile(reader, root, 'go.work');
  const modules: GoModule[] = [];
  const binaries: GoBinary[] = [];
  const problems: GoScanError[] = [];
  let work: GoWorkFacts | undefined;
  /** The module in `dir`, or undefined (reported) when its go.mod is missing or broken. */
  const moduleAt = (dir: string, missing: () => GoScanError): GoModule | undefined => {
    try {
      const module = readModule(reader, root, dir);
      if (module === undefined) problems.push(missing());
      return module;
    } catch (error) {
      if (!(error instanceof GoScanError)) throw error;
      problems.push(error);
      return undefined;
    }
  };

  // `nested` decides what a go.mod below a module's root means: a module of its own, a tree
  // outside the workspace ('skip'), or a broken module whose subtree may hold other modules.
  const visit = (dir: string, module: GoModule | undefined, nested: (dir: string) => GoModule | 'skip' | 'broken'): void => {
    if (dir !== module?.dir && packages.hasGoMod(dir)) {
      const found = nested(dir);
      if (found === 'skip') return;
      module = found === 'broken' ? undefined : found;
    }
    // A module may itself be rooted at cmd/<name>.
    if (module !== undefined && baseName(parentRel(dir)) === 'cmd') {
      const load = packages.load(dir, releaseMinor(packages.context, work ?? module));
      if (load.kind === 'package' && load.pkg.name === 'main') {
        binaries.push({ dir, name: baseName(dir), module: module.path, importPath: packageImportPath(module, dir) });
      }
    }
    for (const entry of packages.entries(dir) ?? []) {
      const name = entry.name;
      // Links to directories are not followed, as in `go build ./...`.
      if (entry.kind !== 'dir' || name[0] === '.' || name[0] === '_' || SKIPPED_DIRS.has(name)) continue;
      visit(joinRel(dir, name), module, nested);
    }
  };

  if (workText !== undefined) {
    const parsed = parseGoWork(workText, 'go.work');
    work = {
      ...(parsed.goVersion !== undefined && { goVersion: parsed.goVersion }),
      ...(parsed.toolchain !== undefined && { toolchain: parsed.toolchain }),
      replaces: localReplaces(root, '.', 'go.work', parsed.replaces),
    };
    const byPath = new Map<string, GoModule>();
    for (const use of parsed.uses) {
      const dir = resolveRel(root, '.', use.dir);
      const module = moduleAt(
        dir,
        () => new GoScanError('missing-module', 'go.work', `"use ${use.dir}": ${dir} has no go.mod: create it (go mod init) or remove the line`, use.line),
      );
      if (module === undefined) continue;
      const other = byPath.get(module.path);
      if (other !== undefined) {
        problems.push(new GoScanError('syntax', 'go.work', `module ${module.path} appears twice in the workspace (${other.dir} and ${dir}): keep one "use" line`, use.line));
        continue;
      }
      byPath.set(module.path, module);
      modules.push(module);
    }
    for (const module of modules) visit(module.dir, module, () => 'skip');
  } else {
    visit('.', undefined, (dir) => {
      const module = moduleAt(dir, () => new GoScanError('read', joinRel(dir, 'go.mod'), 'not a readable file (a broken link?): fix or remove it'));
      if (module === undefined) return 'broken';
      modules.push(module);
      return module;
    });
  }

  modules.sort((a, b) => comparePaths(a.dir, b.dir));
  binaries.sort((a, b) => comparePaths(a.dir, b.dir));
  return { root, ...(work !== undefined && { work }), modules, binaries, problems };
}

/** The import path of the package in `dir`, inside `module`. */
export function packageImportPath(module: GoModule, dir: string): string {
  return dir === module.dir ? module.path : `${module.path}/${relativeTo(module.dir, dir)}`;
}

function readModule(reader: GoFileReader, root: string, dir: string): GoModule | undefined {
  const file = joinRel(dir, 'go.mod');
  const text = readOptionalFile(reader, root, file);
  if (text === undefined) return undefined;
  const parsed = parseGoMod(text, file);
  return {
    dir,
    path: parsed.module,
    ...(parsed.goVersion !== undefined && { goVersion: parsed.goVersion }),
    ...(parsed.toolchain !== undefined && { toolchain: parsed.toolchain }),
    replaces: localReplaces(root, dir, file, parsed.replaces),
    requires: parsed.requires.map((require) => require.path),
  };
}

function localReplaces(root: string, baseDir: string, file: string, replaces: GoReplace[]): LocalReplace[] {
  return replaces
    .filter((replace) => replace.local)
    .map((replace) => ({
      path: replace.path,
      ...(replace.version !== undefined && { version: replace.version }),
      dir: resolveRel(root, baseDir, replace.newPath),
      file,
      line: replace.line,
    }));
}
