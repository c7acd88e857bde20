// The Go toolchain as the oracle of the e2e tests: what a built binary says about its build
// (`go version -m`) and which workspace packages and files a binary compiles (`go list -deps`).
import path from 'node:path';
import type { Workspace } from './workspace';

/** The `build` settings `go version -m` prints for a binary, e.g. `-pgo` → `default.pgo`. */
export async function buildSettings(workspace: Workspace, binary: string): Promise<Map<string, string>> {
  const { stdout } = await workspace.exec('go', ['version', '-m', binary]);
  const settings = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [, kind, setting] = line.split('\t');
    if (kind !== 'build' || setting === undefined) continue;
    const equals = setting.indexOf('=');
    settings.set(setting.slice(0, equals), setting.slice(equals + 1));
  }
  if (settings.size === 0) throw new Error(`\`go version -m ${binary}\` printed no build settings:\n${stdout}`);
  return settings;
}

export interface ClosurePackage {
  /** Workspace-relative, `/`-separated. */
  dir: string;
  /** Directory of the module that holds it, workspace-relative. */
  moduleDir: string;
  /** The .go files the build compiles, workspace-relative. */
  files: string[];
}

/**
 * The workspace packages `go list -deps` puts in a binary's build, for this machine's
 * GOOS/GOARCH, standard library left out (the fixture needs no other module).
 */
export async function goListClosure(workspace: Workspace, binaryDir: string): Promise<ClosurePackage[]> {
  const format = '{{if not .Standard}}{{.Dir}}\t{{.Module.Dir}}\t{{join .GoFiles "\t"}}{{"\t"}}{{join .CgoFiles "\t"}}{{end}}';
  const { stdout } = await workspace.exec('go', ['list', '-deps', '-f', format, `./${binaryDir}`]);
  const relative = (file: string): string => path.relative(workspace.root, file).split(path.sep).join('/');
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [dir, moduleDir, ...names] = line.split('\t') as [string, string, ...string[]];
      if (!path.resolve(dir).startsWith(workspace.root + path.sep)) {
        throw new Error(`go list put ${dir}, outside the workspace, in the closure of ${binaryDir}`);
      }
      return {
        dir: relative(dir),
        moduleDir: relative(moduleDir),
        files: names.filter((n) => n !== '').map((n) => relative(path.join(dir, n))),
      };
    });
}
