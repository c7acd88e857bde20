// pgo-loadtest through real Nx on a copy of examples/: the target is inferred where pgo.yaml has
// a loadtest section; a profile of another workload (the report CLI's) shows no gain or breaches
// the gate; wrk from Debian drives the servers through {wrkScript}; a second run is a cache hit;
// and nothing it started outlives it, after a normal run and after a Ctrl-C in the middle of a
// round. The storefront's own gain is measured alone, in loadtest-gain.quiet.e2e.spec.ts.
import { spawn } from 'node:child_process';
import type { LoadtestRun } from '@go-pgo/core';
import { repoRoot } from '../../tools/test-support/repo-root';
import { baseEnv } from './support/env';
import { taskOutcome } from './support/nx-output';
import { run } from './support/run';
import { createWorkspace, examplesDir, type Workspace } from './support/workspace';

const DIR = 'services/cmd/storefront';
const OUT = `dist/pgo/${DIR}/loadtest`;

let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace('loadtest', examplesDir);
  // Another program's profile: the report CLI's pricing benchmarks, nothing of the storefront's.
  await workspace.write(`${DIR}/default.pgo`, await workspace.read('tools/cmd/report/default.pgo'));
  await workspace.commitAll('the report CLI profile as the storefront profile');
});

afterAll(async () => {
  await workspace?.dispose();
});

const readRun = async (): Promise<LoadtestRun> => JSON.parse((await workspace.read(`${OUT}/loadtest.json`)).toString('utf8')) as LoadtestRun;

/** Processes whose command line mentions the workspace (its servers run from dist/ there). */
async function processesInWorkspace(): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args='], { cwd: repoRoot, env: baseEnv() });
  return stdout.split('\n').filter((line) => line.includes(workspace.root));
}

test('pgo-loadtest is inferred where pgo.yaml has a loadtest section, beside pgo-build:off with its own output path', async () => {
  const show = async (project: string): Promise<{ targets: Record<string, { executor?: string; options?: Record<string, unknown>; configurations?: Record<string, Record<string, unknown>> }> }> =>
    JSON.parse((await workspace.nx(['show', 'project', project, '--json'])).stdout) as never;
  const storefront = await show('storefront');
  expect(storefront.targets['pgo-loadtest']).toMatchObject({ executor: '@go-pgo/nx:loadtest', options: { binaryDir: DIR, moduleRoot: 'services', outputDir: OUT } });
  expect(storefront.targets['pgo-build']!.configurations!.off).toEqual({ pgo: 'off', outputPath: `dist/go/${DIR}/off/storefront` });
  expect((await show('report')).targets['pgo-loadtest']).toBeUndefined();
});

test('a profile of a different workload shows no gain, or breaches the gate; nothing left running', async () => {
  const result = await workspace.nx(['run', 'storefront:pgo-loadtest', '--rounds=6', '--requests=1000'], { allowFailure: true, timeoutMs: 600_000 });
  const loadtest = await readRun();
  const { cpuPerRequest } = loadtest.comparison;
  const breached = loadtest.gates.some((g) => !g.passed);
  if (breached) {
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/storefront: PGO failed (a gate|\d gates): /);
  } else {
    expect(result.exitCode).toBe(0);
    // Not the gain the storefront's own profile brings (≥ 5% with its interval below 0).
    expect(cpuPerRequest.hi < 0 && cpuPerRequest.center <= -5).toBe(false);
  }
  expect(await processesInWorkspace()).toEqual([]);
});

test('wrk from Debian through {wrkScript}: exact request counts, p50/p99 from its report; a second run is a cache hit', async () => {
  const pgoYaml = (await workspace.read(`${DIR}/pgo.yaml`)).toString('utf8');
  const wrk = "[wrk, -t1, -c4, -d2m, --latency, -s, '{wrkScript}', '{url}', --, '{requests}', /api/products?q=red, /products/p0003, /api/products/p0010]";
  await workspace.write(`${DIR}/pgo.yaml`, pgoYaml.replace(/^  replay: .*$/m, `  command: ${wrk}`));
  const args = ['run', 'storefront:pgo-loadtest', '--rounds=2', '--requests=600', '--warmup=200', '--noGate'];
  const first = await workspace.nx(args, { timeoutMs: 600_000 });
  const loadtest = await readRun();
  expect(loadtest.load).toBe('wrk -t1 -c4 -d2m --latency -s {wrkScript} {url} -- {requests} /api/products?q=red /products/p0003 /api/products/p0010');
  for (const side of loadtest.measures.flatMap((m) => [m.off, m.pgo])) {
    expect(side.requests).toBe(600);
    expect(side.latency!.p99).toBeGreaterThan(0);
  }
  expect(first.output).toMatch(/load: wrk -t1 -c4/);
  expect(await processesInWorkspace()).toEqual([]);
  const again = await workspace.nx(args);
  expect(taskOutcome(again.output, 'storefront:pgo-loadtest')).toBe('cache');
});

test('Ctrl-C in the middle of a round stops both servers and the load generator, by process group and pid', async () => {
  // As a terminal does: SIGINT to Nx's whole process group.
  const child = spawn(workspace.path('node_modules/.bin/nx'), ['run', 'storefront:pgo-loadtest', '--rounds=20', '--requests=5000', '--skip-nx-cache'], {
    cwd: workspace.root,
    env: workspace.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const inRound = new Promise<void>((resolve, reject) => {
    const see = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/round 2 of 20/.test(output)) resolve();
    };
    child.stdout.on('data', see);
    child.stderr.on('data', see);
    void exited.then(() => reject(new Error(`nx ended before round 2:\n${output}`)));
  });
  try {
    await inRound;
    // The two servers (and wrk) of this run are up.
    expect((await processesInWorkspace()).filter((line) => line.includes(`${OUT}/`)).length).toBeGreaterThanOrEqual(2);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).not.toBe(0);
    expect(await processesInWorkspace()).toEqual([]);
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}, 300_000);
