// One synthetic workspace of the graph benchmark: the Go tree, our install's node_modules
// (hard-linked), git (Nx 24 derives the workspace id from the first commit), and the plugins of
// the side being measured. Each measurement is an `nx show projects` with perf logging on.
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NxJsonConfiguration } from '@nx/devkit';
import type { Install } from './install';
import { hookMs } from './perf-log';
import { benchRoot, exec } from './process';
import type { ExecResult } from './process';
import { writeGoWorkspace } from './synthetic';
import type { Binary, Shape, State } from './synthetic';

export type Side = 'bare' | 'noop' | 'static' | 'go-pgo' | 'nx-go';
export const SIDES: readonly Side[] = ['bare', 'noop', 'static', 'go-pgo', 'nx-go'];
/**
 * A plugin that infers nothing (createNodes on go.mod files returns no project): what Nx 24
 * charges for any plugin, which it runs in a worker process of its own.
 */
const NOOP_PLUGIN = 'go-pgo-bench-noop';
/** The plugins nx.json registers, per side; static has project.json files instead. */
const PLUGINS: Record<Side, string[]> = { bare: [], noop: [NOOP_PLUGIN], static: [], 'go-pgo': ['@go-pgo/nx'], 'nx-go': ['@nx-go/nx-go'] };
/** The plugin whose hooks are reported, per side, as Nx names it in its perf log. */
export const PERF_NAME: Record<Side, string | undefined> = { bare: undefined, noop: NOOP_PLUGIN, static: 'nx/core/project-json', 'go-pgo': '@go-pgo/nx', 'nx-go': 'nx-go' };

export interface Sample {
  coldMs: number;
  warmMs: number;
  createNodesColdMs: number | undefined;
  createNodesWarmMs: number | undefined;
  createDependenciesColdMs: number | undefined;
  createDependenciesWarmMs: number | undefined;
  projects: number;
}

export interface DaemonSample {
  /** Wall time of `nx show projects` right after the edit: the daemon recomputes before it answers. */
  wallMs: number;
  /** The side's createNodes time in that recomputation, from the daemon's log. */
  createNodesMs: number | undefined;
}

export class BenchWorkspace {
  readonly nxBin: string;
  private constructor(
    readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.nxBin = path.join(root, 'node_modules', '.bin', 'nx');
  }

  /** A fresh workspace named after its shape, state, size and `label`; returns it with its binaries. */
  static create(install: Install, env: NodeJS.ProcessEnv, shape: Shape, state: State, size: number, label: string): { workspace: BenchWorkspace; binaries: Binary[] } {
    const root = path.join(benchRoot, `ws-${shape}-${state}-${size}-${label}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const workspace = new BenchWorkspace(root, env);
    exec('cp', ['-al', path.join(install.dir, 'node_modules'), path.join(root, 'node_modules')], { cwd: root, env });
    exec('cp', [path.join(install.dir, 'package.json'), root], { cwd: root, env });
    const noop = path.join(root, 'node_modules', NOOP_PLUGIN);
    mkdirSync(noop);
    writeFileSync(path.join(noop, 'package.json'), `${JSON.stringify({ name: NOOP_PLUGIN, version: '0.0.0', main: 'index.js' })}\n`);
    writeFileSync(path.join(noop, 'index.js'), "exports.createNodesV2 = ['**/go.mod', async () => []];\n");
    const binaries = writeGoWorkspace(root, shape, state, size);
    writeFileSync(path.join(root, '.gitignore'), 'node_modules\ndist\n.nx/cache\n.nx/workspace-data\n');
    workspace.usePlugins('bare');
    return { workspace, binaries };
  }

  /** Commits everything: Nx 24 derives the workspace id (where its cache lives) from the first commit. */
  commit(): void {
    exec('git', ['init', '-q', '-b', 'main'], { cwd: this.root, env: this.env });
    exec('git', ['add', '-A'], { cwd: this.root, env: this.env });
    exec('git', ['commit', '-q', '-m', 'synthetic Go workspace'], { cwd: this.root, env: this.env });
  }

  usePlugins(side: Side): void {
    writeFileSync(path.join(this.root, 'nx.json'), `${JSON.stringify({ plugins: PLUGINS[side] }, null, 2)}\n`);
  }

  nxJson(): NxJsonConfiguration {
    return JSON.parse(readFileSync(path.join(this.root, 'nx.json'), 'utf8')) as NxJsonConfiguration;
  }

  nx(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ExecResult {
    return exec(this.nxBin, args, { cwd: this.root, env: { ...this.env, ...extraEnv } });
  }

  /** `nx show projects` after `nx reset` (cold), then again (warm), without the daemon. */
  graph(side: Side): Sample {
    this.usePlugins(side);
    this.nx(['reset']);
    const perf = { NX_PERF_LOGGING: 'true' };
    const cold = this.nx(['show', 'projects'], perf);
    const warm = this.nx(['show', 'projects'], perf);
    const name = PERF_NAME[side];
    const ms = (run: ExecResult, hook: 'createNodes' | 'createDependencies'): number | undefined => (name === undefined ? undefined : hookMs(run.output, name, hook));
    return {
      coldMs: cold.ms,
      warmMs: warm.ms,
      createNodesColdMs: ms(cold, 'createNodes'),
      createNodesWarmMs: ms(warm, 'createNodes'),
      createDependenciesColdMs: ms(cold, 'createDependencies'),
      createDependenciesWarmMs: ms(warm, 'createDependencies'),
      projects: warm.stdout.split('\n').filter((l) => l.trim() !== '').length,
    };
  }

  /**
   * With the daemon on: the graph once (the daemon starts and computes it) and again, then
   * `edits` times: a real change to `goFile` (a comment appended), then `nx show projects`.
   */
  daemonEdits(side: Side, goFile: string, edits: number): DaemonSample[] {
    this.usePlugins(side);
    this.nx(['reset']);
    const daemon = { NX_DAEMON: 'true', NX_PERF_LOGGING: 'true' };
    const log = path.join(this.root, '.nx', 'workspace-data', 'd', 'daemon.log');
    const samples: DaemonSample[] = [];
    try {
      this.nx(['show', 'projects'], daemon);
      this.nx(['show', 'projects'], daemon);
      for (let i = 0; i < edits; i++) {
        const before = statSync(log).size;
        appendFileSync(path.join(this.root, goFile), `// edit ${i}\n`);
        const run = this.nx(['show', 'projects'], daemon);
        const name = PERF_NAME[side];
        samples.push({ wallMs: run.ms, createNodesMs: name === undefined ? undefined : logged(log, before, name) });
      }
    } finally {
      this.nx(['reset']);
      exec('git', ['checkout', '--', goFile], { cwd: this.root, env: this.env });
    }
    return samples;
  }
}

/**
 * The createNodes ms of `pluginName` that the daemon logged after byte `from`. The plugin
 * worker's line reaches the log through the daemon's stderr, possibly just after the client
 * got its answer: wait up to a second for it.
 */
function logged(log: string, from: number, pluginName: string): number | undefined {
  const deadline = performance.now() + 1000;
  for (;;) {
    const ms = hookMs(readFileSync(log).subarray(from).toString('utf8'), pluginName, 'createNodes');
    if (ms !== undefined || performance.now() > deadline) return ms;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
