// The entry point: a scanner for one workspace root and one build (GOOS/GOARCH, cgo, tags, Go
// version). It discovers the workspace once and answers import closures, sharing one cache of
// directory listings and file headers, so scanning many binaries reads each file once. It
// never runs the go command.
import path from 'node:path';
import { buildContext, releaseMinor, type BuildContext, type BuildContextOptions } from './build-context';
import { ClosureBuilder, owningModule, type GoClosure } from './closure';
import { GoScanError } from './go-error';
import { PackageLoader, type GoHeaderCache } from './go-package';
import type { GoFileHeader } from './file-header';
import { ImportResolver } from './import-resolver';
import { nodeFileReader, type GoFileReader } from './file-reader';
import { resolveRel } from './rel-path';
import { vendorDirectory, type VendorDirectory } from './vendor-mode';
import { discoverWorkspace, packageImportPath, type GoModule, type GoWorkspace } from './workspace';

export interface GoScannerOptions extends BuildContextOptions {
  /** Where files come from; default node:fs, synchronously. */
  reader?: GoFileReader;
  /** Headers of unchanged files from an earlier scan, which then need no read. */
  headerCache?: GoHeaderCache;
}

export class GoWorkspaceScanner {
  /** Absolute workspace root. */
  readonly root: string;
  readonly context: BuildContext;
  private readonly reader: GoFileReader;
  private readonly packages: PackageLoader;
  private discovered?: GoWorkspace;
  private readonly builders = new Map<GoModule, { builder: ClosureBuilder; vendor: VendorDirectory | undefined }>();
  private readonly closures = new Map<string, GoClosure>();

  constructor(root: string, options: GoScannerOptions = {}) {
    this.root = path.resolve(root);
    this.context = buildContext(options);
    this.reader = options.reader ?? nodeFileReader;
    this.packages = new PackageLoader(this.root, this.reader, this.context, options.headerCache);
  }

  /** The headers of every source file read so far (root-relative), for a later scan's headerCache. */
  fileHeaders(): ReadonlyMap<string, GoFileHeader> {
    return this.packages.fileHeaders();
  }

  /** The modules and binaries (discovered on first call). */
  workspace(): GoWorkspace {
    this.discovered ??= discoverWorkspace(this.root, this.reader, this.packages);
    return this.discovered;
  }

  /** The import closure of the package in `dir` (relative to the root, or absolute). */
  closure(dir: string): GoClosure {
    const rel = resolveRel(this.root, '.', dir);
    let closure = this.closures.get(rel);
    if (closure === undefined) {
      const workspace = this.workspace();
      const module = owningModule(workspace, rel);
      if (module === undefined || this.packages.inNestedModule(module.dir, rel)) {
        throw new GoScanError('not-in-workspace', rel, 'not inside a module of the workspace: add its module to go.work, or scan another root');
      }
      closure = this.buildOf(workspace, module).builder.closure(rel, packageImportPath(module, rel), module);
      this.closures.set(rel, closure);
    }
    return closure;
  }

  /**
   * The vendor directory the build of the package in `dir` (root-relative, inside a module)
   * reads, or undefined when it builds in module mode.
   */
  vendorDirectory(dir: string): VendorDirectory | undefined {
    const workspace = this.workspace();
    const module = owningModule(workspace, resolveRel(this.root, '.', dir));
    return module === undefined ? undefined : this.buildOf(workspace, module).vendor;
  }

  /** With go.work every module resolves alike and shares one release, so they share one builder. */
  private buildOf(workspace: GoWorkspace, module: GoModule): { builder: ClosureBuilder; vendor: VendorDirectory | undefined } {
    const key = workspace.work === undefined ? module : workspace.modules[0]!;
    let build = this.builders.get(key);
    if (build === undefined) {
      const lines = workspace.work ?? module;
      const mainDir = workspace.work === undefined ? module.dir : '.';
      const vendor = vendorDirectory({ dir: mainDir, workspace: workspace.work !== undefined, ...(lines.goVersion !== undefined && { goVersion: lines.goVersion }) }, this.context.mod, this.packages, this.reader, this.root);
      const owner = workspace.modules.find((m) => m.dir === mainDir);
      const resolver = new ImportResolver(workspace, module, this.packages, vendor, { path: owner?.path ?? '', dir: mainDir });
      build = { builder: new ClosureBuilder(resolver, this.packages, releaseMinor(this.context, lines)), vendor };
      this.builders.set(key, build);
    }
    return build;
  }
}
