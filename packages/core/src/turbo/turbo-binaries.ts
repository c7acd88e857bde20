// What turbo init needs to know of each Go binary of the repository: where it is, where its
// build goes, which profile and pgo.yaml it reads,
// which optional tasks pgo.yaml enables, and the root-relative inputs of its build (the same
// facts as the Nx plugin's pgo-build inputs: the Go files of every package directory of its
// import closure, go.mod/go.sum of every module the build loads, go.work, profile, pgo.yaml).
import path from 'node:path';
import { runGo } from '../build/go-command';
import { defaultOutputPath } from '../build/output-paths';
import { loadPgoSettings } from '../config/load-settings';
import { PGO_CONFIG_FILE } from '../config/pgo-yaml';
import { isInsideWorkspace, workspaceRelative } from '../config/workspace-path';
import { buildContextOptionsFromEnv } from '../go/build-context';
import { GoWorkspaceScanner } from '../go/scanner';
import type { GoBinary, GoModule, GoWorkspace } from '../go/workspace';
import type { GoClosure } from '../go/closure';
import { TurboConfigError } from './turbo-error';

export interface TurboBinary {
  /** Root-relative `…/cmd/<name>`: the workspace package's directory. */
  dir: string;
  /** The `<name>` of cmd/<name>. */
  name: string;
  /** Root-relative: dist/go/<dir>/<name>, go-pgo build's default output. */
  output: string;
  /** Root-relative profile, whether or not it exists. */
  profile: string;
  /** Root-relative pgo.yaml, whether or not it exists. */
  pgoYaml: string;
  /** Root-relative module directory. */
  moduleDir: string;
  captureConfigured: boolean;
  benchConfigured: boolean;
  /** Root-relative globs (`!` negates) of what pgo-build reads. */
  buildInputs: string[];
}

/**
 * The binaries under `root` (absolute), for the build `go env` reports there (GOOS, GOARCH,
 * CGO_ENABLED, GOFLAGS tags, Go version): the import closures are those of that build.
 */
export async function scanTurboBinaries(root: string): Promise<TurboBinary[]> {
  const goEnv = JSON.parse(await runGo(['env', '-json'], { cwd: root })) as NodeJS.ProcessEnv;
  const scanner = new GoWorkspaceScanner(root, { ...buildContextOptionsFromEnv(goEnv), ...(goEnv['GOVERSION'] && { goVersion: goEnv['GOVERSION'] }) });
  const workspace = scanner.workspace();
  const binaries: TurboBinary[] = [];
  for (const binary of workspace.binaries) {
    binaries.push(await describe(root, workspace, binary, scanner.closure(binary.dir)));
  }
  return binaries;
}

async function describe(root: string, workspace: GoWorkspace, binary: GoBinary, closure: GoClosure): Promise<TurboBinary> {
  const module = workspace.modules.find((m) => m.path === binary.module)!;
  const binaryDir = path.join(root, binary.dir);
  const settings = await loadPgoSettings({ workspaceRoot: root, binaryDir, moduleRoot: path.join(root, module.dir) });
  if (!isInsideWorkspace(root, settings.profile)) {
    throw new TurboConfigError(`${binary.dir}/${PGO_CONFIG_FILE}: the profile ${settings.profile} is outside the repository, where Turborepo cannot hash it: keep the profile inside the repository`);
  }
  const profile = workspaceRelative(root, settings.profile);
  const pgoYaml = `${binary.dir}/${PGO_CONFIG_FILE}`;
  return {
    dir: binary.dir,
    name: binary.name,
    output: defaultOutputPath(binary.dir),
    profile,
    pgoYaml,
    moduleDir: module.dir,
    captureConfigured: settings.capture.sources.length > 0,
    benchConfigured: settings.bench.packages.length > 0,
    buildInputs: [
      ...closure.packages.filter((pkg) => insideRoot(pkg.dir)).flatMap((pkg) => [joinRel(pkg.dir, '*.go'), `!${joinRel(pkg.dir, '*_test.go')}`]),
      ...loadedModuleDirs(workspace, module, closure).flatMap((dir) => [joinRel(dir, 'go.mod'), joinRel(dir, 'go.sum')]),
      'go.work',
      'go.work.sum',
      profile,
      pgoYaml,
    ],
  };
}

/**
 * Directories of the modules whose go.mod and go.sum the build reads, sorted: with go.work every
 * workspace module (go.work builds one module graph from all of them), else the binary's own;
 * plus the local replacements its closure's packages come from. Modules outside the root are
 * left out: Turborepo hashes only files inside the repository.
 */
function loadedModuleDirs(workspace: GoWorkspace, module: GoModule, closure: GoClosure): string[] {
  const dirs = new Set(workspace.work === undefined ? [module.dir] : workspace.modules.map((m) => m.dir));
  const byPath = new Map<string, string>();
  for (const m of workspace.modules) byPath.set(m.path, m.dir);
  for (const replace of [...module.replaces, ...(workspace.work?.replaces ?? [])]) byPath.set(replace.path, replace.dir);
  for (const pkg of closure.packages) {
    const dir = byPath.get(pkg.module);
    if (dir !== undefined) dirs.add(dir);
  }
  return [...dirs].filter(insideRoot).sort();
}

function insideRoot(dir: string): boolean {
  return dir !== '..' && !dir.startsWith('../');
}

function joinRel(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}
