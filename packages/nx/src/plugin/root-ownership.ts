// Whether a Go module's directory already is another plugin's project, in which case the plugin
// adds no module project there (two projects on one root would merge into one, under whichever
// name wins). The signs, documented in README.md: a project.json there, a package.json there
// with an "nx" key, or @nx-go/nx-go registered in nx.json (it makes a project of every go.mod).
import path from 'node:path';
import type { NxJsonConfiguration } from '@nx/devkit';
import type { GoFileReader } from '@go-pgo/core/graph';
import { GoPgoPluginError } from './plugin-error';

const NX_GO = '@nx-go/nx-go';

/** `dir` is workspace-relative, `root` absolute. */
export function hasProjectFile(reader: GoFileReader, root: string, dir: string): boolean {
  if (reader.stat(path.join(root, dir, 'project.json')) === 'file') return true;
  const packageJson = path.join(root, dir, 'package.json');
  if (reader.stat(packageJson) !== 'file') return false;
  let manifest: unknown;
  try {
    manifest = JSON.parse(reader.readFile(packageJson));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new GoPgoPluginError(path.posix.join(dir, 'package.json'), `is not valid JSON (${error.message}): fix it`, undefined, { cause: error });
  }
  return typeof manifest === 'object' && manifest !== null && 'nx' in manifest;
}

/** Whether nx.json registers @nx-go/nx-go, as a name or as `{ plugin }`. */
export function nxGoRegistered(nxJson: NxJsonConfiguration): boolean {
  return (nxJson.plugins ?? []).some((entry) => (typeof entry === 'string' ? entry : entry.plugin) === NX_GO);
}
