// Makes the workspace depend on this plugin, as Nx init generators do, so that a checkout
// installs it. With a root package.json it becomes a devDependency; the install runs in the
// returned task, which Nx calls after writing the tree and never on --dry-run. (devkit's
// addDependenciesToPackageJson would also add an empty "dependencies".) A workspace without
// package.json (Nx installed through nx.json `installation`, common in Go repositories) lists
// it under `installation.plugins`, which the nx wrapper installs by itself.
import { installPackagesTask, readJson, readNxJson, updateJson, updateNxJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { PLUGIN_PACKAGE, PLUGIN_VERSION } from '../package-info';

interface PackageJsonDependencies {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Returns the install task when package.json gained the dependency, else undefined. */
export function ensurePluginDependency(tree: Tree): GeneratorCallback | undefined {
  if (tree.exists('package.json')) {
    const manifest = readJson<PackageJsonDependencies>(tree, 'package.json');
    if (manifest.dependencies?.[PLUGIN_PACKAGE] !== undefined || manifest.devDependencies?.[PLUGIN_PACKAGE] !== undefined) return undefined;
    updateJson<PackageJsonDependencies>(tree, 'package.json', (json) => {
      const entries = Object.entries({ ...json.devDependencies, [PLUGIN_PACKAGE]: PLUGIN_VERSION });
      // npm's own order, so that the install does not reorder them again.
      json.devDependencies = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b, 'en')));
      return json;
    });
    return () => installPackagesTask(tree);
  }
  const nxJson = readNxJson(tree);
  const installation = nxJson?.installation;
  if (nxJson !== null && installation !== undefined && installation.plugins?.[PLUGIN_PACKAGE] === undefined) {
    installation.plugins = { ...installation.plugins, [PLUGIN_PACKAGE]: PLUGIN_VERSION };
    updateNxJson(tree, nxJson);
  }
  return undefined;
}
