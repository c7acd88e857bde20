// The import closure of a package inside the workspace: every local package directory it
// depends on, transitively, through the files its build would use (test files and files
// excluded by build constraints do not count), with what the build reads in each. The standard
// library and modules outside the workspace are left out: they are not workspace sources.
// Vendored packages are in, from vendor/. An import that resolves nowhere, or a file the
// scanner cannot read, does not stop the walk: it is one of the closure's `problems`, and the
// closure is then known only in part.
import type { EmbedPattern } from './embed-directives';
import { GoScanError } from './go-error';
import type { PackageImport, PackageLoad, PackageLoader } from './go-package';
import type { Candidate, ImportResolver } from './import-resolver';
import { comparePaths, isWithin, joinRel } from './rel-path';
import type { GoModule, GoWorkspace } from './workspace';

export interface ClosurePackage {
  /** Root-relative directory. */
  readonly dir: string;
  readonly importPath: string;
  /** Path of the module (workspace module, local replacement, or vendored module) it belongs to. */
  readonly module: string;
  /** Root-relative directory of the go.mod that governs it (for a vendored package, the vendor directory's owner). */
  readonly moduleDir: string;
  /** Read from vendor/. */
  readonly vendored: boolean;
  /** Root-relative paths of the .go files the build uses, sorted. */
  readonly files: readonly string[];
  /** Root-relative paths of the other source files the build reads (.s, .c, .h, .syso…), sorted. */
  readonly otherFiles: readonly string[];
  /** Base names of source files in the directory that the build leaves out, sorted. */
  readonly excluded: readonly string[];
  /** //go:embed patterns of its files, as written (relative to `dir`, `all:` kept). */
  readonly embeds: readonly EmbedPattern[];
}

export interface GoClosure {
  /** The package the closure is of. */
  dir: string;
  importPath: string;
  /** The package itself and every local package it imports, transitively; sorted by dir. */
  packages: ClosurePackage[];
  /** Why the closure may be incomplete: imports that resolve nowhere, unreadable files. Empty when exact. */
  problems: GoScanError[];
}

interface PackageNode {
  /** Frozen: closures that include the package share it. */
  pkg: ClosurePackage;
  imports: readonly PackageImport[];
  /** Problems of the package itself: files it could not read. */
  problems: readonly GoScanError[];
  /** The local packages it imports and the imports that failed, resolved on first need. */
  deps?: { nodes: PackageNode[]; problems: GoScanError[] };
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

  /** The closure of the package in `dir`, whose import path is `importPath` in `module`. Throws when `dir` is not a package. */
  closure(dir: string, importPath: string, module: { path: string; dir: string }): GoClosure {
    let start = this.nodes.get(dir);
    if (start === undefined) {
      const load = this.packages.load(dir, this.releaseMinor);
      if (load.kind !== 'package') throw notAPackage(dir, load, undefined);
      start = this.node({ module, dir }, importPath, load);
    }
    const seen = new Set<PackageNode>([start]);
    const stack = [start];
    const packages: ClosurePackage[] = [];
    const problems: GoScanError[] = [...this.resolver.problems];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      packages.push(node.pkg);
      problems.push(...node.problems);
      node.deps ??= this.resolveDeps(node);
      problems.push(...node.deps.problems);
      for (const dep of node.deps.nodes) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        stack.push(dep);
      }
    }
    packages.sort((a, b) => comparePaths(a.dir, b.dir));
    return { dir, importPath, packages, problems };
  }

  private resolveDeps(node: PackageNode): NonNullable<PackageNode['deps']> {
    const nodes: PackageNode[] = [];
    const problems: GoScanError[] = [];
    for (const imp of node.imports) {
      if (imp.path === 'C') continue; // cgo's pseudo-package
      if (imp.path === '.' || imp.path === '..' || imp.path.startsWith('./') || imp.path.startsWith('../')) {
        problems.push(new GoScanError('relative-import', imp.file, `relative import "${imp.path}" is not allowed in module mode: import it by its full path`, imp.line));
        continue;
      }
      const resolution = this.resolver.resolve(imp.path);
      if (resolution.kind === 'external') continue;
      if (resolution.kind === 'unresolved') {
        problems.push(new GoScanError('missing-package', imp.file, `imports "${imp.path}": ${resolution.reason}`, imp.line));
        continue;
      }
      const found = this.firstPackage(resolution.candidates, imp);
      if (found instanceof GoScanError) {
        // A module outside the workspace may provide it (a nested required module).
        if (!resolution.external) problems.push(found);
      } else {
        nodes.push(found);
      }
    }
    return { nodes, problems };
  }

  /** The node of the first candidate that is a package; else the error the best candidate deserves. */
  private firstPackage(candidates: Candidate[], imp: PackageImport): PackageNode | GoScanError {
    let best: Exclude<PackageLoad, { kind: 'package' }> | undefined;
    for (const candidate of candidates) {
      const known = this.nodes.get(candidate.dir);
      if (known !== undefined) return known;
      const load = this.packages.load(candidate.dir, this.releaseMinor);
      if (load.kind === 'package') return this.node(candidate, imp.path, load);
      best ??= load;
    }
    return notAPackage(candidates[0]!.dir, best!, imp);
  }

  private node(candidate: Pick<Candidate, 'module' | 'dir' | 'vendoredModule'>, importPath: string, load: Extract<PackageLoad, { kind: 'package' }>): PackageNode {
    const { dir, module } = candidate;
    const { pkg: loaded } = load;
    const pkg: ClosurePackage = Object.freeze({
      dir,
      importPath,
      module: candidate.vendoredModule ?? module.path,
      moduleDir: module.dir,
      vendored: candidate.vendoredModule !== undefined,
      files: Object.freeze(loaded.files.map((name) => joinRel(dir, name))),
      otherFiles: Object.freeze(loaded.otherFiles.map((name) => joinRel(dir, name))),
      excluded: Object.freeze(loaded.excluded),
      embeds: Object.freeze(loaded.embeds),
    });
    const node: PackageNode = { pkg, imports: loaded.imports, problems: loaded.problems };
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
