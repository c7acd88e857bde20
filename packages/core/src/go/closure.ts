// The import closure of a package inside the workspace: every local package directory it
// depends on, transitively, through the files its build would use (test files and files
// excluded by build constraints do not count). The standard library and external modules are
// left out: they are not workspace sources.
import { releaseMinor } from './build-context';
import { GoScanError } from './go-error';
import type { PackageImport, PackageLoader, PackageLoad } from './go-package';
import type { Candidate, ImportResolver } from './import-resolver';
import { comparePaths, isWithin, joinRel, relativeTo } from './rel-path';
import type { GoModule, GoWorkspace } from './workspace';

export interface ClosurePackage {
  /** Root-relative directory. */
  dir: string;
  importPath: string;
  /** Path of the module (workspace module or local replacement) it belongs to. */
  module: string;
  /** Root-relative paths of the .go files the build uses, sorted. */
  files: string[];
}

export interface GoClosure {
  /** The package the closure is of. */
  dir: string;
  importPath: string;
  /** The package itself and every local package it imports, transitively; sorted by dir. */
  packages: ClosurePackage[];
}

/** The module whose tree holds `dir` (root-relative), or undefined. */
export function owningModule(workspace: GoWorkspace, dir: string): GoModule | undefined {
  let best: GoModule | undefined;
  for (const module of workspace.modules) {
    if (isWithin(module.dir, dir) && (best === undefined || module.dir.length > best.dir.length)) best = module;
  }
  return best;
}

/** The closure of the package in `dir`, whose module is `module`, resolving with `resolver`. */
export function importClosure(
  workspace: GoWorkspace,
  module: GoModule,
  dir: string,
  resolver: ImportResolver,
  packages: PackageLoader,
): GoClosure {
  const minor = releaseMinor(packages.context, workspace.work ?? module);
  const importPath = dir === module.dir ? module.path : `${module.path}/${relativeTo(module.dir, dir)}`;
  const start = packages.load(dir, minor);
  if (start.kind !== 'package') throw notAPackage(dir, start, undefined);

  const found = new Map<string, ClosurePackage>();
  const queue: { dir: string; importPath: string; module: string; files: string[]; imports: PackageImport[] }[] = [
    { dir, importPath, module: module.path, ...start.pkg },
  ];
  found.set(dir, toClosurePackage(queue[0]!));
  for (let i = 0; i < queue.length; i++) {
    for (const imp of queue[i]!.imports) {
      if (imp.path === 'C') continue; // cgo's pseudo-package
      if (imp.path.startsWith('./') || imp.path.startsWith('../') || imp.path === '.' || imp.path === '..') {
        throw new GoScanError('relative-import', imp.file, `relative import "${imp.path}" is not allowed in module mode: import it by its full path`, imp.line);
      }
      const candidates = resolver.candidates(imp.path);
      if (candidates.length === 0) continue;
      const resolved = firstPackage(candidates, packages, minor, imp);
      if (found.has(resolved.dir)) continue;
      const entry = { dir: resolved.dir, importPath: imp.path, module: resolved.module.path, ...resolved.load.pkg };
      found.set(resolved.dir, toClosurePackage(entry));
      queue.push(entry);
    }
  }
  const list = [...found.values()].sort((a, b) => comparePaths(a.dir, b.dir));
  return { dir, importPath, packages: list };
}

/** The first candidate that is a package; else the error the best candidate deserves. */
function firstPackage(
  candidates: Candidate[],
  packages: PackageLoader,
  minor: number,
  imp: PackageImport,
): Candidate & { load: Extract<PackageLoad, { kind: 'package' }> } {
  let best: Exclude<PackageLoad, { kind: 'package' }> | undefined;
  for (const candidate of candidates) {
    const load = packages.load(candidate.dir, minor);
    if (load.kind === 'package') return { ...candidate, load };
    best ??= load;
  }
  throw notAPackage(candidates[0]!.dir, best!, imp);
}

function notAPackage(dir: string, load: Exclude<PackageLoad, { kind: 'package' }>, imp: PackageImport | undefined): GoScanError {
  const what =
    load.kind === 'missing'
      ? `${dir} does not exist`
      : load.goFiles === 0
        ? `${dir} has no non-test .go files`
        : `build constraints exclude all ${load.goFiles} .go files of ${dir} for this GOOS/GOARCH and tags`;
  if (imp === undefined) return new GoScanError(load.kind === 'missing' ? 'missing-package' : 'no-go-files', dir, `not a Go package: ${what}`);
  return new GoScanError(
    load.kind === 'missing' ? 'missing-package' : 'no-go-files',
    imp.file,
    `imports "${imp.path}", but ${what}: fix the import path or the package`,
    imp.line,
  );
}

function toClosurePackage(entry: { dir: string; importPath: string; module: string; files: string[] }): ClosurePackage {
  return { dir: entry.dir, importPath: entry.importPath, module: entry.module, files: entry.files.map((name) => joinRel(entry.dir, name)) };
}
