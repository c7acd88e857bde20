// The import closure of a package inside the workspace: every local package directory it
// depends on, transitively, through the files its build would use (test files and files
// excluded by build constraints do not count). The standard library and external modules are
// left out: they are not workspace sources.
import { GoScanError } from './go-error';
import type { PackageImport, PackageLoad, PackageLoader } from './go-package';
import type { Candidate, ImportResolver } from './import-resolver';
import { comparePaths, isWithin, joinRel } from './rel-path';
import type { GoModule, GoWorkspace } from './workspace';

export interface ClosurePackage {
  /** Root-relative directory. */
  readonly dir: string;
  readonly importPath: string;
  /** Path of the module (workspace module or local replacement) it belongs to. */
  readonly module: string;
  /** Root-relative paths of the .go files the build uses, sorted. */
  readonly files: readonly string[];
}

export interface GoClosure {
  /** The package the closure is of. */
  dir: string;
  importPath: string;
  /** The package itself and every local package it imports, transitively; sorted by dir. */
  packages: ClosurePackage[];
}

interface PackageNode {
  /** Frozen: closures that include the package share it. */
  pkg: ClosurePackage;
  imports: readonly PackageImport[];
  /** The local packages it imports, resolved on first need. */
  deps?: PackageNode[];
}

/** The module whose tree holds `dir` (root-relative), or undefined. */
export function owningModule(workspace: GoWorkspace, dir: string): GoModule | undefined {
  let best: GoModule | undefined;
  for (const module of workspace.modules) {
    if (isWithin(module.dir, dir) && (best === undefined || module.dir.length > best.dir.length)) best = module;
  }
  return best;
}

/**
 * Closures for the builds that share one way of resolving imports and one release (all
 * modules of a go.work, or one module without go.work). The import graph is built once and
 * shared, so a closure costs a walk over its own packages.
 */
export class ClosureBuilder {
  private readonly nodes = new Map<string, PackageNode>();

  constructor(
    private readonly resolver: ImportResolver,
    private readonly packages: PackageLoader,
    private readonly releaseMinor: number,
  ) {}

  /** The closure of the package in `dir`, whose import path is `importPath` in `module`. */
  closure(dir: string, importPath: string, module: string): GoClosure {
    let start = this.nodes.get(dir);
    if (start === undefined) {
      const load = this.packages.load(dir, this.releaseMinor);
      if (load.kind !== 'package') throw notAPackage(dir, load, undefined);
      start = this.node(dir, importPath, module, load);
    }
    const seen = new Set<PackageNode>([start]);
    const stack = [start];
    const packages: ClosurePackage[] = [];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      packages.push(node.pkg);
      for (const dep of (node.deps ??= this.resolveDeps(node))) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        stack.push(dep);
      }
    }
    packages.sort((a, b) => comparePaths(a.dir, b.dir));
    return { dir, importPath, packages };
  }

  private resolveDeps(node: PackageNode): PackageNode[] {
    const deps: PackageNode[] = [];
    for (const imp of node.imports) {
      if (imp.path === 'C') continue; // cgo's pseudo-package
      if (imp.path === '.' || imp.path === '..' || imp.path.startsWith('./') || imp.path.startsWith('../')) {
        throw new GoScanError('relative-import', imp.file, `relative import "${imp.path}" is not allowed in module mode: import it by its full path`, imp.line);
      }
      const candidates = this.resolver.candidates(imp.path);
      if (candidates.length === 0) continue;
      deps.push(this.firstPackage(candidates, imp));
    }
    return deps;
  }

  /** The node of the first candidate that is a package; else the error the best candidate deserves. */
  private firstPackage(candidates: Candidate[], imp: PackageImport): PackageNode {
    let best: Exclude<PackageLoad, { kind: 'package' }> | undefined;
    for (const candidate of candidates) {
      const known = this.nodes.get(candidate.dir);
      if (known !== undefined) return known;
      const load = this.packages.load(candidate.dir, this.releaseMinor);
      if (load.kind === 'package') return this.node(candidate.dir, imp.path, candidate.module.path, load);
      best ??= load;
    }
    throw notAPackage(candidates[0]!.dir, best!, imp);
  }

  private node(dir: string, importPath: string, module: string, load: Extract<PackageLoad, { kind: 'package' }>): PackageNode {
    const files = load.pkg.files.map((name) => joinRel(dir, name));
    const node: PackageNode = { pkg: Object.freeze({ dir, importPath, module, files: Object.freeze(files) }), imports: load.pkg.imports };
    this.nodes.set(dir, node);
    return node;
  }
}

function notAPackage(dir: string, load: Exclude<PackageLoad, { kind: 'package' }>, imp: PackageImport | undefined): GoScanError {
  const code = load.kind === 'missing' ? 'missing-package' : 'no-go-files';
  const what =
    load.kind === 'missing'
      ? `${dir} does not exist`
      : load.goFiles === 0
        ? `${dir} has no non-test .go files`
        : `build constraints exclude all ${load.goFiles} .go files of ${dir} for this GOOS/GOARCH and tags`;
  if (imp === undefined) return new GoScanError(code, dir, `not a Go package: ${what}`);
  return new GoScanError(code, imp.file, `imports "${imp.path}", but ${what}: fix the import path or the package`, imp.line);
}
