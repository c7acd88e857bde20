// `nx g @go-pgo/nx:runbook <project>`: writes docs/pgo/<project>.md, the binary's one-page PGO
// runbook, from what the workspace says: the project graph (root, profile), pgo.yaml read through
// core (capture sources) and the pgo-bench history (the latest accepted gain). It reads the disk
// and writes only through the Tree, so --dry-run shows exactly the file a real run writes.
import path from 'node:path';
import { logger, readNxJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { historyFile, lastAccepted, loadPgoSettings, readHistory, type PgoDefaults } from '@go-pgo/core';
import { describeCron } from '../ci/refresh-schedule';
import { binaryProjects, graphProjects, type ProjectsReader } from '../ci/workspace-binaries';
import { effectivePluginOptions, findRegistrations, registeredOptions } from '../plugin-registration';
import { describeSource } from './capture-sources';
import { normalizeRunbookOptions, RunbookOptionsError, type RunbookGeneratorSchema } from './runbook-options';
import { runbookText } from './runbook-text';

export type { RunbookGeneratorSchema } from './runbook-options';

export async function runbookGenerator(tree: Tree, schema: RunbookGeneratorSchema, readProjects: ProjectsReader = graphProjects): Promise<GeneratorCallback> {
  const options = normalizeRunbookOptions(schema);
  const nxJson = readNxJson(tree);
  const { targetPrefix } = effectivePluginOptions(nxJson);
  const binaries = binaryProjects(await readProjects(), targetPrefix);
  const binary = binaries.find((b) => b.name === options.project);
  if (binary === undefined) {
    throw new RunbookOptionsError(
      `${options.project} is not a Go binary project (no ${targetPrefix}build target run by @go-pgo/nx:build): choose one of ${binaries.map((b) => b.name).join(', ') || '(none: scaffold one with nx g @go-pgo/nx:binary <name>)'}`,
    );
  }

  const root = tree.root;
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const settings = await loadPgoSettings(
    { workspaceRoot: root, binaryDir: path.join(root, binary.root), moduleRoot: path.join(root, binary.moduleRoot) },
    pluginDefaults(nxJson),
  );
  const history = historyFile(root, binary.name);
  const { rows } = await readHistory(history, relative(history));
  const file = `docs/pgo/${binary.name}.md`;
  const text = runbookText({
    project: binary.name,
    binaryDir: binary.root,
    profile: binary.profile ?? relative(settings.profile),
    pgoYaml: settings.file === undefined ? undefined : relative(settings.file),
    targetPrefix,
    cadence: describeCron(options.cron),
    sources: settings.capture.sources.map((source) => describeSource(source, relative)),
    measured: lastAccepted(rows),
    historyFile: relative(history),
    report: binary.root === '.' ? 'dist/pgo/bench' : `dist/pgo/${binary.root}/bench`,
  });
  if (tree.exists(file) && !options.force && tree.read(file, 'utf8') !== text) {
    throw new RunbookOptionsError(`${file} already exists with other content: pass --force to regenerate it (edits made by hand are lost), or compare with --dry-run`);
  }
  tree.write(file, text);
  return () => logger.info(`${file}: the PGO runbook of ${binary.name}.`);
}

export default runbookGenerator;

/** The plugin's `defaults` and `profile` options in nx.json, layered as the graph layers them. */
function pluginDefaults(nxJson: ReturnType<typeof readNxJson>): PgoDefaults | undefined {
  const registrations = nxJson === null ? [] : findRegistrations(nxJson);
  if (registrations.length === 0) return undefined;
  const options = registeredOptions(registrations[0]!.entry) as { defaults?: PgoDefaults; profile?: string };
  return { ...options.defaults, ...(options.profile !== undefined && { profile: options.profile }) };
}
