import fs, { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DependencyType,
  validateDependency,
  type CreateDependenciesContext,
  type FileData,
  type ProjectConfiguration,
  type RawProjectGraphDependency,
} from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import { copyFixture, goListDeps, projectsByRoot, removeWorkspace, runCreateNodes } from './go-workspace.spec-helper';
import type { GoPgoPluginOptions } from './options';

/** Every file of the workspace, relative and '/'-separated. */
function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.name === '.nx') return [];
    return entry.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** What Nx hands createDependencies: the projects by name, and each file under the deepest project root holding it. */
function dependenciesContext(root: string, projects: Record<string, ProjectConfiguration>): CreateDependenciesContext {
  const byName = Object.fromEntries(Object.values(projects).map((p) => [p.name!, p]));
  const roots = Object.values(projects).sort((a, b) => b.root.length - a.root.length);
  const projectFileMap: Record<string, FileData[]> = {};
  const nonProjectFiles: FileData[] = [];
  for (const file of listFiles(root)) {
    const owner = roots.find((p) => file.startsWith(`${p.root}/`));
    const data = { file, hash: '0' };
    if (owner === undefined) nonProjectFiles.push(data);
    else (projectFileMap[owner.name!] ??= []).push(data);
  }
  const fileMap = { projectFileMap, nonProjectFiles };
  return { externalNodes: {}, projects: byName, nxJsonConfiguration: {}, fileMap, filesToProcess: fileMap, workspaceRoot: root };
}

async function dependencies(root: string, options?: GoPgoPluginOptions, extra: Record<string, ProjectConfiguration> = {}): Promise<{ deps: RawProjectGraphDependency[]; context: CreateDependenciesContext }> {
  const projects = { ...projectsByRoot(await runCreateNodes(root, options)), ...extra };
  const context = dependenciesContext(root, projects);
  return { deps: await createDependencies(options, context), context };
}

const byEdge = (deps: RawProjectGraphDependency[]): string[] => deps.map((d) => `${d.source} -> ${d.target} (${'sourceFile' in d ? d.sourceFile : ''})`).sort();

describe('createDependencies on the e2e Go monorepo', () => {
  let root: string;
  beforeAll(() => (root = copyFixture()));
  afterAll(() => removeWorkspace(root));

  test('each binary depends on the module projects of its closure, its own included, through a file of its main package', async () => {
    const { deps, context } = await dependencies(root);
    expect(byEdge(deps)).toEqual([
      'report -> libs (tools/cmd/report/main.go)',
      'report -> tools (tools/cmd/report/main.go)',
      'services-api -> libs (services/cmd/api/main.go)',
      'services-api -> services (services/cmd/api/main.go)',
      'tools-api -> libs (tools/cmd/api/main.go)',
      'tools-api -> tools (tools/cmd/api/main.go)',
      'worker -> libs (services/cmd/worker/main.go)',
      'worker -> services (services/cmd/worker/main.go)',
    ]);
    for (const dep of deps) {
      expect(dep.type).toBe(DependencyType.static);
      // Nx's own check: the projects exist and the source file belongs to the source project.
      expect(() => validateDependency(dep, context)).not.toThrow();
    }
  });

  test('the modules depended on are those `go list -deps` reports for the binary', async () => {
    const { deps } = await dependencies(root);
    const moduleNames: Record<string, string> = { libs: 'libs', services: 'services', tools: 'tools' };
    const binaries = { 'services-api': ['services', './cmd/api'], worker: ['services', './cmd/worker'], 'tools-api': ['tools', './cmd/api'], report: ['tools', './cmd/report'] };
    for (const [name, [moduleDir, pkg]] of Object.entries(binaries)) {
      const expected = goListDeps(root, moduleDir!, pkg!).moduleDirs.map((dir) => moduleNames[dir]);
      expect(deps.filter((d) => d.source === name).map((d) => d.target).sort()).toEqual(expected.sort());
    }
  });

  test('right after createNodes it uses the same facts, without checking the files again', async () => {
    const projects = projectsByRoot(await runCreateNodes(root));
    const context = dependenciesContext(root, projects);
    const stat = jest.spyOn(fs, 'statSync');
    const read = jest.spyOn(fs, 'readFileSync');
    try {
      expect(await createDependencies({}, context)).toHaveLength(8);
      expect(stat).not.toHaveBeenCalled();
      expect(read).not.toHaveBeenCalled();
    } finally {
      stat.mockRestore();
      read.mockRestore();
    }
  });

  test('a module root owned by a project.json: binaries depend on that project, found by its root', async () => {
    writeFileSync(path.join(root, 'services/project.json'), '{ "name": "svc" }');
    try {
      const svc: ProjectConfiguration = { root: 'services', name: 'svc' };
      const { deps, context } = await dependencies(root, {}, { services: svc });
      expect(byEdge(deps).filter((edge) => edge.includes('svc'))).toEqual([
        'services-api -> svc (services/cmd/api/main.go)',
        'worker -> svc (services/cmd/worker/main.go)',
      ]);
      for (const dep of deps) expect(() => validateDependency(dep, context)).not.toThrow();
    } finally {
      rmSync(path.join(root, 'services/project.json'));
    }
  });

  test('without module projects there is nothing to depend on', async () => {
    const { deps } = await dependencies(root, { moduleProjects: false });
    expect(deps).toEqual([]);
  });
});
