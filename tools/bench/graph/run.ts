// tools/bench/graph: the Nx project graph with @go-pgo/nx against bare Nx and @nx-go/nx-go on
// synthetic Go workspaces (10/100/1000 binaries; one module or a go.work of 10 modules), plus
// cached `nx run-many -t pgo-build` against `go build` of the same binaries.
// Usage: npm run build && npx tsc -p tools/bench && node tools/bench/dist/bench/graph/run.js [--sizes 10,100,1000] [--runs N] [--build-size 100]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../test-support/repo-root';
import { median } from '../measure';
import { benchEnv } from './env';
import { prepareInstall } from './install';
import type { Install } from './install';
import { createNodesMs } from './perf-log';
import { benchRoot, exec } from './process';
import type { ExecResult } from './process';
import { SHAPES, writeGoWorkspace } from './synthetic';
import type { Binary, Shape } from './synthetic';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '3' },
    'build-size': { type: 'string', default: '100' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const buildSize = Number(values['build-size']);

type Side = 'bare' | 'go-pgo' | 'nx-go';
const SIDES: readonly Side[] = ['bare', 'go-pgo', 'nx-go'];
const PLUGINS: Record<Side, string[]> = { bare: [], 'go-pgo': ['@go-pgo/nx'], 'nx-go': ['@nx-go/nx-go'] };
/** The plugin name Nx logs createNodes under, per side. */
const PERF_NAME: Record<Side, string | undefined> = { bare: undefined, 'go-pgo': '@go-pgo/nx', 'nx-go': 'nx-go' };

const TARGETS = { warmRatio: 1.15, createNodesColdMs: 300, createNodesWarmMs: 50, cachedBuildRatio: 0.5 };

const env = benchEnv();

interface Sample {
  coldMs: number;
  warmMs: number;
  createNodesColdMs: number | undefined;
  createNodesWarmMs: number | undefined;
  projects: number;
}

class BenchWorkspace {
  readonly nxBin: string;
  constructor(readonly root: string) {
    this.nxBin = path.join(root, 'node_modules', '.bin', 'nx');
  }

  static create(install: Install, shape: Shape, size: number): { workspace: BenchWorkspace; binaries: Binary[] } {
    const root = path.join(benchRoot, `ws-${shape}-${size}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const workspace = new BenchWorkspace(root);
    exec('cp', ['-al', path.join(install.dir, 'node_modules'), path.join(root, 'node_modules')], { cwd: root, env });
    exec('cp', [path.join(install.dir, 'package.json'), root], { cwd: root, env });
    const binaries = writeGoWorkspace(root, shape, size);
    writeFileSync(path.join(root, '.gitignore'), 'node_modules\ndist\n.nx/cache\n.nx/workspace-data\n');
    workspace.usePlugins([]);
    // Nx 24 derives the workspace id (where its cache lives) from the first commit.
    exec('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
    exec('git', ['add', '-A'], { cwd: root, env });
    exec('git', ['commit', '-q', '-m', 'synthetic Go workspace'], { cwd: root, env });
    return { workspace, binaries };
  }

  usePlugins(plugins: string[]): void {
    writeFileSync(path.join(this.root, 'nx.json'), `${JSON.stringify({ plugins }, null, 2)}\n`);
  }

  nx(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ExecResult {
    return exec(this.nxBin, args, { cwd: this.root, env: { ...env, ...extraEnv } });
  }

  /** `nx show projects` after `nx reset` (cold), then again (warm). */
  graph(side: Side): Sample {
    this.usePlugins(PLUGINS[side]);
    this.nx(['reset']);
    const perf = { NX_PERF_LOGGING: 'true' };
    const cold = this.nx(['show', 'projects'], perf);
    const warm = this.nx(['show', 'projects'], perf);
    const name = PERF_NAME[side];
    return {
      coldMs: cold.ms,
      warmMs: warm.ms,
      createNodesColdMs: name ? createNodesMs(cold.output, name) : undefined,
      createNodesWarmMs: name ? createNodesMs(warm.output, name) : undefined,
      projects: warm.stdout.split('\n').filter((l) => l.trim() !== '').length,
    };
  }
}

interface GraphRow {
  shape: Shape;
  size: number;
  samples: Record<Side, Sample[]>;
}

function measureGraph(workspace: BenchWorkspace, shape: Shape, size: number): GraphRow {
  const samples: Record<Side, Sample[]> = { bare: [], 'go-pgo': [], 'nx-go': [] };
  for (let r = 0; r < runs; r++) {
    // Rotate the order each run so no side always follows the same one.
    for (let i = 0; i < SIDES.length; i++) {
      const side = SIDES[(i + r) % SIDES.length]!;
      samples[side].push(workspace.graph(side));
    }
  }
  return { shape, size, samples };
}

interface BuildRow {
  size: number;
  firstRunMs: number;
  cachedMs: number;
  goBuildMs: number;
}

/** Cached `nx run-many -t pgo-build` against `go build` of the same binaries, warm GOCACHE. */
function measureBuild(workspace: BenchWorkspace, binaries: Binary[]): BuildRow {
  workspace.usePlugins(PLUGINS['go-pgo']);
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

const fmtMs = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(0)}`);
const medianOf = (samples: Sample[], key: keyof Sample): number | undefined => {
  const values = samples.map((s) => s[key]).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
};
/** Median createNodes ms and in how many runs Nx printed it (its worker can exit before the perf log is flushed). */
const createNodesCell = (samples: Sample[], key: 'createNodesColdMs' | 'createNodesWarmMs'): string => {
  const found = samples.filter((s) => s[key] !== undefined).length;
  return `${fmtMs(medianOf(samples, key))} (${found}/${samples.length})`;
};
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

function report(install: Install, rows: GraphRow[], build: BuildRow | undefined): string {
  const lines = [
    `## nx show projects (NX_DAEMON=false), medians of ${runs} runs, ms`,
    '',
    `nx ${install.nxVersion}, @nx-go/nx-go ${install.nxGoVersion}, node ${process.version}. Cold = after \`nx reset\`. Ratios: warm wall ÷ bare Nx warm wall. createNodes: median ms (runs in which Nx printed the line).`,
    '',
    '| shape | binaries | bare cold | bare warm | go-pgo cold | go-pgo warm | go-pgo warm ratio | go-pgo createNodes cold / warm | go-pgo projects | nx-go cold | nx-go warm | nx-go warm ratio | nx-go createNodes cold / warm | nx-go projects |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const bareWarm = medianOf(row.samples.bare, 'warmMs')!;
    const cells = [row.shape, String(row.size), fmtMs(medianOf(row.samples.bare, 'coldMs')), fmtMs(bareWarm)];
    for (const side of ['go-pgo', 'nx-go'] as const) {
      const s = row.samples[side];
      cells.push(
        fmtMs(medianOf(s, 'coldMs')),
        fmtMs(medianOf(s, 'warmMs')),
        `${(medianOf(s, 'warmMs')! / bareWarm).toFixed(2)}×`,
        `${createNodesCell(s, 'createNodesColdMs')} / ${createNodesCell(s, 'createNodesWarmMs')}`,
        String(medianOf(s, 'projects')),
      );
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const largest = Math.max(...rows.map((r) => r.size));
  lines.push('', `## Targets (issue 3) at ${largest} binaries`, '', '| target | shape | measured | verdict |', '|---|---|---:|---|');
  for (const row of rows.filter((r) => r.size === largest)) {
    const s = row.samples['go-pgo'];
    const warmRatio = medianOf(s, 'warmMs')! / medianOf(row.samples.bare, 'warmMs')!;
    const cold = medianOf(s, 'createNodesColdMs');
    const warm = medianOf(s, 'createNodesWarmMs');
    lines.push(
      `| warm graph ≤ ${TARGETS.warmRatio}× bare Nx | ${row.shape} | ${warmRatio.toFixed(2)}× | ${verdict(warmRatio <= TARGETS.warmRatio)} |`,
      `| createNodes ≤ ${TARGETS.createNodesColdMs} ms cold | ${row.shape} | ${fmtMs(cold)} ms | ${verdict(cold !== undefined && cold <= TARGETS.createNodesColdMs)} |`,
      `| createNodes ≤ ${TARGETS.createNodesWarmMs} ms warm | ${row.shape} | ${fmtMs(warm)} ms | ${verdict(warm !== undefined && warm <= TARGETS.createNodesWarmMs)} |`,
    );
  }
  if (build) {
    const ratio = build.cachedMs / build.goBuildMs;
    lines.push(
      `| cached run-many ≤ ${TARGETS.cachedBuildRatio}× go build (${build.size} binaries, one module) | module | ${fmtMs(build.cachedMs)} ms vs ${fmtMs(build.goBuildMs)} ms = ${ratio.toFixed(2)}× | ${verdict(ratio <= TARGETS.cachedBuildRatio)} |`,
      '',
      `pgo-build at ${build.size} binaries: first (uncached) run-many ${fmtMs(build.firstRunMs)} ms; cached run-many median ${fmtMs(build.cachedMs)} ms; \`go build -o dir/ ./cmd/...\` with a warm GOCACHE median ${fmtMs(build.goBuildMs)} ms.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function main(): void {
  const started = performance.now();
  exec('npm', ['run', 'build'], { cwd: repoRoot, env });
  const install = prepareInstall(env);
  console.error(`install ready: ${install.dir}`);
  const rows: GraphRow[] = [];
  let build: BuildRow | undefined;
  for (const shape of SHAPES) {
    for (const size of sizes) {
      const { workspace, binaries } = BenchWorkspace.create(install, shape, size);
      rows.push(measureGraph(workspace, shape, size));
      if (shape === 'module' && size === buildSize) build = measureBuild(workspace, binaries);
      console.error(`${shape} ${size}: done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  const table = report(install, rows, build);
  const file = path.join(benchRoot, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, table);
  console.log(table);
  console.log(`written to ${file}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main();
