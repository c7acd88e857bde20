// Maps import paths to directories for the builds of one main module, as the go command does
// without the network: a path belongs to the workspace module (or locally replaced module)
// with the longest matching module path whose directory provides the package. Anything else
// is the standard library (no dot in the first path element) or an external module: not a
// directory of the workspace, so not resolved here.
//
// With a go.work, every `use` module is a main module; replacements come from go.work and the
// modules' go.mod files (go.work wins; a go.mod replacement of a workspace module is ignored,
// as by the go command). Without go.work, only the main module and its own replacements count.
import { GoScanError } from './go-error';
import type { PackageLoader } from './go-package';
import { joinRel } from './rel-path';
import type { GoModule, GoWorkspace, LocalReplace } from './workspace';

export interface ModuleDir {
  /** Module path. */
  path: string;
  /** Root-relative directory holding its go.mod. */
  dir: string;
  /** Set for a local replacement: where it is declared. */
  replace?: LocalReplace;
}

/** A candidate directory for an import path, inside `module`. */
export interface Candidate {
  module: ModuleDir;
  dir: string;
}

export class ImportResolver {
  /** Longest module path first. */
  private readonly modules: ModuleDir[];
  private readonly cache = new Map<string, Candidate[]>();

  constructor(
    workspace: GoWorkspace,
    mainModule: GoModule,
    private readonly packages: PackageLoader,
  ) {
    this.modules = workspace.work === undefined ? standaloneModules(mainModule) : workspaceModules(workspace);
    this.modules.sort((a, b) => b.path.length - a.path.length);
  }

  /**
   * Directories that may hold the package, best first; empty for the standard library and
   * external modules. A directory inside a nested module (a go.mod between the module root
   * and it) belongs to that other module and is left out.
   */
  candidates(importPath: string): Candidate[] {
    let found = this.cache.get(importPath);
    if (found !== undefined) return found;
    found = [];
    for (const module of this.modules) {
      if (importPath !== module.path && !importPath.startsWith(`${module.path}/`)) continue;
      if (module.replace !== undefined && !this.packages.hasGoMod(module.dir)) {
        const { file, line, path } = module.replace;
        throw new GoScanError('missing-module', file, `the replacement of ${path} is ${module.dir}, which has no go.mod: fix the path or create the module`, line);
      }
      const dir = importPath === module.path ? module.dir : joinRel(module.dir, importPath.slice(module.path.length + 1));
      if (!this.packages.inNestedModule(module.dir, dir)) found.push({ module, dir });
    }
    this.cache.set(importPath, found);
    return found;
  }
}

function standaloneModules(main: GoModule): ModuleDir[] {
  const modules: ModuleDir[] = [{ path: main.path, dir: main.dir }];
  for (const replace of preferUnversioned(main.replaces)) {
    if (replace.path !== main.path) modules.push({ path: replace.path, dir: replace.dir, replace });
  }
  return modules;
}

function workspaceModules(workspace: GoWorkspace): ModuleDir[] {
  const modules: ModuleDir[] = workspace.modules.map((module) => ({ path: module.path, dir: module.dir }));
  const mainPaths = new Set(modules.map((module) => module.path));
  const replaced = new Map<string, LocalReplace>();
  for (const replace of preferUnversioned(workspace.work!.replaces)) {
    if (mainPaths.has(replace.path)) {
      if (replace.version !== undefined) continue;
      throw new GoScanError(
        'conflicting-replace',
        replace.file,
        `workspace module ${replace.path} is replaced at all versions: remove the replacement, or give the version it applies to`,
        replace.line,
      );
    }
    replaced.set(replace.path, replace);
  }
  const workReplaced = new Set(replaced.keys());
  for (const module of workspace.modules) {
    for (const replace of preferUnversioned(module.replaces)) {
      if (workReplaced.has(replace.path)) continue;
      // Checked before workspace modules are set aside: the go command refuses conflicting
      // replacements even of a module the workspace itself provides.
      const other = replaced.get(replace.path);
      if (other !== undefined && other.dir !== replace.dir && other.version === replace.version) {
        throw new GoScanError(
          'conflicting-replace',
          replace.file,
          `${replace.path} is replaced by ${replace.dir} here and by ${other.dir} in ${other.file}: add one replacement for it to go.work`,
          replace.line,
        );
      }
      if (other === undefined) replaced.set(replace.path, replace);
    }
  }
  for (const replace of replaced.values()) {
    if (!mainPaths.has(replace.path)) modules.push({ path: replace.path, dir: replace.dir, replace });
  }
  return modules;
}

/**
 * One replacement per module path: the one for all versions if there is one, else the first.
 * Which version the build selects is not known without the module graph; replacements of one
 * module by version into different local directories are rare.
 */
function preferUnversioned(replaces: LocalReplace[]): LocalReplace[] {
  const byPath = new Map<string, LocalReplace>();
  for (const replace of replaces) {
    const seen = byPath.get(replace.path);
    if (seen === undefined || (seen.version !== undefined && replace.version === undefined)) byPath.set(replace.path, replace);
  }
  return [...byPath.values()];
}
