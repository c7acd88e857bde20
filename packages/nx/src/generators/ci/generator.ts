// `nx g @go-pgo/nx:ci [--provider github|gitlab]`: the CI side of PGO as release engineering.
// Pull requests build, verify and benchmark the affected binaries; a weekly schedule refreshes
// the profile of each binary that has capture sources (found in the project graph). Everything
// goes through the Tree, so --dry-run lists exactly the files a real run writes.
import { logger, readNxJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { effectivePluginOptions } from '../plugin-registration';
import { CiOptionsError, normalizeCiOptions, type CiGeneratorSchema } from './ci-options';
import { githubWorkflow, GITHUB_WORKFLOW_FILE } from './github-workflow';
import { GITLAB_INCLUDE_FILE, GITLAB_ROOT_FILE, gitlabPipeline, gitlabRootFile } from './gitlab-pipeline';
import { goRelease, goVersionFile } from './go-release';
import type { PipelineSpec } from './pipeline-spec';
import { describeCron } from './refresh-schedule';
import { binaryProjects, graphProjects, type ProjectsReader } from './workspace-binaries';

export type { CiGeneratorSchema } from './ci-options';

export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema, readProjects: ProjectsReader = graphProjects): Promise<GeneratorCallback> {
  const options = normalizeCiOptions(schema);
  const { targetPrefix } = effectivePluginOptions(readNxJson(tree));
  const binaries = binaryProjects(await readProjects(), targetPrefix);
  if (binaries.length === 0) {
    throw new CiOptionsError(
      `no Go binary project in the workspace (no project has a ${targetPrefix}build target run by @go-pgo/nx:build): register the plugin (nx g @go-pgo/nx:init) and scaffold a binary (nx g @go-pgo/nx:binary <name>) first`,
    );
  }
  const versionFile = goVersionFile(tree);
  const name = (op: string): string => `${targetPrefix}${op}`;
  const spec: PipelineSpec = {
    targets: { build: name('build'), verify: name('verify'), bench: name('bench'), refresh: name('refresh') },
    refreshProjects: binaries.filter((b) => b.hasCapture).map((b) => b.name),
    cron: options.cron,
    scheduleText: describeCron(options.cron),
    nodeVersion: options.nodeVersion,
    goVersionFile: versionFile,
    goRelease: goRelease(tree, versionFile),
  };

  const files: [string, string][] =
    options.provider === 'github'
      ? [[GITHUB_WORKFLOW_FILE, githubWorkflow(spec)]]
      : [[GITLAB_INCLUDE_FILE, gitlabPipeline(spec)], ...(tree.exists(GITLAB_ROOT_FILE) ? [] : [[GITLAB_ROOT_FILE, gitlabRootFile()] as [string, string]])];
  for (const [file] of files) {
    if (tree.exists(file) && !options.force && tree.read(file, 'utf8') !== files.find(([f]) => f === file)![1]) {
      throw new CiOptionsError(`${file} already exists: compare it with a --dry-run of this generator, or pass --force to replace it`);
    }
  }
  for (const [file, text] of files) tree.write(file, text);

  const rootNeedsInclude = options.provider === 'gitlab' && !(tree.read(GITLAB_ROOT_FILE, 'utf8') ?? '').includes(GITLAB_INCLUDE_FILE);
  return () => {
    const written = files.map(([file]) => file).join(' and ');
    const refresh = spec.refreshProjects.length === 0 ? 'no binary has capture sources, so nothing is refreshed on a schedule' : `${spec.scheduleText}, ${spec.refreshProjects.join(', ')} get refreshed`;
    logger.info(`${written}: pull requests run ${spec.targets.build}, ${spec.targets.verify} and ${spec.targets.bench} on the affected binaries; ${refresh}.`);
    if (rootNeedsInclude) logger.warn(`${GITLAB_ROOT_FILE} exists and does not include the PGO jobs: add "include: [{ local: ${GITLAB_INCLUDE_FILE} }]" to it.`);
  };
}

export default ciGenerator;
