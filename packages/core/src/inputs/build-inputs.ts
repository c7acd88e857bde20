// What `go build` reads for each binary of a workspace, as globs over it (root-relative,
// `/`-separated; `!` marks an exclusion): the one input set that pgo-build, pgo-validate,
// pgo-bench, the graph's dependencies and `go-pgo turbo init` share.
//
// - Per package directory of the closure (vendored ones included): every .go file but tests,
//   and every other source kind go/build reads (assembly, cgo's sources and headers, SWIG,
//   .syso), as globs, so a file added to the package changes the hash; then the files of those
//   kinds that the build leaves out (build constraints, _ and . names) as exclusions, so
//   editing a *_windows.go file does not rebuild the linux binary.
// - //go:embed patterns as globs that also match files .gitignore hides (generated assets);
//   the sources of a package too, when the tool's index leaves out some file the build reads.
// - go.mod and go.sum of every module the build loads, go.work and go.work.sum (even when
//   absent: adding one changes the build; read from disk, as a developer's go.work is often
//   .gitignored), and vendor/modules.txt in vendor mode.
// - A binary whose closure is known only in part (an import that resolves nowhere, a file the
//   scanner cannot read) also gets every file of its module: less precise, never stale.
import { NON_GO_SOURCE_EXTENSIONS } from '../go/source-files';
import type { FactBinary, FactPackage, GoFacts } from '../go/workspace-facts';
import { embedGlobs } from './embed-globs';
import { globLiteral } from './glob-text';

/** How a consumer writes one glob (Nx: `{workspaceRoot}/…` strings and includeIgnored filesets). */
export interface InputFormat<T> {
  /** A glob over the files the tool tracks (not .gitignored). */
  tracked(glob: string, negated: boolean): T;
  /** A glob that also matches files .gitignore hides. */
  untracked(glob: string, negated: boolean): T;
}

const OTHER_SOURCES = `*.{${NON_GO_SOURCE_EXTENSIONS.join(',')}}`;

/**
 * Input lists for the binaries of one GoFacts. The entries of each package and module are made
 * once and shared: at a thousand binaries the lists hold ~100k entries, most of them the same
 * few hundred values.
 */
export class BuildInputSets<T> {
  /** Per package index; empty for a package outside the workspace, which a tool cannot hash. */
  private readonly packageEntries: (readonly T[])[];
  /** Per module index; empty outside the workspace. */
  private readonly moduleEntries: (readonly T[])[];
  /** go.mod/go.sum entries per set of modules, which many binaries share. */
  private readonly moduleSets = new Map<string, readonly T[]>();
  /** Module indices sorted by directory. */
  private readonly moduleOrder: readonly number[];
  /** Scratch: which modules the binary at hand reads. */
  private readonly loaded: boolean[];
  private readonly workFiles: readonly T[];
  private readonly extra = new Map<string, T>();

  constructor(
    private readonly go: GoFacts,
    private readonly format: InputFormat<T>,
  ) {
    this.packageEntries = go.packages.map((pkg) => (insideRoot(pkg.dir) ? packageInputs(pkg, format) : []));
    this.moduleEntries = go.modules.map((m) => (insideRoot(m.dir) && m.path !== '' ? [format.tracked(join(m.dir, 'go.mod'), false), format.tracked(join(m.dir, 'go.sum'), false)] : []));
    this.moduleOrder = go.modules.map((_, i) => i).sort((a, b) => compare(go.modules[a]!.dir, go.modules[b]!.dir));
    this.loaded = go.modules.map(() => false);
    // Often .gitignored (a developer's own workspace), yet read by every build it is beside.
    this.workFiles = [format.untracked('go.work', false), format.untracked('go.work.sum', false)];
  }

  /** The inputs of `binary`'s build, in a stable order. */
  of(binary: FactBinary): T[] {
    const inputs: T[] = [];
    // Index loops: this runs ~100k times per graph, mostly before the JIT has compiled it.
    const closure = binary.closure;
    for (let i = 0; i < closure.length; i++) {
      const entries = this.packageEntries[closure[i]!]!;
      for (let j = 0; j < entries.length; j++) inputs.push(entries[j]!);
    }
    if (binary.problems !== undefined) {
      const moduleDir = this.go.modules[binary.module]!.dir;
      if (insideRoot(moduleDir)) inputs.push(this.once(join(moduleDir, '**')));
    }
    const moduleFiles = this.loadedModuleFiles(binary);
    for (let i = 0; i < moduleFiles.length; i++) inputs.push(moduleFiles[i]!);
    inputs.push(...this.workFiles);
    if (binary.modulesTxt !== undefined && insideRoot(binary.modulesTxt)) inputs.push(this.once(globLiteral(binary.modulesTxt), true));
    return inputs;
  }

  /** One shared entry per glob; `untracked` for a file that may be .gitignored (a vendor/ made before each build). */
  private once(glob: string, untracked = false): T {
    let entry = this.extra.get(glob);
    if (entry === undefined) this.extra.set(glob, (entry = untracked ? this.format.untracked(glob, false) : this.format.tracked(glob, false)));
    return entry;
  }

  /**
   * go.mod and go.sum of the modules the build reads, by directory: those its packages come
   * from and, with go.work, every workspace module, since go.work builds one module graph from
   * all their go.mod files (a requirement in one module can change another's dependency
   * versions). Without go.work: the binary's own module and the replacements it uses.
   */
  private loadedModuleFiles(binary: FactBinary): readonly T[] {
    const { go, loaded } = this;
    loaded[binary.module] = true;
    for (const p of binary.closure) loaded[go.packages[p]!.module] = true;
    const selected: number[] = [];
    for (const m of this.moduleOrder) {
      if (loaded[m] || (go.work && go.modules[m]!.workspace)) selected.push(m);
      loaded[m] = false;
    }
    const key = selected.join(',');
    let files = this.moduleSets.get(key);
    if (files === undefined) {
      files = selected.flatMap((m) => this.moduleEntries[m]!);
      this.moduleSets.set(key, files);
    }
    return files;
  }
}

/**
 * The globs of one package directory (see the top of the file). Non-recursive: a subdirectory
 * is another package. A package with files the tool ignores is read from disk.
 */
function packageInputs<T>(pkg: FactPackage, format: InputFormat<T>): T[] {
  const sources = (glob: string, negated: boolean): T => (pkg.ignored ? format.untracked(glob, negated) : format.tracked(glob, negated));
  const entries = [sources(join(pkg.dir, '*.go'), false), sources(join(pkg.dir, '*_test.go'), true), sources(join(pkg.dir, OTHER_SOURCES), false)];
  for (const name of pkg.excluded ?? []) entries.push(sources(join(pkg.dir, globLiteral(name)), true));
  for (const pattern of pkg.embeds ?? []) {
    for (const { glob, negated } of embedGlobs(pkg.dir, pattern)) entries.push(format.untracked(glob, negated));
  }
  return entries;
}

/** `name` (already a glob) in the root-relative directory `dir`, which is taken literally. */
function join(dir: string, name: string): string {
  return dir === '.' ? name : `${globLiteral(dir)}/${name}`;
}

function insideRoot(dir: string): boolean {
  return dir !== '..' && !dir.startsWith('../');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
