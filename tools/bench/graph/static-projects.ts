// The "static" side of the graph benchmark: the projects @go-pgo/nx infers for a workspace,
// written out as one project.json per project, with the dependencies Nx made of its
// createDependencies as implicitDependencies, and no plugin registered. It is what the same
// projects cost Nx when written by hand: the reference for the plugin's own overhead.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
import type { Install } from './install';
import type { BenchWorkspace } from './workspace';

interface GraphFile {
  graph: { nodes: Record<string, { data: { root: string } }>; dependencies: Record<string, { target: string }[]> };
}

/**
 * Runs the installed plugin on `source` (a workspace with @go-pgo/nx registered) and writes its
 * projects into `target`, a workspace with the same files. Returns how many projects it wrote.
 */
export async function writeStaticProjects(install: Install, source: BenchWorkspace, target: BenchWorkspace, configFiles: readonly string[]): Promise<number> {
  // The plugin as the install has it (our tarballs), loaded the way Nx loads it.
  const plugin = require(path.join(install.dir, 'node_modules', '@go-pgo', 'nx')) as { createNodesV2: CreateNodesV2 };
  const results = await plugin.createNodesV2[1](configFiles, undefined, { workspaceRoot: source.root, nxJsonConfiguration: source.nxJson() });
  const dependencies = projectDependencies(source);
  let written = 0;
  for (const [, result] of results) {
    for (const [root, project] of Object.entries(result.projects ?? {})) {
      const { root: _root, ...config } = project as ProjectConfiguration;
      const implicit = dependencies.get(root);
      const json = { ...config, ...(implicit !== undefined && implicit.length > 0 && { implicitDependencies: implicit }) };
      writeFileSync(path.join(target.root, root, 'project.json'), `${JSON.stringify(json, null, 2)}\n`);
      written++;
    }
  }
  return written;
}

/** Project dependencies by source root, as Nx computed them for `workspace` (names of Go projects only). */
function projectDependencies(workspace: BenchWorkspace): Map<string, string[]> {
  const file = path.join(workspace.root, 'graph.json');
  workspace.nx(['graph', `--file=${file}`]);
  try {
    const { graph } = JSON.parse(readFileSync(file, 'utf8')) as GraphFile;
    const byRoot = new Map<string, string[]>();
    for (const [name, node] of Object.entries(graph.nodes)) {
      byRoot.set(node.data.root, (graph.dependencies[name] ?? []).map((d) => d.target).filter((t) => graph.nodes[t] !== undefined));
    }
    return byRoot;
  } finally {
    rmSync(file, { force: true });
  }
}
