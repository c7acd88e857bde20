// What the graph needs to know about the Go side of the workspace, in a compact form that
// goes to the cache as it is: the modules, the binaries, and each binary's import closure as
// indices into one table of packages (closures share most of their packages).
import { GoScanError, GoWorkspaceScanner, type BuildContextOptions, type ClosurePackage, type DirEntry, type GoFileReader, type GoWorkspace } from '@go-pgo/core';

export interface FactModule {
  /** Root-relative directory of its go.mod ('.' for the root, `../…` outside it). */
  dir: string;
  path: string;
  /** A module of the workspace (go.work `use`, or any go.mod without go.work), not only a replacement target. */
  workspace: boolean;
}

export interface FactPackage {
  dir: string;
  /** Index in GoFacts.modules. */
  module: number;
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
}

export interface GoFacts {
  /** Whether a go.work at the root makes one workspace of the modules. */
  work: boolean;
  modules: FactModule[];
  packages: FactPackage[];
  /** Sorted by directory; binaries whose closure failed are left out (see GoFactsScan.errors). */
  binaries: FactBinary[];
}

/**
 * The directory entries the scanner acts on (core's workspace.ts and go-package.ts):
 * directories to descend into, go.mod, and .go files. Reading listings through this filter
 * keeps a new default.pgo or README out of the Go facts' records.
 */
export function scannerSees(entry: DirEntry): boolean {
  return entry.kind === 'dir' || entry.name.endsWith('.go') || entry.name === 'go.mod';
}

export interface GoFactsScan {
  facts: GoFacts;
  /** Per binary that is left out: the file at fault and why. */
  errors: [file: string, error: GoScanError][];
}

/**
 * Scans the workspace at `root` (absolute) for the build `options` through `reader`. A broken
 * go.work or go.mod fails the whole scan (GoScanError); a broken closure leaves its binary out.
 */
export function scanGoFacts(root: string, options: BuildContextOptions, reader: GoFileReader): GoFactsScan {
  const scanner = new GoWorkspaceScanner(root, { ...options, reader });
  const workspace = scanner.workspace();
  const modules = new ModuleTable(workspace);
  const packages: FactPackage[] = [];
  const packageIndex = new Map<string, number>();
  const binaries: FactBinary[] = [];
  const errors: [string, GoScanError][] = [];

  for (const binary of workspace.binaries) {
    let closurePackages: ClosurePackage[];
    try {
      closurePackages = scanner.closure(binary.dir).packages;
    } catch (error) {
      if (!(error instanceof GoScanError)) throw error;
      errors.push([error.file ?? binary.dir, error]);
      continue;
    }
    const closure: number[] = [];
    for (const pkg of closurePackages) {
      let index = packageIndex.get(pkg.dir);
      if (index === undefined) {
        index = packages.push({ dir: pkg.dir, module: modules.indexOf(pkg) }) - 1;
        packageIndex.set(pkg.dir, index);
      }
      closure.push(index);
    }
    binaries.push({
      dir: binary.dir,
      name: binary.name,
      importPath: binary.importPath,
      module: modules.indexOf({ dir: binary.dir, module: binary.module }),
      files: [...closurePackages.find((pkg) => pkg.dir === binary.dir)!.files],
      closure,
    });
  }
  return { facts: { work: workspace.work !== undefined, modules: modules.list, packages, binaries }, errors };
}

/**
 * The workspace modules, then the local replacement targets that closures reach. A package
 * belongs to the deepest of those directories that holds it and has its module path.
 */
class ModuleTable {
  readonly list: FactModule[];
  private readonly replacements: { path: string; dir: string }[];

  constructor(workspace: GoWorkspace) {
    this.list = workspace.modules.map((m) => ({ dir: m.dir, path: m.path, workspace: true }));
    this.replacements = [...(workspace.work?.replaces ?? []), ...workspace.modules.flatMap((m) => m.replaces)];
  }

  indexOf(pkg: { dir: string; module: string }): number {
    let best = -1;
    for (let i = 0; i < this.list.length; i++) {
      const m = this.list[i]!;
      if (m.path === pkg.module && holds(m.dir, pkg.dir) && (best < 0 || m.dir.length > this.list[best]!.dir.length)) best = i;
    }
    const replacement = this.replacements
      .filter((r) => r.path === pkg.module && holds(r.dir, pkg.dir))
      .reduce<{ dir: string } | undefined>((deepest, r) => (deepest === undefined || r.dir.length > deepest.dir.length ? r : deepest), undefined);
    if (replacement !== undefined && (best < 0 || replacement.dir.length > this.list[best]!.dir.length)) {
      return this.list.push({ dir: replacement.dir, path: pkg.module, workspace: false }) - 1;
    }
    if (best < 0) throw new Error(`internal error: no module ${pkg.module} holds ${pkg.dir}`);
    return best;
  }
}

/** Whether the root-relative `dir` is `rel` or above it. */
export function holds(dir: string, rel: string): boolean {
  return dir === '.' ? rel !== '..' && !rel.startsWith('../') : rel === dir || rel.startsWith(`${dir}/`);
}
