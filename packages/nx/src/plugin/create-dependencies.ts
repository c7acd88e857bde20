// Each binary depends on the projects whose roots are its closure's modules (its own included):
// a change to a shared package, or to a go.mod, is a change to the module's project, so
// `nx affected` reaches every binary that imports from that module. Projects are found by root,
// so a module project of another plugin (project.json, @nx-go/nx-go) serves as well as ours.
// Affected is per module; pgo-build's inputs are per package, so the cache still rebuilds only
// the binaries whose closure changed.
import type { CreateDependencies, RawProjectGraphDependency } from '@nx/devkit';
// Not from @nx/devkit, whose entry is slow to load (see create-nodes.ts).
import { DependencyType } from 'nx/src/config/project-graph';
import { graphFacts } from './facts-cache';
import { normalizeOptions, type GoPgoPluginOptions } from './options';
import { BINARY_TAG } from './create-nodes';

export const createDependencies: CreateDependencies<GoPgoPluginOptions> = async (rawOptions, context) => {
  // Without binary projects (no go.mod that Nx sees) there is nothing to scan for.
  if (!Object.values(context.projects).some((project) => project.tags?.includes(BINARY_TAG))) return [];
  const { go } = await graphFacts(context.workspaceRoot, normalizeOptions(rawOptions));
  const projectAt = new Map<string, string>();
  for (const [name, project] of Object.entries(context.projects)) projectAt.set(project.root, name);

  const dependencies: RawProjectGraphDependency[] = [];
  for (const binary of go.binaries) {
    const source = projectAt.get(binary.dir);
    if (source === undefined) continue;
    // Nx wants a file of the source project. The closure is transitive, so no single import
    // line causes the dependency: the first file of the main package stands for the binary.
    const projectFiles = new Set((context.fileMap.projectFileMap[source] ?? []).map((f) => f.file));
    const sourceFile = binary.files.find((file) => projectFiles.has(file));
    if (sourceFile === undefined) continue;
    const targets = new Set<string>();
    for (const p of binary.closure) {
      const target = projectAt.get(go.modules[go.packages[p]!.module]!.dir);
      if (target !== undefined && target !== source) targets.add(target);
    }
    for (const target of targets) dependencies.push({ source, target, type: DependencyType.static, sourceFile });
  }
  return dependencies;
};
