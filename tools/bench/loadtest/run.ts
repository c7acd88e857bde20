// tools/bench/loadtest: what pgo-loadtest's figures rest on, on the example storefront.
//   schedule    interleaved rounds (off and pgo back to back, the order alternating) against the
//               usual sequential recipe (all off rounds, then all pgo rounds) on the same budget:
//               the 95% CI width and the spread of the measured gain over the repetitions.
//   generator   the load generator's share of the CPU and its busiest thread, the built-in
//               replayer and wrk at rising concurrency: the throughput at which the server, not
//               the generator, is what limits.
//   iterations  the storefront's own profile: iteration 1 captured from the -pgo=off build,
//               iteration 2 from the PGO build of iteration 1; each one's gain in CPU per request
//               with its CI, and the two profiles' call-edge overlap.
// Usage: npm run bench:loadtest [-- --part schedule|generator|iterations --repetitions 5 --rounds 10 --requests 2000]
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CommandGenerator,
  compareRounds,
  goBuild,
  readRequestFile,
  Replayer,
  runLoadRounds,
  ServiceInstance,
  type Estimate,
  type LoadGenerator,
  type LoadtestComparison,
} from '@go-pgo/core';
import { callEdgeOverlap } from '../../test-support/profile-overlap';
import { repoRoot } from '../../test-support/repo-root';
import { buildServices, startLoadgen, stopAll } from '../../test-support/storefront';
import { median, stdev } from '../measure';

const { values } = parseArgs({
  options: {
    part: { type: 'string', multiple: true },
    repetitions: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '2000' },
    'capture-seconds': { type: 'string', default: '15' },
  },
});
const parts = new Set(values.part ?? ['schedule', 'generator', 'iterations']);
const repetitions = Number(values.repetitions);
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const captureSeconds = Number(values['capture-seconds']);

const workspaceRoot = path.join(repoRoot, 'examples');
const moduleRoot = path.join(workspaceRoot, 'services');
const requestFile = path.join(moduleRoot, 'cmd', 'storefront', 'loadtest', 'requests.jsonl');
const work = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-loadtest-'));
const env = { ...process.env, GOWORK: 'off' };
const WARMUP = 1000;
const CONCURRENCY = 4;

const pct = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(2)}%`;
const ci = (e: Estimate): string => `${pct(e.center)} [${pct(e.lo)}, ${pct(e.hi)}]`;

async function build(name: string, profile?: string): Promise<string> {
  const { binary } = await goBuild({
    workspaceRoot,
    moduleRoot,
    pkg: './cmd/storefront',
    outputPath: path.join(work, name, 'storefront'),
    pgo: profile === undefined ? 'off' : 'auto',
    ...(profile === undefined ? {} : { profile }),
    env,
    log: { info: () => undefined, output: () => undefined },
  });
  return binary;
}

function start(binary: string, label: string): Promise<ServiceInstance> {
  return ServiceInstance.start({ binary, label, args: ['-addr', '{addr}'], env, health: '/healthz', startSeconds: 30 });
}

async function replayer(): Promise<Replayer> {
  return new Replayer(await readRequestFile(requestFile, 'requests.jsonl'), CONCURRENCY, 'requests.jsonl');
}

/** Both sides running, `rounds` rounds on the schedule; the comparison and the wall seconds. */
async function loadtest(binaries: { off: string; pgo: string }, schedule: 'interleaved' | 'sequential', generator: LoadGenerator): Promise<{ comparison: LoadtestComparison; seconds: number }> {
  const services = { off: await start(binaries.off, 'off'), pgo: await start(binaries.pgo, 'pgo') };
  try {
    const started = performance.now();
    const measures = await runLoadRounds({ services, generator, rounds, requests, warmup: WARMUP, schedule });
    return { comparison: compareRounds(measures), seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all([services.off.stop(), services.pgo.stop()]);
  }
}

/** A CPU profile of `binary` serving services/loadgen's traffic for captureSeconds. */
async function capture(binary: string, name: string): Promise<string> {
  const service = await start(binary, name);
  try {
    startLoadgen(buildServices(), [service.url], CONCURRENCY);
    const response = await fetch(`${service.url}/debug/pprof/profile?seconds=${captureSeconds}`);
    const file = path.join(work, `${name}.pprof`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return file;
  } finally {
    await stopAll();
    await service.stop();
  }
}

async function scheduleComparison(off: string, pgo: string): Promise<void> {
  console.log(`\n## interleaved against sequential: ${repetitions} repetitions × ${rounds} rounds of ${requests} requests per side`);
  const results = { interleaved: [] as { e: Estimate; seconds: number }[], sequential: [] as { e: Estimate; seconds: number }[] };
  const generator = await replayer();
  for (let rep = 0; rep < repetitions; rep++) {
    const order = rep % 2 === 0 ? (['interleaved', 'sequential'] as const) : (['sequential', 'interleaved'] as const);
    for (const schedule of order) {
      const { comparison, seconds } = await loadtest({ off, pgo }, schedule, generator);
      results[schedule].push({ e: comparison.cpuPerRequest, seconds });
      console.log(`rep ${rep + 1} ${schedule.padEnd(11)} CPU/request ${ci(comparison.cpuPerRequest)} width ${(comparison.cpuPerRequest.hi - comparison.cpuPerRequest.lo).toFixed(2)} pts; ${seconds.toFixed(0)} s`);
    }
  }
  await generator.close();
  console.log(`\n| schedule | median 95% CI width | median gain | spread of the gain over ${repetitions} reps | CI below 0 | time per run |`);
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const schedule of ['interleaved', 'sequential'] as const) {
    const all = results[schedule];
    const centers = all.map((r) => r.e.center);
    console.log(
      `| ${schedule} | ${median(all.map((r) => r.e.hi - r.e.lo)).toFixed(2)} pts | ${pct(median(centers))} | ${(Math.max(...centers) - Math.min(...centers)).toFixed(2)} pts (sd ${stdev(centers).toFixed(2)}) | ${all.filter((r) => r.e.hi < 0).length} of ${all.length} | ${median(all.map((r) => r.seconds)).toFixed(0)} s |`,
    );
  }
}

async function generatorSweep(off: string): Promise<void> {
  const sweep = requests * 3;
  console.log(`\n## the load generator against the -pgo=off storefront: ${sweep} requests per concurrency, after ${WARMUP} warm-up requests`);
  console.log('| generator | concurrency | requests/s | server CPU (cores) | generator CPU (cores) | generator share | busiest generator thread | p99 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const service = await start(off, 'off');
  try {
    const requestsFile = await readRequestFile(requestFile, 'requests.jsonl');
    const warm = new Replayer(requestsFile, CONCURRENCY, 'requests.jsonl');
    await warm.run(service.url, WARMUP);
    await warm.close();
    for (const kind of ['replayer', 'wrk'] as const) {
      for (const concurrency of [1, 2, 4, 8, 16]) {
        const generator: LoadGenerator =
          kind === 'replayer'
            ? new Replayer(requestsFile, concurrency, 'requests.jsonl')
            : await CommandGenerator.create(['wrk', '-t1', `-c${concurrency}`, '-d2m', '--latency', '-s', '{wrkScript}', '{url}', '--', '{requests}', '/api/products?q=red', '/products/p0003', '/api/products/p0010', '/search?q=tent'], concurrency, env);
        try {
          const [measure] = await runLoadRounds({ services: { off: service, pgo: service }, generator, rounds: 1, requests: sweep, warmup: 0, schedule: 'sequential' });
          const side = measure!.off;
          console.log(
            `| ${kind === 'wrk' ? 'wrk -t1' : 'built-in replayer'} | ${concurrency} | ${side.requestsPerSecond.toFixed(0)} | ${(side.serverCpuSeconds / side.wallSeconds).toFixed(2)} | ${(side.generator.cpuSeconds / side.wallSeconds).toFixed(2)} | ${(side.generator.share * 100).toFixed(1)}% | ${side.generator.busiestThread === undefined ? '-' : `${(side.generator.busiestThread * 100).toFixed(0)}%`} | ${side.latency === undefined ? '-' : `${(side.latency.p99 * 1000).toFixed(1)} ms`} |`,
          );
        } finally {
          await generator.close();
        }
      }
    }
  } finally {
    await service.stop();
  }
}

async function iterations(off: string): Promise<void> {
  console.log(`\n## the storefront's own profile, two iterations (captures of ${captureSeconds} s under services/loadgen -c ${CONCURRENCY})`);
  const first = await capture(off, 'iteration-1');
  const pgo1 = await build('pgo-1', first);
  const second = await capture(pgo1, 'iteration-2');
  const pgo2 = await build('pgo-2', second);
  const generator = await replayer();
  console.log(`| profile | captured from | CPU per request, PGO vs off (95% CI) | Mann-Whitney p | requests/s off → PGO |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, from, pgo] of [['iteration 1', '-pgo=off build', pgo1], ['iteration 2', 'PGO build of iteration 1', pgo2]] as const) {
    const { comparison } = await loadtest({ off, pgo }, 'interleaved', generator);
    console.log(`| ${name} | ${from} | ${ci(comparison.cpuPerRequest)} | ${comparison.pValue.toFixed(4)} | ${comparison.medians.off.requestsPerSecond.toFixed(0)} → ${comparison.medians.pgo.requestsPerSecond.toFixed(0)} |`);
  }
  await generator.close();
  const overlap = await callEdgeOverlap(first, second);
  console.log(`\ncall-edge overlap of the two profiles (weighted Jaccard): ${(overlap.similarity * 100).toFixed(1)}%; ${overlap.edges.join(' and ')} edges, ${overlap.common} in both`);
}

async function main(): Promise<void> {
  console.log(`go-pgo loadtest benchmark: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
  const off = await build('off');
  if (parts.has('schedule') || parts.has('generator')) {
    const profile = await capture(off, 'schedule-profile');
    const pgo = await build('pgo', profile);
    if (parts.has('schedule')) await scheduleComparison(off, pgo);
  }
  if (parts.has('generator')) await generatorSweep(off);
  if (parts.has('iterations')) await iterations(off);
  console.log(`\nload at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
