// Synthetic Go workspaces for the graph benchmark: N binaries (`cmd/<name>`), each importing
// several shared packages, in one of two shapes — one module, or a go.work of 10 modules
// whose binaries also import the first module's shared packages — and in one of two states:
// bootstrap (no binary has a profile or a pgo.yaml, as when a team starts) or configured (every
// binary has a pgo.yaml with capture sources and bench packages, and a committed profile).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Shape = 'module' | 'work';

export const SHAPES: readonly Shape[] = ['module', 'work'];
export type State = 'bootstrap' | 'configured';
export const STATES: readonly State[] = ['bootstrap', 'configured'];
const WORK_MODULES = 10;
/** Shared packages per module, chained (lib1 imports lib0, …) so closures have depth. */
const SHARED_PACKAGES = 5;
/** Shared packages each binary imports directly. */
const IMPORTS_PER_BINARY = 3;
const GO_VERSION = '1.22';

/** The go.mod and go.work files of a shape, workspace-relative: what Nx hands the plugin. */
export function goProjectFiles(shape: Shape): string[] {
  return shape === 'module' ? ['app/go.mod'] : ['go.work', ...Array.from({ length: WORK_MODULES }, (_, i) => `mod${i}/go.mod`)];
}

export interface Binary {
  /** Module directory, workspace-relative. */
  module: string;
  /** Binary directory, workspace-relative. */
  dir: string;
}

/** Writes the Go sources of a workspace into root, and the PGO files of `state`; returns its binaries. */
export function writeGoWorkspace(root: string, shape: Shape, state: State, binaries: number): Binary[] {
  const modules = goProjectFiles(shape).filter((f) => f.endsWith('/go.mod')).map((f) => path.posix.dirname(f));
  if (shape === 'work') {
    write(root, 'go.work', `go ${GO_VERSION}\n\nuse (\n${modules.map((m) => `\t./${m}\n`).join('')})\n`);
  }
  const result: Binary[] = [];
  modules.forEach((module, m) => {
    // Workspace modules resolve each other through go.work; the require documents the edge.
    const requires = m === 0 ? '' : `\nrequire example.com/${modules[0]} v0.0.0\n`;
    write(root, `${module}/go.mod`, `module example.com/${module}\n\ngo ${GO_VERSION}\n${requires}`);
    for (let lib = 0; lib < SHARED_PACKAGES; lib++) writeSharedPackage(root, module, lib);
    const count = Math.floor(binaries / modules.length) + (m < binaries % modules.length ? 1 : 0);
    for (let b = 0; b < count; b++) {
      const name = `bin${String(result.length).padStart(4, '0')}`;
      const imports = Array.from({ length: IMPORTS_PER_BINARY }, (_, i) => `example.com/${module}/internal/lib${(b + i) % SHARED_PACKAGES}`);
      if (m !== 0) imports.push(`example.com/${modules[0]}/internal/lib${b % SHARED_PACKAGES}`);
      writeBinary(root, `${module}/cmd/${name}`, imports);
      if (state === 'configured') writePgoFiles(root, `${module}/cmd/${name}`);
      result.push({ module, dir: `${module}/cmd/${name}` });
    }
  });
  return result;
}

function writeSharedPackage(root: string, module: string, lib: number): void {
  const imports = lib === 0 ? ['strings'] : ['strings', `example.com/${module}/internal/lib${lib - 1}`];
  const previous = lib === 0 ? 'strings.ToUpper(s)' : `lib${lib - 1}.Transform(strings.TrimSpace(s))`;
  const source = [
    `package lib${lib}`,
    '',
    `import (\n${imports.map((i) => `\t"${i}"\n`).join('')})`,
    '',
    `// Transform is a stand-in for shared library code.`,
    `func Transform(s string) string { return ${previous} + "${lib}" }`,
    '',
  ].join('\n');
  write(root, `${module}/internal/lib${lib}/lib.go`, source);
}

function writeBinary(root: string, dir: string, imports: readonly string[]): void {
  // Two imports of the same lib name across modules would clash: alias by position.
  const aliased = imports.map((i, n) => `\tp${n} "${i}"`);
  const body = imports.map((_, n) => `\ts = p${n}.Transform(s)`);
  const source = [
    'package main',
    '',
    `import (\n\t"fmt"\n${aliased.join('\n')}\n)`,
    '',
    'func main() {',
    '\ts := "hello"',
    ...body,
    '\tfmt.Println(s)',
    '}',
    '',
  ].join('\n');
  write(root, `${dir}/main.go`, source);
}

/**
 * pgo.yaml with a capture source and a bench package (so the binary gets every target), and a
 * profile. The graph only checks that the profile exists; these bytes are never built with.
 */
function writePgoFiles(root: string, dir: string): void {
  write(root, `${dir}/pgo.yaml`, 'capture:\n  sources:\n    - http: { urls: [http://127.0.0.1:6060] }\nbench:\n  packages: [./internal/lib0]\n');
  write(root, `${dir}/default.pgo`, 'not a profile: the graph does not read it\n');
}

function write(root: string, relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
