// The Go binaries of the workspace as the project graph has them: every project whose
// <prefix>build target runs @go-pgo/nx:build. A binary has capture sources iff the plugin gave
// it a <prefix>capture target (pgo.yaml, or the plugin defaults, lists sources), which is what
// the scheduled refresh needs. Read from the graph, so project names are the ones `nx run` takes.
import { createProjectGraphAsync, readProjectsConfigurationFromProjectGraph, type ProjectConfiguration } from '@nx/devkit';

export interface BinaryProject {
  /** The Nx project name. */
  name: string;
  /** Workspace-relative cmd/<name> directory. */
  root: string;
  /** Workspace-relative module directory, from the build target's options. */
  moduleRoot: string;
  /** Workspace-relative profile the build target compiles with; absent when none is configured. */
  profile?: string;
  hasCapture: boolean;
  hasBench: boolean;
}

/** The projects of the workspace by name. Generators take it as a parameter so tests can hand in the plugin's own inference. */
export type ProjectsReader = () => Promise<Record<string, ProjectConfiguration>>;

/** The projects of the real project graph (what `nx show projects` lists). */
export const graphProjects: ProjectsReader = async () => readProjectsConfigurationFromProjectGraph(await createProjectGraphAsync({ exitOnError: false })).projects;

export function binaryProjects(projects: Record<string, ProjectConfiguration>, targetPrefix: string): BinaryProject[] {
  const binaries: BinaryProject[] = [];
  for (const [name, project] of Object.entries(projects)) {
    const build = project.targets?.[`${targetPrefix}build`];
    if (build?.executor !== '@go-pgo/nx:build') continue;
    const options = (build.options ?? {}) as { moduleRoot?: unknown; profile?: unknown };
    binaries.push({
      name,
      root: project.root,
      moduleRoot: typeof options.moduleRoot === 'string' ? options.moduleRoot : project.root,
      ...(typeof options.profile === 'string' && { profile: options.profile }),
      hasCapture: project.targets?.[`${targetPrefix}capture`] !== undefined,
      hasBench: project.targets?.[`${targetPrefix}bench`] !== undefined,
    });
  }
  return binaries.sort((a, b) => a.name.localeCompare(b.name));
}
