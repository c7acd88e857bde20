// Project inference: one project per cmd/<name> binary, with the targets its configuration
// calls for (targets.ts), and one per Go module that no other plugin owns (README.md). Nx
// hands over the go.mod and go.work files it sees (so .gitignore, .nxignore and the plugin's
// include/exclude apply); the scan covers the whole workspace, which import closures need, and
// projects are returned for the modules whose go.mod Nx handed over. A problem confined to one binary or module (a bad
// import, a broken go.mod or pgo.yaml) is a warning, never a failure of the whole graph.
import path from 'node:path';
import type { CreateNodesContext, CreateNodesResultArray, CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
// Not from @nx/devkit, whose entry loads ~500 modules (1–2 s) into the plugin worker on every
// graph computation; this is the module @nx/devkit re-exports it from.
import { AggregateCreateNodesError } from 'nx/src/project-graph/error-types';
import { GoScanError, type FactBinary } from '@go-pgo/core/graph';
import { BuildInputs } from './build-inputs';
import { workspaceFacts, type WorkspaceFacts } from './facts-cache';
import { normalizeOptions, type GoPgoPluginOptions, type PluginOptions } from './options';
import { pgoYamlPath } from './pgo-config';
import type { BinaryProfile } from './project-facts';
import { GoPgoPluginError } from './plugin-error';
import { binaryProjectNames, moduleProjectNames } from './project-names';
import { nxGoRegistered } from './root-ownership';
import { binaryTargets, BUILD_INPUTS } from './targets';

const GO_PROJECT_FILES = '**/{go.mod,go.work}';
/** Tag of every binary project (createDependencies looks for it). */
export const BINARY_TAG = 'go:binary';

export const createNodesV2: CreateNodesV2<GoPgoPluginOptions> = [GO_PROJECT_FILES, inferProjects];
/** The same pair: Nx 21 and later read `createNodes` with this (v2) signature. */
export const createNodes = createNodesV2;

async function inferProjects(
  configFiles: readonly string[],
  rawOptions: GoPgoPluginOptions | undefined,
  context: CreateNodesContext,
): Promise<CreateNodesResultArray> {
  // No go.mod that Nx sees (or that include/exclude lets through): nothing to scan for.
  if (!configFiles.some(isGoMod)) return [];
  let options: PluginOptions;
  let facts: WorkspaceFacts;
  let results: CreateNodesResultArray;
  try {
    options = normalizeOptions(rawOptions);
    facts = await workspaceFacts(context.workspaceRoot, options);
    const nxGo = nxGoRegistered(context.nxJsonConfiguration);
    results = projectsByFile(configFiles, facts, options, nxGo);
  } catch (error) {
    if (error instanceof GoPgoPluginError || error instanceof GoScanError) {
      throw new AggregateCreateNodesError([[error.file ?? null, error]], []);
    }
    throw error;
  }
  // Nx has no warning channel for plugins: stderr reaches the terminal when the graph is computed
  // in process (CI, NX_DAEMON=false); the project's description carries a binary's own.
  for (const warning of facts.warnings) console.warn(`@go-pgo/nx warning: ${warning}`);
  if (facts.errors.length > 0) throw new AggregateCreateNodesError([...facts.errors], results);
  return results;
}

function projectsByFile(configFiles: readonly string[], facts: WorkspaceFacts, options: PluginOptions, nxGo: boolean): CreateNodesResultArray {
  const { go, projects } = facts;
  const goModOf = new Map<string, string>();
  for (const file of configFiles) {
    if (isGoMod(file)) goModOf.set(path.posix.dirname(file), file);
  }
  const byFile = new Map<string, Record<string, ProjectConfiguration>>();
  const add = (moduleDir: string, root: string, project: ProjectConfiguration): void => {
    const file = goModOf.get(moduleDir)!;
    let entry = byFile.get(file);
    if (entry === undefined) byFile.set(file, (entry = {}));
    entry[root] = project;
  };

  const binaries = go.binaries.flatMap((binary, i) => {
    const profile = projects.profiles[i];
    const module = go.modules[binary.module]!;
    return profile !== undefined && goModOf.has(module.dir) ? [{ binary, profile, moduleDir: module.dir }] : [];
  });
  const binaryNames = binaryProjectNames(
    binaries.map(({ binary }) => ({ dir: binary.dir, name: binary.name, modulePath: go.modules[binary.module]!.path, importPath: binary.importPath })),
    options.nameTemplate,
  );
  const inputs = new BuildInputs(go);
  binaries.forEach(({ binary, profile, moduleDir }, i) => {
    const pgoYaml = pgoYamlPath(binary.dir);
    const targets = binaryTargets(
      {
        dir: binary.dir,
        name: binary.name,
        importPath: binary.importPath,
        moduleDir,
        profile: profile.profile,
        // With a broken pgo.yaml the executors read it themselves, and fail with its message.
        profileConfigured: profile.configError === undefined && (profile.explicit || profile.exists),
        profileExists: profile.exists,
        hasPgoYaml: profile.hasPgoYaml,
        pgoYaml,
        project: binaryNames[i]!,
        captureConfigured: profile.captureConfigured,
        benchConfigured: profile.benchConfigured,
        loadtestConfigured: profile.loadtestConfigured,
        canaryConfigured: profile.canaryConfigured,
      },
      options,
    );
    add(moduleDir, binary.dir, {
      root: binary.dir,
      name: binaryNames[i]!,
      projectType: 'application',
      tags: ['go', BINARY_TAG],
      metadata: { technologies: ['go'], description: describeBinary(binary, profile), targetGroups: { PGO: Object.keys(targets) } },
      namedInputs: { [BUILD_INPUTS]: inputs.of(binary, profile.profile, pgoYaml) },
      targets,
    });
  });

  if (options.moduleProjects && !nxGo) {
    // A module rooted at cmd/<name> is its binary's project already (opentelemetry-collector's
    // cmd/builder): a second project on that root would replace it.
    const taken = new Set([...projects.ownedModuleDirs, ...binaries.map(({ binary }) => binary.dir)]);
    const modules = go.modules.filter((m) => m.workspace && goModOf.has(m.dir) && !taken.has(m.dir));
    const names = moduleProjectNames(modules, new Set(binaryNames));
    modules.forEach((module, i) => {
      const project: ProjectConfiguration = {
        root: module.dir,
        name: names[i]!,
        projectType: 'library',
        tags: ['go', 'go:module'],
        metadata: { technologies: ['go'], description: `Go module ${module.path}` },
      };
      add(module.dir, module.dir, project);
    });
  }
  // In the order Nx handed the files over; a go.work or a go.mod without projects gives none.
  return configFiles.flatMap((file) => {
    const entry = byFile.get(file);
    return entry === undefined ? [] : [[file, { projects: entry }] as const];
  });
}

/** The project's description, with what is wrong with it, if anything: `nx show project` shows it. */
function describeBinary(binary: FactBinary, profile: BinaryProfile): string {
  const problems = [
    ...(binary.problems ?? []).map((problem) => `${problem} (pgo-build's inputs are every file of the module until this is fixed)`),
    ...(profile.configError !== undefined ? [profile.configError] : []),
  ];
  return [`Go binary ${binary.importPath}`, ...problems.map((problem) => `warning: ${problem}`)].join('; ');
}

function isGoMod(file: string): boolean {
  return path.posix.basename(file) === 'go.mod';
}
