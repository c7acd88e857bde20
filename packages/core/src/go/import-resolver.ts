// Maps import paths to directories for the builds of one set of main modules, as the go command
// does without the network. A path belongs to a module of the build list whose path prefixes
// it; a path none provides and without a dot in its first element is the standard library:
//
// - Module mode: the workspace modules (go.work `use`, or the one main module), local
//   replacements, and the modules of the go.mod `require` lists. A package is taken from the
//   longest local module path whose directory provides it; a required module outside the
//   workspace (`example.com/x/client/v2` required by `example.com/x`, say) is external, and a
//   path only it provides is not a workspace directory.
// - Vendor mode: the main modules' own directories, then `vendor/<import path>`; replacements
//   and requirements are read from vendor/ (which holds copies of replaced modules too).
//
// With a go.work, every `use` module is a main module; replacements come from go.work and the
// modules' go.mod files (go.work wins; a go.mod replacement of a workspace module is ignored,
// as by the go command). Without go.work, only the main module and its own replacements count.
import { GoScanError } from './go-error';
import type { PackageLoader } from './go-package';
import { joinRel } from './rel-path';
import type { VendorDirectory } from './vendor-mode';
import type { GoModule, GoWorkspace, LocalReplace } from './workspace';

export interface ModuleDir {
  /** Module path. */
  path: string;
  /** Root-relative directory holding its go.mod. */
  dir: string;
  /** Set for a local replacement: where it is declared. */
  replace?: LocalReplace;
}

/** A candidate directory for an import path. */
export interface Candidate {
  /** The module it comes from: a local module, or for a vendored package the vendor directory's owner. */
  module: ModuleDir;
  dir: string;
  /** Module path of a vendored package (from vendor/modules.txt, else its import path). */
  vendoredModule?: string;
}

export type Resolution =
  /** Directories that may hold the package, best first. `external`: a module outside the workspace may provide it too. */
  | { kind: 'local'; candidates: Candidate[]; external: boolean }
  /** The standard library, or a module of the build list outside the workspace. */
  | { kind: 'external' }
  /** Nothing in the build list provides it: `go build` fails; `reason` says why. */
  | { kind: 'unresolved'; reason: string };

const EXTERNAL: Resolution = { kind: 'external' };

export class ImportResolver {
  /** Local modules, longest module path first. */
  private modules: ModuleDir[];
  /** Module paths of the build list outside the workspace. */
  private readonly external: ReadonlySet<string>;
  /** Why every resolution may be wrong (conflicting replacements, which the go command refuses). */
  readonly problems: GoScanError[] = [];
  private readonly cache = new Map<string, Resolution>();

  constructor(
    workspace: GoWorkspace,
    mainModule: GoModule,
    private readonly packages: PackageLoader,
    private readonly vendor: VendorDirectory | undefined,
    /** The module (or go.work) directory owning vendor/, as the module of vendored packages. */
    private readonly vendorOwner: ModuleDir,
  ) {
    const mains = workspace.work === undefined ? [mainModule] : workspace.modules;
    this.modules = mains.map((module) => ({ path: module.path, dir: module.dir }));
    if (vendor === undefined) {
      try {
        this.modules = workspace.work === undefined ? standaloneModules(mainModule) : workspaceModules(workspace);
      } catch (error) {
        if (!(error instanceof GoScanError)) throw error;
        this.problems.push(error);
      }
    }
    this.modules.sort((a, b) => b.path.length - a.path.length);
    const local = new Set(this.modules.map((module) => module.path));
    this.external = new Set(mains.flatMap((module) => module.requires).filter((path) => !local.has(path)));
  }

  resolve(importPath: string): Resolution {
    let found = this.cache.get(importPath);
    if (found === undefined) {
      found = this.lookUp(importPath);
      this.cache.set(importPath, found);
    }
    return found;
  }

  private lookUp(importPath: string): Resolution {
    const candidates: Candidate[] = [];
    for (const module of this.modules) {
      if (importPath !== module.path && !importPath.startsWith(`${module.path}/`)) continue;
      if (module.replace !== undefined && !this.packages.hasGoMod(module.dir)) {
        const { file, line, path } = module.replace;
        return { kind: 'unresolved', reason: `the replacement of ${path} is ${module.dir} (${file}:${line}), which has no go.mod: fix the path or create the module` };
      }
      const dir = importPath === module.path ? module.dir : joinRel(module.dir, importPath.slice(module.path.length + 1));
      if (!this.packages.inNestedModule(module.dir, dir)) candidates.push({ module, dir });
    }
    if (this.vendor !== undefined) {
      // Vendored trees overlay several modules: go.mod files inside them do not count.
      const dir = joinRel(this.vendor.dir, importPath);
      if (this.packages.entries(dir) !== undefined) candidates.push({ module: this.vendorOwner, dir, vendoredModule: this.vendor.moduleOf.get(importPath) ?? importPath });
    }
    const external = this.vendor === undefined && this.providedOutside(importPath);
    if (candidates.length > 0) return { kind: 'local', candidates, external };
    // A module path without a dot (`module myapp`) is checked first, as the go command looks in
    // GOROOT only for paths that no main module provides.
    if (external || isStandard(importPath)) return EXTERNAL;
    if (this.vendor !== undefined) {
      return { kind: 'unresolved', reason: `no main module provides it and ${this.vendor.dir} does not hold it: run go mod vendor (or go work vendor)` };
    }
    return { kind: 'unresolved', reason: 'no module of the workspace or of the go.mod require lists provides it: add the requirement (go get) or fix the import path' };
  }

  /** Whether a required module outside the workspace has a path that prefixes `importPath`. */
  private providedOutside(importPath: string): boolean {
    for (let end = importPath.length; end > 0; end = importPath.lastIndexOf('/', end - 1)) {
      if (this.external.has(importPath.slice(0, end))) return true;
    }
    return false;
  }
}

/** go's search.IsStandardImportPath: no dot in the first path element. */
function isStandard(importPath: string): boolean {
  const slash = importPath.indexOf('/');
  return !(slash < 0 ? importPath : importPath.slice(0, slash)).includes('.');
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
