// What turbo init needs to know of each Go binary of the repository: where it is, where its
// build goes, which profile and pgo.yaml it reads, which optional tasks pgo.yaml enables, and
// the root-relative inputs of its build: core's input set (src/inputs/), the same as the Nx
// plugin's pgo-build inputs, then the profile and pgo.yaml.
import path from 'node:path';
import { runGo } from '../build/go-command';
import { defaultOutputPath } from '../build/output-paths';
import { loadPgoSettings } from '../config/load-settings';
import { PGO_CONFIG_FILE } from '../config/pgo-yaml';
import { isInsideWorkspace, workspaceRelative } from '../config/workspace-path';
import { buildContextOptionsFromEnv } from '../go/build-context';
import { nodeFileReader } from '../go/file-reader';
import { scanGoFacts, type FactBinary, type GoFacts } from '../go/workspace-facts';
import { BuildInputSets, type InputFormat } from '../inputs/build-inputs';
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
 * Turborepo hashes only the files git tracks; it has no way to take in ignored files, so an
 * embedded directory that is generated and .gitignored is not hashed (the Nx plugin does hash it).
 */
const TURBO_FORMAT: InputFormat<string> = {
  tracked: (glob, negated) => (negated ? `!${glob}` : glob),
  untracked: (glob, negated) => (negated ? `!${glob}` : glob),
};

/**
 * The binaries under `root` (absolute), for the build `go env` reports there (GOOS, GOARCH,
 * CGO_ENABLED, GOFLAGS tags and -mod, Go version): the import closures are those of that build.
 * A binary whose closure is known only in part gets every file of its module as inputs.
 */
export async function scanTurboBinaries(root: string): Promise<TurboBinary[]> {
  const goEnv = JSON.parse(await runGo(['env', '-json'], { cwd: root })) as NodeJS.ProcessEnv;
  const options = { ...buildContextOptionsFromEnv(goEnv), ...(goEnv['GOVERSION'] && { goVersion: goEnv['GOVERSION'] }) };
  const { facts, errors } = scanGoFacts(root, options, nodeFileReader);
  // turbo init writes configuration for every binary: a module it cannot read is the user's to fix first.
  if (errors.length > 0) throw errors[0]![1];
  const inputs = new BuildInputSets(facts, TURBO_FORMAT);
  const binaries: TurboBinary[] = [];
  for (const binary of facts.binaries) binaries.push(await describe(root, facts, binary, inputs));
  return binaries;
}

async function describe(root: string, facts: GoFacts, binary: FactBinary, inputs: BuildInputSets<string>): Promise<TurboBinary> {
  const moduleDir = facts.modules[binary.module]!.dir;
  const binaryDir = path.join(root, binary.dir);
  const settings = await loadPgoSettings({ workspaceRoot: root, binaryDir, moduleRoot: path.join(root, moduleDir) });
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
    moduleDir,
    captureConfigured: settings.capture.sources.length > 0,
    benchConfigured: settings.bench.packages.length > 0,
    buildInputs: [...inputs.of(binary), profile, pgoYaml],
  };
}
