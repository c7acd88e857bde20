// A throwaway copy of the e2e Go monorepo with an nx.json, the plugin run on it as Nx runs it,
// and the go command's answers about it (the oracle of the inputs).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreateNodesResultArray, NxJsonConfiguration, ProjectConfiguration } from '@nx/devkit';
import { createNodesV2 } from './create-nodes';
import type { GoPgoPluginOptions } from './options';

const fixtureDir = path.resolve(__dirname, '../../../../e2e/fixtures/go-monorepo');
export const FIXTURE_CONFIG_FILES = ['go.work', 'libs/go.mod', 'services/go.mod', 'tools/go.mod'];
/**
 * An hour before the tests started: files this old are vouched for by their mtime
 * (read-records.ts, RACY_MS). One time for all, so settling a file twice does not touch it.
 */
export const SETTLED = new Date(Date.now() - 3_600_000);

/** A copy of the fixture in a temporary directory, every mtime an hour old. */
export function copyFixture(prefix = 'go-pgo-nx-'): string {
  // Real path: the go command reports directories with links resolved.
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  cpSync(fixtureDir, root, { recursive: true });
  writeFileSync(path.join(root, 'nx.json'), '{}\n');
  settle(root, true);
  return root;
}

/**
 * Sets the mtime of the files under `dir` (and of the directories, with `dirs`) to SETTLED, as
 * if they had been there for a while. Directories changed by a test keep their new mtime, as
 * they would in real life: setting it back could hide the change.
 */
export function settle(dir: string, dirs = false): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) settle(p, dirs);
    else utimesSync(p, SETTLED, SETTLED);
  }
  if (dirs) utimesSync(dir, SETTLED, SETTLED);
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function runCreateNodes(
  root: string,
  options?: GoPgoPluginOptions,
  configFiles: readonly string[] = FIXTURE_CONFIG_FILES,
  nxJson: NxJsonConfiguration = {},
): Promise<CreateNodesResultArray> {
  return Promise.resolve(createNodesV2[1](configFiles, options, { workspaceRoot: root, nxJsonConfiguration: nxJson }));
}

/** The projects of all results, by root. */
export function projectsByRoot(results: CreateNodesResultArray): Record<string, ProjectConfiguration> {
  const projects: Record<string, ProjectConfiguration> = {};
  for (const [, result] of results) {
    for (const [root, project] of Object.entries(result.projects ?? {})) projects[root] = { ...project, root };
  }
  return projects;
}

const goEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...process.env, GOTOOLCHAIN: 'local', GOWORK: '', ...env });

export interface GoListDeps {
  /** Workspace-relative directories of the non-standard packages, sorted. */
  packageDirs: string[];
  /**
   * Per package directory, the source files the build leaves out (go list's IgnoredGoFiles and
   * IgnoredOtherFiles, tests aside, plus the _ and . names go list does not report), sorted.
   */
  excluded: Record<string, string[]>;
  /** Workspace-relative directories of their modules, sorted, each once. */
  moduleDirs: string[];
}

/** `go list -deps` of `pkg`, run in `moduleDir` (a go.work at the root applies unless `env` says GOWORK=off). */
export function goListDeps(root: string, moduleDir: string, pkg: string, env: NodeJS.ProcessEnv = {}): GoListDeps {
  const format = '{{if not .Standard}}{{.Dir}}|{{.Module.Dir}}|{{join .IgnoredGoFiles ","}},{{join .IgnoredOtherFiles ","}}{{end}}';
  const out = execFileSync('go', ['list', '-deps', '-f', format, pkg], { cwd: path.join(root, moduleDir), env: goEnv(env), encoding: 'utf8' });
  const lines = out.split('\n').filter((line) => line !== '').map((line) => line.split('|') as [string, string, string]);
  const excluded: Record<string, string[]> = {};
  for (const [dir, , ignored] of lines) {
    const hidden = readdirSync(dir).filter((name) => (name[0] === '_' || name[0] === '.') && /\.(go|c|h|s|S|syso)$/.test(name) && !name.endsWith('_test.go'));
    excluded[relativeDirs(root, [dir])[0]!] = [...ignored.split(','), ...hidden].filter((name) => name !== '' && !name.endsWith('_test.go')).sort();
  }
  return {
    packageDirs: relativeDirs(root, lines.map(([dir]) => dir)),
    excluded,
    moduleDirs: [...new Set(relativeDirs(root, lines.map(([, module]) => module)))],
  };
}

/** `go list -m`: the workspace-relative directories of the main modules (every go.work module), sorted. */
export function goListMainModuleDirs(root: string): string[] {
  const out = execFileSync('go', ['list', '-m', '-f', '{{.Dir}}'], { cwd: root, env: goEnv({}), encoding: 'utf8' });
  return relativeDirs(
    root,
    out.split('\n').filter((line) => line !== ''),
  );
}

function relativeDirs(root: string, dirs: string[]): string[] {
  return dirs.map((dir) => path.relative(root, dir).split(path.sep).join('/') || '.').sort();
}
