// tools/bench/graph: the Nx project graph with @go-pgo/nx against bare Nx (the same tree, no
// plugin) and against "static" (the plugin's own output written as project.json files, no
// plugin), and on request against "noop" (a plugin that infers nothing), on synthetic Go workspaces: one module or a go.work of 10 modules; bootstrap (no
// profile, no pgo.yaml) or configured (every binary has both); any number of binaries. Also the
// daemon's recomputation after a one-file edit, @nx-go/nx-go on request, and cached
// `nx run-many -t pgo-build` against `go build` of the same binaries.
// Usage: npx tsc -p tools/bench && node tools/bench/dist/bench/graph/run.js
//   [--sizes 1000,5000] [--shapes module,work] [--states bootstrap,configured]
//   [--sides bare,static,go-pgo[,noop][,nx-go]] [--runs N] [--daemon-edits N] [--build-size N] [--keep]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../test-support/repo-root';
import { median } from '../measure';
import { benchEnv } from './env';
import { prepareInstall } from './install';
import type { Install } from './install';
import { benchRoot, exec } from './process';
import { report } from './report';
import type { BuildRow, GraphRow } from './report';
import { writeStaticProjects } from './static-projects';
import { goProjectFiles, SHAPES, STATES } from './synthetic';
import type { Binary, Shape, State } from './synthetic';
import { BenchWorkspace, SIDES } from './workspace';
import type { Side } from './workspace';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' },
    shapes: { type: 'string', default: SHAPES.join(',') },
    states: { type: 'string', default: STATES.join(',') },
    sides: { type: 'string', default: 'bare,static,go-pgo' },
    runs: { type: 'string', default: '3' },
    'daemon-edits': { type: 'string', default: '5' },
    'build-size': { type: 'string', default: '100' },
    // Keeps the workspaces (under $TMPDIR/go-pgo-bench-graph) for a closer look, e.g. a CPU profile.
    keep: { type: 'boolean', default: false },
  },
});

function listOption<T extends string>(name: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').filter((v) => v !== '');
  const bad = items.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) throw new Error(`--${name}: unknown "${bad}"; use ${allowed.join(', ')}`);
  return items as T[];
}

const sizes = values.sizes.split(',').map(Number);
const shapes = listOption<Shape>('shapes', values.shapes, SHAPES);
const states = listOption<State>('states', values.states, STATES);
const sides = listOption<Side>('sides', values.sides, SIDES);
const runs = Number(values.runs);
const daemonEdits = Number(values['daemon-edits']);
const buildSize = Number(values['build-size']);
if (!sides.includes('go-pgo')) throw new Error('--sides must include go-pgo, the side the benchmark is about');

const env = benchEnv();

/** The workspaces of one row: the Go tree for bare, go-pgo and nx-go; its static twin. */
interface RowWorkspaces {
  main: BenchWorkspace;
  static?: BenchWorkspace;
  binaries: Binary[];
}

async function prepare(install: Install, shape: Shape, state: State, size: number): Promise<RowWorkspaces> {
  const { workspace: main, binaries } = BenchWorkspace.create(install, env, shape, state, size, 'nx');
  main.commit();
  if (!sides.includes('static')) return { main, binaries };
  const { workspace: twin } = BenchWorkspace.create(install, env, shape, state, size, 'static');
  main.usePlugins('go-pgo');
  const written = await writeStaticProjects(install, main, twin, goProjectFiles(shape));
  main.nx(['reset']);
  twin.commit();
  console.error(`${shape} ${state} ${size}: ${written} project.json files`);
  return { main, static: twin, binaries };
}

function measureGraph(ws: RowWorkspaces, shape: Shape, state: State, size: number): GraphRow {
  const row: GraphRow = { shape, state, size, samples: {}, daemon: {} };
  const workspaceOf = (side: Side): BenchWorkspace => (side === 'static' ? ws.static! : ws.main);
  for (let r = 0; r < runs; r++) {
    // Rotate the order each run so no side always follows the same one.
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(i + r) % sides.length]!;
      (row.samples[side] ??= []).push(workspaceOf(side).graph(side));
    }
  }
  if (daemonEdits > 0) {
    // One binary's main.go in the middle of the list: an ordinary edit.
    const goFile = `${ws.binaries[ws.binaries.length >> 1]!.dir}/main.go`;
    for (const side of sides.filter((s): s is 'go-pgo' | 'static' => s === 'go-pgo' || s === 'static')) {
      row.daemon[side] = workspaceOf(side).daemonEdits(side, goFile, daemonEdits);
    }
  }
  return row;
}

/** Cached `nx run-many -t pgo-build` against `go build` of the same binaries, warm GOCACHE. */
function measureBuild(workspace: BenchWorkspace, binaries: Binary[]): BuildRow {
  workspace.usePlugins('go-pgo');
  workspace.nx(['reset']);
  const first = workspace.nx(['run-many', '-t', 'pgo-build']);
  const module = binaries[0]!.module;
  const out = path.join(benchRoot, 'go-build-out');
  const goBuild = (): number => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    return exec('go', ['build', '-o', `${out}/`, './cmd/...'], { cwd: path.join(workspace.root, module), env }).ms;
  };
  goBuild(); // GOCACHE warm for this exact build
  const cached: number[] = [];
  const goBuilds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const result = workspace.nx(['run-many', '-t', 'pgo-build']);
    const hits = /from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(result.output);
    if (!hits || hits[1] !== hits[2] || Number(hits[2]) !== binaries.length) {
      throw new Error(`run-many was not fully cached for ${binaries.length} binaries:\n${result.output.slice(-3000)}`);
    }
    cached.push(result.ms);
    goBuilds.push(goBuild());
  }
  return { size: binaries.length, firstRunMs: first.ms, cachedMs: median(cached), goBuildMs: median(goBuilds) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  exec('npm', ['run', 'build'], { cwd: repoRoot, env });
  const install = prepareInstall(env);
  console.error(`install ready: ${install.dir}`);
  const rows: GraphRow[] = [];
  let build: BuildRow | undefined;
  for (const size of sizes) {
    for (const shape of shapes) {
      for (const state of states) {
        const ws = await prepare(install, shape, state, size);
        rows.push(measureGraph(ws, shape, state, size));
        if (shape === 'module' && state === 'bootstrap' && size === buildSize) build = measureBuild(ws.main, ws.binaries);
        if (!values.keep) for (const workspace of [ws.main, ws.static]) if (workspace) rmSync(workspace.root, { recursive: true, force: true });
        console.error(`${shape} ${state} ${size}: done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  }
  const table = report(install, rows, sides, runs, build, loadAverage);
  const file = path.join(benchRoot, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, table);
  console.log(table);
  console.log(`written to ${file}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
