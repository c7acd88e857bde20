// The binaries of the go-monorepo fixture (see its README) and the Nx projects the plugin
// infers for them, found the way a user would: `nx show projects` and `nx show project`.
import type { Workspace } from './workspace';

export interface FixtureBinary {
  /** Directory, workspace-relative: the project root. */
  root: string;
  /** The `cmd/<name>` name. */
  name: string;
  /** Directory of its Go module. */
  module: string;
}

export const FIXTURE_BINARIES: readonly FixtureBinary[] = [
  { root: 'services/cmd/api', name: 'api', module: 'services' },
  { root: 'tools/cmd/api', name: 'api', module: 'tools' },
  { root: 'services/cmd/worker', name: 'worker', module: 'services' },
  { root: 'tools/cmd/report', name: 'report', module: 'tools' },
];

/** The subset of Nx's project configuration the tests read. */
export interface ProjectJson {
  name: string;
  root: string;
  namedInputs?: Record<string, unknown[]>;
  targets: Record<string, TargetJson>;
  metadata?: { targetGroups?: Record<string, string[]> };
}

export interface TargetJson {
  executor?: string;
  cache?: boolean;
  inputs?: unknown[];
  outputs?: string[];
  dependsOn?: unknown[];
  configurations?: Record<string, unknown>;
  metadata?: {
    description?: string;
    technologies?: string[];
    help?: { command?: string; example?: unknown };
  };
}

/** Projects with a `pgo-build` target, by root, each read with `nx show project <name> --json`. */
export async function binaryProjects(workspace: Workspace): Promise<Map<string, ProjectJson>> {
  const names = JSON.parse((await workspace.nx(['show', 'projects', '--with-target', 'pgo-build', '--json'])).stdout) as string[];
  const projects = new Map<string, ProjectJson>();
  for (const name of names) {
    const project = JSON.parse((await workspace.nx(['show', 'project', name, '--json'])).stdout) as ProjectJson;
    projects.set(project.root, project);
  }
  return projects;
}

/** The project of each fixture binary; fails naming the binary the plugin did not infer. */
export function projectOf(projects: Map<string, ProjectJson>, binary: FixtureBinary): ProjectJson {
  const project = projects.get(binary.root);
  if (!project) throw new Error(`no project with a pgo-build target has root ${binary.root}; roots: ${[...projects.keys()].join(', ')}`);
  return project;
}
