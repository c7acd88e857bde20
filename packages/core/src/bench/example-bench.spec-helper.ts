// For specs: the example Go monorepo's report CLI (examples/tools), whose pricing package is
// what pgo-bench compares, with its committed profile and the wrong-workload profile the gate
// tests use. Specs read it in place and write only to their own temp directories.
import path from 'node:path';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import type { BenchGates, BenchSettings } from '../config/pgo-settings';

export const EXAMPLES = path.join(repoRoot, 'examples');
export const TOOLS_MODULE = path.join(EXAMPLES, 'tools');
export const REPORT_DIR = path.join(TOOLS_MODULE, 'cmd', 'report');
/** The committed profile: the pricing benchmarks profiled. */
export const GOOD_PROFILE = path.join(REPORT_DIR, 'default.pgo');
/** JSON/fmt/regexp work that never touches pricing: grows the binaries, gains nothing. */
export const WRONG_PROFILE = path.join(REPORT_DIR, 'testdata', 'wrong-workload.pgo');
/** The benchmarks of internal/pricing, without the Benchmark prefix and the -GOMAXPROCS suffix. */
export const PRICING_BENCHMARKS = ['Parse', 'Price', 'Render', 'Report'];

/** Short rounds: the specs check the mechanics, example-gain.spec.ts the gain. */
export function quickSettings(count: number, gates: BenchGates): BenchSettings {
  return { packages: ['./internal/...'], bench: '.', count, benchtime: '10x', gates };
}
