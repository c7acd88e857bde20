// The interleaved rounds of pgo-loadtest: both servers run side by side, and in every round each
// gets the same number of requests from the same generator, one right after the other, the order
// alternating (off first in odd rounds, pgo first in even ones), so that drift of the machine and
// whatever ran first warming a cache land on both sides alike. Each side's part is measured by
// the server's own CPU time (/proc/<pid>/stat) before and after it.
import { clockTicksPerSecond, readProcStat } from '../process/proc-stat';
import type { LoadGenerator, LoadResult } from './load-generator';
import { LoadtestError } from './loadtest-error';
import type { RoundMeasure, Side, SideMeasure } from './loadtest-types';
import type { ServiceInstance } from './service-instance';

export type RoundsProgress =
  /** Each side gets its warm-up requests (not measured). */
  | { kind: 'warmup'; requests: number }
  /** A round starts; `etaSeconds` (from the mean pace so far) is absent in the first round. */
  | { kind: 'round'; round: number; rounds: number; etaSeconds?: number };

export interface LoadRoundsOptions {
  services: Record<Side, ServiceInstance>;
  generator: LoadGenerator;
  rounds: number;
  /** Per side per round. */
  requests: number;
  warmup: number;
  /**
   * `interleaved` (default): in every round both sides back to back, the order alternating.
   * `sequential`: all off rounds, then all pgo rounds, paired by index: the usual recipe, kept as
   * the reference tools/bench/loadtest measures interleaving against.
   */
  schedule?: 'interleaved' | 'sequential';
  onProgress?: (event: RoundsProgress) => void;
  signal?: AbortSignal;
}

/** More failed requests than this share makes a side's measure worthless. */
export const MAX_ERROR_SHARE = 0.01;

export async function runLoadRounds(options: LoadRoundsOptions): Promise<RoundMeasure[]> {
  const { services, generator, signal } = options;
  if (options.warmup > 0) {
    options.onProgress?.({ kind: 'warmup', requests: options.warmup });
    for (const side of ['off', 'pgo'] as const) await generator.run(services[side].url, options.warmup, signal);
  }
  const rounds = Array.from({ length: options.rounds }, (_, i) => i + 1);
  const steps: { round: number; side: Side }[] =
    options.schedule === 'sequential'
      ? (['off', 'pgo'] as const).flatMap((side) => rounds.map((round) => ({ round, side })))
      : rounds.flatMap((round) => (round % 2 === 1 ? (['off', 'pgo'] as const) : (['pgo', 'off'] as const)).map((side) => ({ round, side })));
  const measured = rounds.map(() => ({}) as Partial<Record<Side, SideMeasure>>);
  const firsts: Side[] = [];
  const started = performance.now();
  let announced = 0;
  for (const [done, { round, side }] of steps.entries()) {
    if (round !== announced) {
      const elapsed = (performance.now() - started) / 1000;
      const eta = done === 0 ? undefined : (elapsed / done) * (steps.length - done);
      options.onProgress?.({ kind: 'round', round, rounds: options.rounds, ...(eta === undefined ? {} : { etaSeconds: eta }) });
      announced = round;
    }
    firsts[round - 1] ??= side;
    measured[round - 1]![side] = await measureSide(services[side], generator, options.requests, signal);
  }
  return rounds.map((round) => ({ round, first: firsts[round - 1]!, off: measured[round - 1]!.off!, pgo: measured[round - 1]!.pgo! }));
}

async function measureSide(service: ServiceInstance, generator: LoadGenerator, requests: number, signal: AbortSignal | undefined): Promise<SideMeasure> {
  service.assertRunning();
  const before = await serverTicks(service);
  const load = await generator.run(service.url, requests, signal);
  service.assertRunning();
  const serverCpuSeconds = ((await serverTicks(service)) - before) / clockTicksPerSecond();
  checkErrors(service.label, load);
  return {
    requests: load.requests,
    errors: load.errors,
    wallSeconds: load.wallSeconds,
    serverCpuSeconds,
    cpuPerRequest: serverCpuSeconds / load.requests,
    requestsPerSecond: load.requests / load.wallSeconds,
    ...(load.latency === undefined ? {} : { latency: load.latency }),
    generator: {
      cpuSeconds: load.cpuSeconds,
      share: load.cpuSeconds + serverCpuSeconds > 0 ? load.cpuSeconds / (load.cpuSeconds + serverCpuSeconds) : 0,
      ...(load.busiestThread === undefined ? {} : { busiestThread: load.busiestThread }),
    },
  };
}

async function serverTicks(service: ServiceInstance): Promise<number> {
  try {
    return (await readProcStat(service.pid)).ticks;
  } catch (error) {
    throw new LoadtestError('server-failed', `the ${service.label} server (pid ${service.pid}) is gone: /proc/${service.pid}/stat cannot be read`, { cause: error });
  }
}

function checkErrors(label: string, load: LoadResult): void {
  if (load.errors <= load.requests * MAX_ERROR_SHARE) return;
  throw new LoadtestError(
    'load-failed',
    `${load.errors} of ${load.requests} requests to the ${label} server failed (${load.firstError ?? 'no detail'}): fix the requests or the server; CPU per request of failing requests compares nothing`,
  );
}
