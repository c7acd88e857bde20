// The exact inputs of a binary's pgo-build, the cache key of the build (README.md lists them):
// the Go files of every package directory of its import closure, the go.mod and go.sum of every
// module the build loads, go.work and go.work.sum, the profile and pgo.yaml, the Go version and
// the environment variables that change what `go build` produces.
import type { TargetConfiguration } from '@nx/devkit';
import { holds, type FactBinary, type GoFacts } from './go-facts';
import { fromWorkspaceRoot } from './workspace-paths';

/** One entry of a target's inputs (Nx's InputDefinition, which @nx/devkit does not export). */
export type TargetInput = NonNullable<TargetConfiguration['inputs']>[number];

const BUILD_ENV = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS'] as const;

/**
 * Input lists for the binaries of one GoFacts. The strings of each package and module are made
 * once and shared: at a thousand binaries the lists hold ~100k entries, most of them the same
 * few hundred strings.
 */
export class BuildInputs {
  /** Per package index; empty for a package outside the workspace, which Nx cannot hash. */
  private readonly packageGlobs: (readonly string[])[];
  /** Per module index; empty outside the workspace. */
  private readonly moduleFiles: (readonly string[])[];
  /** go.mod/go.sum entries per set of modules, which many binaries share. */
  private readonly moduleSets = new Map<string, readonly string[]>();
  /** Module indices sorted by directory. */
  private readonly moduleOrder: readonly number[];
  /** Scratch: which modules the binary at hand reads. */
  private readonly loaded: boolean[];

  constructor(private readonly go: GoFacts) {
    this.packageGlobs = go.packages.map((pkg) => (insideWorkspace(pkg.dir) ? packageGlobs(pkg.dir) : []));
    this.moduleFiles = go.modules.map((m) => (insideWorkspace(m.dir) ? moduleFiles(m.dir) : []));
    this.moduleOrder = go.modules.map((_, i) => i).sort((a, b) => compare(go.modules[a]!.dir, go.modules[b]!.dir));
    this.loaded = go.modules.map(() => false);
  }

  of(binary: FactBinary, profile: string, pgoYaml: string): TargetInput[] {
    const inputs: TargetInput[] = [];
    // Index loops: this runs ~100k times per graph, mostly before the JIT has compiled it.
    const closure = binary.closure;
    for (let i = 0; i < closure.length; i++) {
      const globs = this.packageGlobs[closure[i]!]!;
      for (let j = 0; j < globs.length; j++) inputs.push(globs[j]!);
    }
    const moduleFiles = this.loadedModuleFiles(binary);
    for (let i = 0; i < moduleFiles.length; i++) inputs.push(moduleFiles[i]!);
    inputs.push(
      '{workspaceRoot}/go.work',
      '{workspaceRoot}/go.work.sum',
      fromWorkspaceRoot(profile),
      fromWorkspaceRoot(pgoYaml),
      { runtime: 'go env GOVERSION' },
      ...BUILD_ENV.map((env) => ({ env })),
    );
    return inputs;
  }

  /**
   * go.mod and go.sum of the modules the build reads, by directory: those its packages come
   * from and, with go.work, every workspace module, since go.work builds one module graph from
   * all their go.mod files (a requirement in one module can change another's dependency
   * versions). Without go.work: the binary's own module and the replacements it uses.
   */
  private loadedModuleFiles(binary: FactBinary): readonly string[] {
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
      files = selected.flatMap((m) => this.moduleFiles[m]!);
      this.moduleSets.set(key, files);
    }
    return files;
  }
}

/**
 * A glob per package directory rather than a list of files: a file added to the package
 * (including one a build constraint excludes today) must change the hash, and only a glob sees
 * files the graph did not know of. Non-recursive, since a subdirectory is another package,
 * which is an input only if the closure reaches it.
 */
function packageGlobs(dir: string): readonly string[] {
  const base = fromWorkspaceRoot(dir);
  return [`${base}/*.go`, `!${base}/*_test.go`];
}

function moduleFiles(dir: string): readonly string[] {
  const base = fromWorkspaceRoot(dir);
  return [`${base}/go.mod`, `${base}/go.sum`];
}

function insideWorkspace(dir: string): boolean {
  return holds('.', dir);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
