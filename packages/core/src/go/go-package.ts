// One directory as a Go package for a given build, as go/build reads it: which of its .go
// files the build uses (test files, _/. files, GOOS/GOARCH name suffixes, //go:build and
// // +build lines, cgo files without cgo, `package documentation` left out), which other
// source files (assembly, cgo's C/C++/Objective-C/Fortran sources and headers, SWIG, .syso) it
// reads under the same rules, which it leaves out, what the used .go files import and embed.
// A file the scanner cannot read costs precision, not the scan: the package records it as a
// problem. Directory listings and file headers are cached, so each file is read once however
// many binaries look at it.
import { BuildConstraintSyntaxError, evalBuildExpr, goodOSArchFile, parseGoBuildExpr, parsePlusBuildExpr, type TagMatcher } from './build-constraints';
import { tagMatcher, type BuildContext } from './build-context';
import { GoScanError, readError } from './go-error';
import type { EmbedPattern } from './embed-directives';
import { HeaderSource, readClause, readConstraints, type GoFileClause, type GoFileHeader } from './file-header';
import type { GoConstraintLines } from './go-source';
import type { DirEntry, GoFileReader } from './file-reader';
import { goSourceKind, type GoSourceKind } from './source-files';
import { baseName, comparePaths, fsPath, isWithin, joinRel, parentRel } from './rel-path';

export interface PackageImport {
  path: string;
  /** The first file (root-relative) and line importing it, for messages. */
  file: string;
  line: number;
}

export interface GoPackageFiles {
  name: string;
  /** Base names of the .go files the build uses, sorted. */
  files: string[];
  /** Base names of the other source files the build reads (.s, .c, .h, .syso…), sorted. */
  otherFiles: string[];
  /**
   * Base names of source files (.go but _test.go, and the other kinds) in the directory that
   * the build leaves out: names starting with _ or ., GOOS/GOARCH suffixes, build constraints,
   * cgo files without cgo, `package documentation`. Sorted.
   */
  excluded: string[];
  /** Every imported path once, in order of first appearance. */
  imports: PackageImport[];
  /** The //go:embed patterns of the used .go files, in order. */
  embeds: EmbedPattern[];
  /** Files whose header could not be read: the package's imports are known only in part. */
  problems: GoScanError[];
}

export type PackageLoad =
  | { kind: 'package'; pkg: GoPackageFiles }
  | { kind: 'missing' }
  /** `goFiles` counts the non-test .go files, all excluded by build constraints when not 0. */
  | { kind: 'no-go-files'; goFiles: number };

/**
 * Headers an earlier scan read, for files that have not changed since (the caller decides, by
 * their stat): a rescan after one edit then reads that one file.
 */
export interface GoHeaderCache {
  /** The header of the root-relative `file` as an earlier scan read it, or undefined to read it now. */
  get(file: string): GoFileHeader | undefined;
}

/**
 * go/build's Context.MatchFile for a .go file whose constraint lines are known: false for
 * names starting with _ or ., a GOOS/GOARCH suffix that does not match, or constraint lines
 * that do not hold. `file` names the file in errors.
 */
export function matchFile(file: string, constraints: GoConstraintLines, matches: TagMatcher): boolean {
  const name = baseName(file);
  if (name[0] === '_' || name[0] === '.' || !goodOSArchFile(name, matches)) return false;
  const { goBuild, plusBuild } = constraints;
  if (goBuild !== undefined) {
    try {
      return evalBuildExpr(parseGoBuildExpr(goBuild.expr), matches);
    } catch (error) {
      if (!(error instanceof BuildConstraintSyntaxError)) throw error;
      throw new GoScanError('syntax', file, `invalid //go:build expression "${goBuild.expr}" at column ${error.offset + 1}: ${error.message}`, goBuild.line);
    }
  }
  // Without //go:build every // +build line must hold; go/build skips lines it cannot parse.
  return plusBuild.every((line) => {
    const expr = parsePlusBuildExpr(line.expr);
    return expr === undefined || evalBuildExpr(expr, matches);
  });
}

export class PackageLoader {
  private readonly dirs = new Map<string, readonly DirEntry[] | undefined>();
  private readonly headers = new Map<string, GoFileHeader>();
  /** Per release minor (the only part of a build that varies between binaries). */
  private readonly builds = new Map<number, { matches: TagMatcher; packages: Map<string, PackageLoad> }>();

  constructor(
    private readonly root: string,
    private readonly reader: GoFileReader,
    readonly context: BuildContext,
    private readonly headerCache?: GoHeaderCache,
  ) {}

  /** Every header read (or taken from the cache) so far, by root-relative file: for the next scan's cache. */
  fileHeaders(): ReadonlyMap<string, GoFileHeader> {
    return this.headers;
  }

  /** Entries of a root-relative directory, sorted by name; undefined when it does not exist. */
  entries(dir: string): readonly DirEntry[] | undefined {
    if (this.dirs.has(dir)) return this.dirs.get(dir);
    let entries: readonly DirEntry[] | undefined;
    try {
      entries = this.reader.readDir(fsPath(this.root, dir));
    } catch (error) {
      throw readError(dir, error);
    }
    entries = entries && [...entries].sort((a, b) => comparePaths(a.name, b.name));
    this.dirs.set(dir, entries);
    return entries;
  }

  /** Whether the directory holds a go.mod file (and so starts a module of its own). */
  hasGoMod(dir: string): boolean {
    return this.entries(dir)?.some((entry) => entry.name === 'go.mod' && entry.kind !== 'dir') ?? false;
  }

  /** Whether a go.mod below `moduleDir` and above or at `dir` puts `dir` in another module. */
  inNestedModule(moduleDir: string, dir: string): boolean {
    for (let d = dir; d !== moduleDir && isWithin(moduleDir, d); d = parentRel(d)) {
      if (this.hasGoMod(d)) return true;
    }
    return false;
  }

  /** The package in `dir` for a build with release tags up to go1.<releaseMinor>. */
  load(dir: string, releaseMinor: number): PackageLoad {
    let build = this.builds.get(releaseMinor);
    if (build === undefined) {
      build = { matches: tagMatcher(this.context, releaseMinor), packages: new Map() };
      this.builds.set(releaseMinor, build);
    }
    let load = build.packages.get(dir);
    if (load === undefined) {
      load = this.scan(dir, build.matches);
      build.packages.set(dir, load);
    }
    return load;
  }

  private scan(dir: string, matches: TagMatcher): PackageLoad {
    const entries = this.entries(dir);
    if (entries === undefined) return { kind: 'missing' };
    let pkg: GoPackageFiles | undefined;
    let firstFile = '';
    const imported = new Set<string>();
    const otherFiles: string[] = [];
    const excluded: string[] = [];
    const problems: GoScanError[] = [];
    let goFiles = 0;
    for (const entry of entries) {
      const name = entry.name;
      const kind = goSourceKind(name);
      if (kind === undefined || (kind === 'go' && name.endsWith('_test.go'))) continue;
      const file = joinRel(dir, name);
      if (entry.kind !== 'file' && (entry.kind !== 'symlink' || this.reader.stat(fsPath(this.root, file)) !== 'file')) continue;
      if (kind === 'go' && name[0] !== '_' && name[0] !== '.') goFiles++;
      let used: boolean;
      // The start of the file, when deciding whether it counts needed it, is read once for both.
      const source = new HeaderSource(this.root, file, this.reader);
      try {
        used = this.uses(source, kind, matches);
      } catch (error) {
        if (!(error instanceof GoScanError)) throw error;
        // Unknown whether it counts: taken as used (its imports stay unknown).
        problems.push(error);
        used = true;
      }
      if (!used) {
        excluded.push(name);
        continue;
      }
      if (kind !== 'go') {
        otherFiles.push(name);
        continue;
      }
      let clause: GoFileClause;
      try {
        clause = this.clause(source);
      } catch (error) {
        if (!(error instanceof GoScanError)) throw error;
        problems.push(error);
        pkg ??= emptyPackage('');
        pkg.files.push(name);
        continue;
      }
      const { packageName, imports, embeds } = clause;
      if (packageName === 'documentation' || (!this.context.cgoEnabled && imports.some((imp) => imp.path === 'C'))) {
        excluded.push(name);
        continue;
      }
      if (pkg === undefined || pkg.name === '') {
        pkg ??= emptyPackage(packageName);
        pkg.name = packageName;
        firstFile = name;
      } else if (packageName !== pkg.name) {
        problems.push(
          new GoScanError(
            'multiple-packages',
            dir,
            `${firstFile} declares package ${pkg.name} but ${name} declares package ${packageName}: keep one package per directory, or exclude one file with a build constraint`,
          ),
        );
      }
      pkg.files.push(name);
      pkg.embeds.push(...embeds);
      for (const imp of imports) {
        if (imported.has(imp.path)) continue;
        imported.add(imp.path);
        pkg.imports.push({ path: imp.path, file, line: imp.line });
      }
    }
    if (pkg === undefined) return { kind: 'no-go-files', goFiles };
    return { kind: 'package', pkg: { ...pkg, otherFiles, excluded, problems } };
  }

  /**
   * Whether the build reads `file` (go/build's matchFile): its name, then its constraint
   * lines, except for .syso objects, which go/build does not open.
   */
  private uses(source: HeaderSource, kind: GoSourceKind, matches: TagMatcher): boolean {
    const file = source.file;
    const name = baseName(file);
    // Checked before reading, which spares reading excluded files.
    if (name[0] === '_' || name[0] === '.' || !goodOSArchFile(name, matches)) return false;
    if (kind === 'syso') return true;
    let header = this.headers.get(file);
    if (header === undefined && this.headerCache !== undefined) {
      header = this.headerCache.get(file);
      if (header !== undefined) this.headers.set(file, header);
    }
    if (header === undefined) {
      header = { constraints: readConstraints(source) };
      this.headers.set(file, header);
    }
    return matchFile(file, header.constraints, matches);
  }

  /** The clause of a used .go file, read once; texts are not kept, so a file excluded from one build and used by another is read twice. */
  private clause(source: HeaderSource): GoFileClause {
    const header = this.headers.get(source.file)!;
    return (header.clause ??= readClause(source));
  }
}

function emptyPackage(name: string): GoPackageFiles {
  return { name, files: [], otherFiles: [], excluded: [], imports: [], embeds: [], problems: [] };
}
