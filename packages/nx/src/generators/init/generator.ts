// `nx g @go-pgo/nx:init` (also run by `nx add @go-pgo/nx`): registers the plugin in nx.json,
// marks profiles as binary for git, keeps raw captures and PGO build outputs out of git, and
// adds the plugin to the workspace's dependencies. Everything goes through the Tree, so
// --dry-run shows exactly what a real run writes; a second run changes nothing.
import { formatFiles, readNxJson, updateNxJson, writeJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { registerPlugin, type InitPluginOptions } from '../plugin-registration';
import { appendMissingLines, ignoredDir, PGO_ATTRIBUTES } from './git-lines';
import { validatePluginOptions } from './init-options';
import { ensurePluginDependency } from './plugin-dependency';

export interface InitGeneratorSchema extends InitPluginOptions {
  /** Leave package.json (and nx.json `installation`) alone. */
  skipPackageJson?: boolean;
  /** Do not run the workspace's formatter on the changed files. */
  skipFormat?: boolean;
}

/** Where pgo-build writes binaries and reports (`dist/go/<projectRoot>/<name>`). */
const BUILD_OUTPUT_DIR = 'dist/go';
/** Candidates, validation and bench reports: work products, not sources. */
const PGO_OUTPUT_DIR = 'dist/pgo';

export async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<GeneratorCallback | undefined> {
  const requested = validatePluginOptions(schema);

  const nxJson = readNxJson(tree) ?? {};
  if (registerPlugin(nxJson, requested)) {
    // updateNxJson only updates an existing file (keeping what an `extends` base provides).
    if (tree.exists('nx.json')) updateNxJson(tree, nxJson);
    else writeJson(tree, 'nx.json', nxJson);
  }

  appendMissingLines(tree, '.gitattributes', '# go-pgo: PGO profiles are binary (no diff, merge or line-ending conversion)', [PGO_ATTRIBUTES]);
  appendMissingLines(tree, '.gitignore', '# go-pgo: raw profile captures, refresh locks and PGO builds stay out of git', [
    ignoredDir('.pgo/captures/', '.pgo/captures'),
    ignoredDir('.pgo/locks/', '.pgo/locks'),
    ignoredDir(`/${BUILD_OUTPUT_DIR}/`, BUILD_OUTPUT_DIR),
    ignoredDir(`/${PGO_OUTPUT_DIR}/`, PGO_OUTPUT_DIR),
  ]);

  const install = schema.skipPackageJson ? undefined : ensurePluginDependency(tree);
  if (!schema.skipFormat) await formatFiles(tree);
  return install;
}

export default initGenerator;
