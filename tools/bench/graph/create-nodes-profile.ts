// Where createNodes spends its time: runs the plugin installed in a benchmark workspace (run.js
// --keep) once in a fresh Node process, as Nx 24's plugin worker runs it, under --cpu-prof, and
// prints the time spent in (under) the plugin's main steps and in garbage collection.
// Usage: node tools/bench/dist/bench/graph/create-nodes-profile.js <workspace> [--cold] [--edit <file>] [--runs N]
//   --cold: without the plugin's caches (as after `nx reset`); --edit: append a comment to <file>
//   (workspace-relative) before each run, as the daemon's one-file edit does.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CreateNodesV2 } from '@nx/devkit';
import { median } from '../measure';

/** The steps reported, by function name (packages/nx/src/plugin, packages/core/src). */
const STEPS = ['inferProjects', 'revalidate', 'readCacheFile', 'scanGoFacts', 'scanProjectFacts', 'parsePgoYaml', 'validatePgoDefaults', 'editsKeepHeaders', 'projectsByFile', '(garbage collector)'];

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { cold: { type: 'boolean', default: false }, edit: { type: 'string' }, runs: { type: 'string', default: '5' }, child: { type: 'boolean', default: false } },
});
const root = path.resolve(positionals[0] ?? '');

/** The go.mod and go.work files under root, as Nx would hand them over (node_modules and dot directories left out). */
function goProjectFiles(dir = '.'): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : goProjectFiles(rel);
    return entry.name === 'go.mod' || entry.name === 'go.work' ? [rel] : [];
  });
}

async function child(): Promise<void> {
  const plugin = require(path.join(root, 'node_modules', '@go-pgo', 'nx')) as { createNodesV2: CreateNodesV2 };
  // Nx hands the files over: finding them is not the plugin's time.
  const files = goProjectFiles();
  const started = performance.now();
  await plugin.createNodesV2[1](files, undefined, { workspaceRoot: root, nxJsonConfiguration: { plugins: ['@go-pgo/nx'] } });
  console.log(JSON.stringify({ createNodesMs: performance.now() - started }));
}

/** Milliseconds of samples under each function named in STEPS. */
function stepTimes(profile: CpuProfile): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Own keys only: a function named toString or constructor must not match an inherited one.
  const times: Record<string, number> = Object.fromEntries(STEPS.map((s) => [s, 0]));
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (Object.hasOwn(times, name) && !seen.has(name)) {
        seen.add(name);
        times[name]! += (profile.timeDeltas[i] ?? 0) / 1000;
      }
    }
  });
  return times;
}

function main(): void {
  const runs: Record<string, number>[] = [];
  for (let r = 0; r < Number(values.runs); r++) {
    if (values.cold) rmSync(path.join(root, '.nx', 'workspace-data', 'go-pgo'), { recursive: true, force: true });
    if (values.edit !== undefined) appendFileSync(path.join(root, values.edit), `// profiled edit ${r}\n`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-cpuprof-'));
    try {
      const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, __filename, root, '--child'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`createNodes failed:\n${run.stderr}`);
      const profile = JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8')) as CpuProfile;
      runs.push({ createNodes: (JSON.parse(run.stdout) as { createNodesMs: number }).createNodesMs, ...stepTimes(profile) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`${root}${values.cold ? ', cold' : ''}${values.edit ? `, editing ${values.edit}` : ''}: medians of ${runs.length} fresh processes, ms (load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')})`);
  for (const key of Object.keys(runs[0]!)) console.log(`${key.padEnd(22)} ${median(runs.map((r) => r[key]!)).toFixed(1)}`);
}

if (values.child) {
  child().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
