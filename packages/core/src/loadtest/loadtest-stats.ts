// pgo-loadtest's comparison of its rounds: the paired CPU per request (and p99 latency when every
// round has latencies), each side's medians, and how hard the load generator had to work.
import { comparePairs, median } from './paired-comparison';
import type { LoadtestComparison, RoundMeasure, Side } from './loadtest-types';

/** A generator thread busy this share of the time or more was likely the bottleneck. */
export const SATURATED_THREAD = 0.9;

export function compareRounds(measures: readonly RoundMeasure[]): LoadtestComparison {
  const cpu = comparePairs(
    measures.map((m) => ({ off: m.off.cpuPerRequest, pgo: m.pgo.cpuPerRequest })),
    'cpu/request',
  );
  const withLatency = measures.every((m) => m.off.latency !== undefined && m.pgo.latency !== undefined);
  const latencyP99 = withLatency
    ? comparePairs(
        measures.map((m) => ({ off: m.off.latency!.p99, pgo: m.pgo.latency!.p99 })),
        'p99 latency',
      ).delta
    : undefined;
  const sides = measures.flatMap((m) => [m.off, m.pgo]);
  const busiest = sides.flatMap((s) => (s.generator.busiestThread === undefined ? [] : [s.generator.busiestThread]));
  const maxBusiestThread = busiest.length === 0 ? undefined : Math.max(...busiest);
  const sideMedians = (side: Side): LoadtestComparison['medians'][Side] => ({
    cpuPerRequest: median(measures.map((m) => m[side].cpuPerRequest)),
    requestsPerSecond: median(measures.map((m) => m[side].requestsPerSecond)),
    ...(withLatency ? { latency: { p50: median(measures.map((m) => m[side].latency!.p50)), p99: median(measures.map((m) => m[side].latency!.p99)) } } : {}),
  });
  return {
    cpuPerRequest: cpu.delta,
    pValue: cpu.pValue,
    ...(latencyP99 === undefined ? {} : { latencyP99 }),
    medians: { off: sideMedians('off'), pgo: sideMedians('pgo') },
    generator: {
      maxShare: Math.max(...sides.map((s) => s.generator.share)),
      ...(maxBusiestThread === undefined ? {} : { maxBusiestThread }),
      saturated: maxBusiestThread !== undefined && maxBusiestThread >= SATURATED_THREAD,
    },
  };
}
