// `nx g @go-pgo/nx:binary <name> [--directory]`: scaffolds `<directory>/cmd/<name>/pgo.yaml`,
// commented with the defaults, and, when that directory has no Go file yet, a main.go serving
// net/http/pprof. An existing pgo.yaml is replaced only with --force; existing Go files are
// never touched. When nx.json does not register the plugin yet, init runs first (as Nx
// application generators run their plugin's init), so the new binary becomes a project.
// Everything goes through the Tree, so --dry-run shows exactly what a real run writes.
import path from 'node:path';
import {
  formatFiles,
  generateFiles,
  logger,
  readNxJson,
  runTasksInSerial,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import initGenerator from '../init/generator';
import { effectivePluginOptions, findRegistrations } from '../plugin-registration';
import { BinaryOptionsError, normalizeBinaryOptions, type BinaryGeneratorSchema } from './binary-options';
import { resolveTargetDirectory, scanGoWorkspace } from './target-directory';

export type { BinaryGeneratorSchema } from './binary-options';

export async function binaryGenerator(tree: Tree, schema: BinaryGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeBinaryOptions(schema);
  const directory = resolveTargetDirectory(scanGoWorkspace(tree), options.directory);
  const binaryDir = directory === '.' ? `cmd/${options.name}` : `${directory}/cmd/${options.name}`;
  const configFile = `${binaryDir}/pgo.yaml`;

  if (tree.isFile(binaryDir)) throw new BinaryOptionsError(`${binaryDir} is a file: remove it, or choose another name or --directory`);
  if (tree.exists(configFile) && !options.force) {
    throw new BinaryOptionsError(`${configFile} already exists: edit it, or pass --force to replace it with the commented defaults`);
  }

  const tasks: GeneratorCallback[] = [];
  const nxJson = readNxJson(tree);
  if (nxJson === null || findRegistrations(nxJson).length === 0) {
    const install = await initGenerator(tree, { skipFormat: true });
    if (install !== undefined) tasks.push(install);
  }
  const { profile, targetPrefix } = effectivePluginOptions(readNxJson(tree));

  const newProgram = !hasGoFiles(tree, binaryDir);
  const substitutions = { name: options.name, port: options.port, profile: yamlScalar(profile), prefix: targetPrefix };
  generateFiles(tree, path.join(__dirname, 'files', 'config'), binaryDir, substitutions);
  if (newProgram) generateFiles(tree, path.join(__dirname, 'files', 'main'), binaryDir, substitutions);

  checkInferred(tree, binaryDir, newProgram);
  if (!options.skipFormat) await formatFiles(tree);

  const pprof = `localhost:${options.port}`;
  const target = (op: string): string => `${targetPrefix}${op}`;
  tasks.push(() => {
    logger.info(
      [
        newProgram
          ? `${binaryDir}/main.go serves net/http/pprof on ${pprof} (change it with -pprof-addr or PPROF_ADDR).`
          : `Make ${binaryDir} serve net/http/pprof (import _ "net/http/pprof") to capture profiles from it.`,
        // The plugin gives each binary the targets that have work to do (plugin/targets.ts).
        `Its project has ${target('build')} now (${target('build')}:off builds without PGO). More targets appear as there is work for them:`,
        `  ${target('verify')}, ${target('validate')}, ${target('rollback')} and ${target('roi')} once ${binaryDir}/${profile} exists;`,
        `  ${target('capture')}, ${target('merge')} and ${target('refresh')} once pgo.yaml lists capture.sources (${target('validate')} then checks the merged candidate);`,
        `  ${target('bench')} once pgo.yaml lists bench.packages.`,
        `Next: capture a CPU profile into ${binaryDir}/${profile} while the binary runs under load, e.g.`,
        `  curl -o ${binaryDir}/${profile} 'http://${pprof}/debug/pprof/profile?seconds=30'`,
        `then build it with PGO: nx run <project>:${target('build')} (nx show projects lists the binary's project).`,
      ].join('\n'),
    );
  });
  return runTasksInSerial(...tasks);
}

export default binaryGenerator;

function hasGoFiles(tree: Tree, dir: string): boolean {
  return tree.children(dir).some((name) => name.endsWith('.go') && tree.isFile(`${dir}/${name}`));
}

/**
 * The scaffold is only useful if the plugin infers a project from it: the same scan the
 * inference runs must find a binary in `binaryDir`. A new main.go that it would not find is an
 * error; existing Go files that are no main package yet only get a warning.
 */
function checkInferred(tree: Tree, binaryDir: string, newProgram: boolean): void {
  if (scanGoWorkspace(tree).binaries.some((binary) => binary.dir === binaryDir)) return;
  if (newProgram) {
    throw new BinaryOptionsError(
      `${binaryDir} would not become an Nx project: the Go workspace scan does not reach it (a directory on its path is named vendor, testdata, dist or node_modules, starts with '.' or '_', or holds a go.mod of a module outside the workspace): choose another name or --directory`,
    );
  }
  logger.warn(`${binaryDir} has Go files, but no main package the plugin would build: it infers no project there until they declare package main`);
}

/** A profile path as a YAML scalar: plain when it is a simple path, else double-quoted (JSON is valid YAML). */
function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^[-.]/.test(value) ? value : JSON.stringify(value);
}
