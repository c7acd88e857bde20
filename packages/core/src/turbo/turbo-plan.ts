// The files `go-pgo turbo init` writes, computed without writing anything: the root
// package.json (the binaries as workspaces, and the packageManager field Turborepo requires),
// the root turbo.json (shared task definitions), and per binary a package.json (npm scripts
// that run go-pgo) and a package turbo.json (its inputs and outputs). Each is merged into the
// existing file: keys go-pgo does not manage are kept, and a file whose value would not change
// is not rewritten, so a second run plans nothing.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { isJsonObject, readJsonObject, updatedText, type JsonFile, type JsonObject } from './json-file';
import { npmName, packageNames } from './package-names';
import type { TurboBinary } from './turbo-binaries';
import { TurboConfigError } from './turbo-error';
import { binaryScripts, binaryTasks, MANAGED_TASKS, rootTasks } from './turbo-tasks';
import { coveredByWorkspaces } from './workspace-globs';

export const TURBO_SCHEMA = 'https://turborepo.dev/schema.json';

export interface PlannedFile {
  /** Root-relative. */
  file: string;
  action: 'create' | 'update';
  text: string;
}

export interface TurboPlan {
  /** Package name per binary directory. */
  packages: Map<string, string>;
  /** Only the files that change. */
  files: PlannedFile[];
  /** Binary directories added to the root workspaces. */
  addedWorkspaces: string[];
  /** Things the user still has to do (install go-pgo, turbo; npm install). */
  notes: string[];
}

export interface PlanOptions {
  /** The version for `packageManager: npm@<version>` when the root package.json lacks one. */
  npmVersion: () => Promise<string>;
}

export async function planTurboFiles(root: string, binaries: readonly TurboBinary[], options: PlanOptions): Promise<TurboPlan> {
  const files: PlannedFile[] = [];
  const plan = (original: JsonFile, value: JsonObject): void => {
    const text = updatedText(original, value);
    if (text !== undefined) files.push({ file: original.file, action: original.text === undefined ? 'create' : 'update', text });
  };

  const rootPackage = await readJsonObject(root, 'package.json');
  const { value: rootValue, added } = await mergeRootPackage(root, rootPackage, binaries, options);
  plan(rootPackage, rootValue);
  plan(...(await mergeRootTurbo(root, binaries)));

  const binaryPackages = await Promise.all(binaries.map((b) => readJsonObject(root, `${b.dir}/package.json`)));
  const existingNames = new Map<string, string>();
  binaries.forEach((b, i) => {
    const name = binaryPackages[i]!.value['name'];
    if (typeof name === 'string' && name !== '') existingNames.set(b.dir, name);
  });
  const packages = packageNames(binaries, existingNames);
  for (const [i, b] of binaries.entries()) {
    plan(binaryPackages[i]!, mergeBinaryPackage(binaryPackages[i]!, b, packages.get(b.dir)!));
    const turbo = await readJsonObject(root, `${b.dir}/turbo.json`);
    plan(turbo, mergePackageTurbo(turbo, b));
  }
  return { packages, files, addedWorkspaces: added, notes: notesFor(rootValue, added) };
}

async function mergeRootPackage(
  root: string,
  original: JsonFile,
  binaries: readonly TurboBinary[],
  options: PlanOptions,
): Promise<{ value: JsonObject; added: string[] }> {
  if (await exists(path.join(root, 'pnpm-workspace.yaml'))) {
    throw new TurboConfigError(
      `pnpm-workspace.yaml: pnpm lists workspace packages there, which go-pgo turbo init does not edit: add ${binaries.map((b) => b.dir).join(', ')} to its packages, or use npm, yarn or bun workspaces`,
    );
  }
  const value: JsonObject = original.text === undefined ? { name: npmName(path.basename(root)), private: true } : { ...original.value };
  // Yarn 1 also accepts { packages: [...] }.
  const holder = isJsonObject(value['workspaces']) ? { ...value['workspaces'] } : value;
  const current = holder === value ? value['workspaces'] : holder['packages'];
  if (current !== undefined && !(Array.isArray(current) && current.every((p) => typeof p === 'string'))) {
    throw new TurboConfigError('package.json: "workspaces" is not a list of directory globs: fix it, then run go-pgo turbo init again');
  }
  const patterns = (current ?? []) as string[];
  const added = binaries.map((b) => b.dir).filter((dir) => !coveredByWorkspaces(patterns, dir));
  if (holder === value) value['workspaces'] = [...patterns, ...added];
  else value['workspaces'] = { ...holder, packages: [...patterns, ...added] };
  const devEngines = value['devEngines'];
  if (value['packageManager'] === undefined && !(isJsonObject(devEngines) && devEngines['packageManager'] !== undefined)) {
    value['packageManager'] = `npm@${await npmManagedVersion(root, options)}`;
  }
  return { value, added };
}

/** Turborepo refuses a repository without packageManager; it is set for npm only, whose version we can ask. */
async function npmManagedVersion(root: string, options: PlanOptions): Promise<string> {
  for (const lockfile of ['yarn.lock', 'bun.lock', 'bun.lockb']) {
    if (await exists(path.join(root, lockfile))) {
      throw new TurboConfigError(`package.json: Turborepo needs a "packageManager" field, and ${lockfile} says this is not npm: add "packageManager": "<manager>@<version>", then run go-pgo turbo init again`);
    }
  }
  return options.npmVersion();
}

async function mergeRootTurbo(root: string, binaries: readonly TurboBinary[]): Promise<[JsonFile, JsonObject]> {
  const original = await readJsonObject(root, 'turbo.json');
  if (original.value['pipeline'] !== undefined && original.value['tasks'] === undefined) {
    throw new TurboConfigError('turbo.json: it has "pipeline", the Turborepo 1.x schema; go-pgo writes Turborepo 2 "tasks": migrate with npx @turbo/codemod migrate, then run go-pgo turbo init again');
  }
  const value: JsonObject = original.text === undefined ? { $schema: TURBO_SCHEMA } : { ...original.value };
  const tasks = objectAt(value, 'tasks', original.file);
  for (const [name, ours] of Object.entries(rootTasks(binaries))) {
    const task = { ...objectAt(tasks, name, `${original.file} tasks`) };
    for (const [key, wanted] of Object.entries(ours)) {
      // Lists keep what the user added after ours (an extra env variable, a dependency).
      task[key] = Array.isArray(wanted) && Array.isArray(task[key]) ? union(wanted, task[key] as unknown[]) : wanted;
    }
    tasks[name] = task;
  }
  value['tasks'] = tasks;
  return [original, value];
}

function mergeBinaryPackage(original: JsonFile, b: TurboBinary, name: string): JsonObject {
  const value: JsonObject = original.text === undefined ? { name, private: true } : { ...original.value };
  value['name'] ??= name;
  const scripts = objectAt(value, 'scripts', original.file);
  const ours = binaryScripts(b);
  for (const task of MANAGED_TASKS) {
    if (ours[task] !== undefined) scripts[task] = ours[task];
    // A task pgo.yaml no longer enables: its script would fail. Only our own are removed.
    else if (typeof scripts[task] === 'string' && (scripts[task] as string).startsWith('go-pgo ')) delete scripts[task];
  }
  value['scripts'] = scripts;
  return value;
}

function mergePackageTurbo(original: JsonFile, b: TurboBinary): JsonObject {
  const value: JsonObject = original.text === undefined ? { $schema: TURBO_SCHEMA, extends: ['//'] } : extendingRoot(original.value);
  const tasks = objectAt(value, 'tasks', original.file);
  const ours = binaryTasks(b);
  for (const task of MANAGED_TASKS) {
    const config = ours[task];
    if (config !== undefined) tasks[task] = { ...objectAt(tasks, task, `${original.file} tasks`), ...config };
    else delete tasks[task];
  }
  value['tasks'] = tasks;
  return value;
}

/** A package configuration must extend the root first; the key keeps its place. */
function extendingRoot(config: JsonObject): JsonObject {
  const current = config['extends'];
  const wanted = ['//', ...(Array.isArray(current) ? current.filter((e) => e !== '//') : [])];
  return 'extends' in config ? { ...config, extends: wanted } : { extends: wanted, ...config };
}

function notesFor(rootPackage: JsonObject, added: readonly string[]): string[] {
  const dependencies = { ...asObject(rootPackage['dependencies']), ...asObject(rootPackage['devDependencies']) };
  return [
    ...(dependencies['@go-pgo/core'] === undefined ? ['the scripts run go-pgo: add it to the root, npm install -D @go-pgo/core (npm run finds the root node_modules/.bin)'] : []),
    ...(dependencies['turbo'] === undefined ? ['add Turborepo to the root: npm install -D turbo'] : []),
    ...(added.length > 0 ? ['run npm install to link the new workspace packages and update package-lock.json'] : []),
    're-run go-pgo turbo init after changing imports or adding a binary; go-pgo turbo check fails when the generated files are stale',
  ];
}

/** A copy of the object at `parent[key]` (empty when absent); anything else there is an error. */
function objectAt(parent: JsonObject, key: string, where: string): JsonObject {
  const value = parent[key];
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw new TurboConfigError(`${where}: "${key}" is not an object: fix it, then run go-pgo turbo init again`);
  return { ...value };
}

function asObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function union(first: readonly unknown[], second: readonly unknown[]): unknown[] {
  return [...first, ...second.filter((item) => !first.includes(item))];
}

function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}
