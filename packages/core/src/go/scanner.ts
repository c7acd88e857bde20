// The entry point: a scanner for one workspace root and one build (GOOS/GOARCH, cgo, tags, Go
// version). It discovers the workspace once and answers import closures, sharing one cache of
// directory listings and file headers, so scanning many binaries reads each file once. It
// never runs the go command.
import path from 'node:path';
import { buildContext, releaseMinor, type BuildContext, type BuildContextOptions } from './build-context';
import { ClosureBuilder, owningModule, type GoClosure } from './closure';
import { GoScanError } from './go-error';
import { PackageLoader } from './go-package';
import { ImportResolver } from './import-resolver';
import { nodeFileReader, type GoFileReader } from './file-reader';
import { resolveRel } from './rel-path';
import { discoverWorkspace, packageImportPath, type GoModule, type GoWorkspace } from './workspace';

export interface GoScannerOptions extends BuildContextOptions {
  /** Where files come from; default node:fs, synchronously. */
  reader?: GoFileReader;
}

export class GoWorkspaceScanner {
  /** Absolute workspace root. */
  readonly root: string;
  readonly context: BuildContext;
  private readonly reader: GoFileReader;
  private readonly packages: PackageLoader;
  private discovered?: GoWorkspace;
  private readonly builders = new Map<GoModule, ClosureBuilder>();
  private readonly closures = new Map<string, GoClosure>();

  constructor(root: string, options: GoScannerOptions = {}) {
    this.root = path.resolve(root);
    this.context = buildContext(options);
    this.reader = options.reader ?? nodeFileReader;
    this.packages = new PackageLoader(this.root, this.reader, this.context);
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
      closure = this.builderFor(workspace, module).closure(rel, packageImportPath(module, rel), module.path);
      this.closures.set(rel, closure);
    }
    return closure;
  }

  /** With go.work every module resolves alike and shares one release, so they share one builder. */
  private builderFor(workspace: GoWorkspace, module: GoModule): ClosureBuilder {
    const key = workspace.work === undefined ? module : workspace.modules[0]!;
    let builder = this.builders.get(key);
    if (builder === undefined) {
      const resolver = new ImportResolver(workspace, module, this.packages);
      builder = new ClosureBuilder(resolver, this.packages, releaseMinor(this.context, workspace.work ?? module));
      this.builders.set(key, builder);
    }
    return builder;
  }
}
