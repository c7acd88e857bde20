// What a build graph needs to know about the Go side of a workspace, in a compact form that
// can go to a cache as it is: the modules, the binaries, and each binary's import closure as
// indices into one table of packages (closures share most of their packages), with what the
// build reads in each package. Both the Nx plugin and `go-pgo turbo init` derive their inputs
// from it (src/inputs/).
import type { ClosurePackage } from './closure';
import type { DirEntry, GoFileReader } from './file-reader';
import type { GoFileHeader } from './file-header';
import { GoScanError } from './go-error';
import { isWithin } from './rel-path';
import { GoWorkspaceScanner, type GoScannerOptions } from './scanner';
import { goSourceKind } from './source-files';
import type { GoWorkspace } from './workspace';

export interface FactModule {
  /** Root-relative directory of its go.mod ('.' for the root, `../…` outside it). */
  dir: string;
  /** Module path; '' for a go.work directory that owns a vendor/ but is no module itself. */
  path: string;
  /** A module of the workspace (go.work `use`, or any go.mod without go.work), not only a replacement target. */
  workspace: boolean;
}

export interface FactPackage {
  dir: string;
  /** Index in GoFacts.modules: the module whose go.mod governs the package (a vendored package: the vendor directory's owner). */
  module: number;
  /** Base names of source files in `dir` that the build leaves out (build constraints, _ and . names); absent when none. */
  excluded?: string[];
  /** //go:embed patterns as written (relative to `dir`); absent when none. */
  embeds?: string[];
  /** Some file the build reads here is one the tool ignores (.gitignore): its globs must read the disk. */
  ignored?: true;
}

export interface FactBinary {
  /** Root-relative `…/cmd/<name>`. */
  dir: string;
  /** The `<name>` of cmd/<name>. */
  name: string;
  importPath: string;
  /** Index in GoFacts.modules. */
  module: number;
  /** Root-relative .go files of the binary's own package that the build uses, sorted. */
  files: string[];
  /** Indices in GoFacts.packages, the binary's own package included, sorted by directory. */
  closure: number[];
  /** Root-relative vendor/modules.txt when the build reads its dependencies from vendor/. */
  modulesTxt?: string;
  /**
   * Why the closure is known only in part (an import that resolves nowhere, a file the scanner
   * cannot read), one message each naming the file and line; absent when exact.
   */
  problems?: string[];
}

export interface GoFacts {
  /** Whether a go.work at the root makes one workspace of the modules. */
  work: boolean;
  modules: FactModule[];
  packages: FactPackage[];
  /** Sorted by directory. */
  binaries: FactBinary[];
}

export interface GoFactsScan {
  facts: GoFacts;
  /** What the scan read of each source file (root-relative), for a later scan's headerCache. */
  headers: ReadonlyMap<string, GoFileHeader>;
  /** Modules left out (a broken go.mod, a go.work `use` without one): the file at fault and why. */
  errors: [file: string, error: GoScanError][];
}

/**
 * The directory entries the scanner acts on: directories to descend into, go.mod, and source
 * files. A cache that records listings through this filter is not invalidated by a new
 * default.pgo or README.
 */
export function scannerSees(entry: DirEntry): boolean {
  return entry.kind === 'dir' || entry.name === 'go.mod' || goSourceKind(entry.name) !== undefined;
}

export interface GoFactsOptions extends GoScannerOptions {
  /** Whether the consumer's file index leaves out a root-relative file (Nx: .gitignore, .nxignore). */
  isIgnored?: (file: string) => boolean;
}

/**
 * Scans the workspace at `root` (absolute) for the build `options` through `reader`. A broken
 * go.work fails the whole scan (GoScanError); a broken go.mod leaves its module out; a closure
 * with problems keeps its binary, with the problems recorded.
 */
export function scanGoFacts(root: string, options: GoFactsOptions, reader: GoFileReader): GoFactsScan {
  const { isIgnored, ...scannerOptions } = options;
  const scanner = new GoWorkspaceScanner(root, { ...scannerOptions, reader });
  const workspace = scanner.workspace();
  const modules = new ModuleTable(workspace);
  const packages: FactPackage[] = [];
  const packageIndex = new Map<string, number>();
  const binaries: FactBinary[] = [];

  for (const binary of workspace.binaries) {
    const { packages: closurePackages, problems } = scanner.closure(binary.dir);
    const closure: number[] = [];
    for (const pkg of closurePackages) {
      let index = packageIndex.get(pkg.dir);
      if (index === undefined) {
        index = packages.push(factPackage(pkg, modules.indexOf(pkg), isIgnored)) - 1;
        packageIndex.set(pkg.dir, index);
      }
      closure.push(index);
    }
    const own = closurePackages.find((pkg) => pkg.dir === binary.dir)!;
    const modulesTxt = scanner.vendorDirectory(binary.dir)?.modulesTxt;
    binaries.push({
      dir: binary.dir,
      name: binary.name,
      importPath: binary.importPath,
      module: modules.indexOf(own),
      files: [...own.files],
      closure,
      ...(modulesTxt !== undefined && { modulesTxt }),
      ...(problems.length > 0 && { problems: [...new Set(problems.map((problem) => problem.message))] }),
    });
  }
  return {
    facts: { work: workspace.work !== undefined, modules: modules.list, packages, binaries },
    headers: scanner.fileHeaders(),
    errors: workspace.problems.map((error) => [error.file ?? 'go.work', error]),
  };
}

function factPackage(pkg: ClosurePackage, module: number, isIgnored: ((file: string) => boolean) | undefined): FactPackage {
  const ignored = isIgnored !== undefined && (pkg.files.some(isIgnored) || pkg.otherFiles.some(isIgnored));
  return {
    dir: pkg.dir,
    module,
    ...(pkg.excluded.length > 0 && { excluded: [...pkg.excluded] }),
    ...(pkg.embeds.length > 0 && { embeds: [...new Set(pkg.embeds.map((embed) => embed.pattern))] }),
    ...(ignored && { ignored: true as const }),
  };
}

/** The workspace modules, then the module directories closures reach besides them (local replacements, a go.work's vendor/ owner). */
class ModuleTable {
  readonly list: FactModule[];
  private readonly byDir = new Map<string, number>();

  constructor(workspace: GoWorkspace) {
    this.list = workspace.modules.map((m) => ({ dir: m.dir, path: m.path, workspace: true }));
    this.list.forEach((m, i) => this.byDir.set(m.dir, i));
  }

  indexOf(pkg: Pick<ClosurePackage, 'dir' | 'module' | 'moduleDir' | 'vendored'>): number {
    let index = this.byDir.get(pkg.moduleDir);
    if (index === undefined) {
      if (!isWithin(pkg.moduleDir, pkg.dir)) throw new Error(`internal error: the module directory ${pkg.moduleDir} does not hold ${pkg.dir}`);
      index = this.list.push({ dir: pkg.moduleDir, path: pkg.vendored ? '' : pkg.module, workspace: false }) - 1;
      this.byDir.set(pkg.moduleDir, index);
    }
    return index;
  }
}
