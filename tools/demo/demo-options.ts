// The demo's command line: `npm run demo [-- --quick] [--out DIR] [--keep]`, and what each mode
// runs. Full mode is what the README promises (significant gains: the report CLI's at 24 rounds
// of 300ms, the storefront's at 10 rounds of 2000 requests); quick mode is for CI, which checks
// that everything runs, not the size of the gains.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../test-support/repo-root';

export interface DemoMode {
  name: 'full' | 'quick';
  /** pgo-capture: seconds every storefront is profiled. */
  captureSeconds: number;
  /** pgo-validate thresholds that fit captures of this length: 3 instances under load gave ~20 samples a second in all on a busy 2-core machine. */
  minSamples: number;
  minBytes: number;
  /** pgo-loadtest of the storefront: rounds, requests per side per round, warm-up requests. */
  loadtest: { rounds: number; requests: number; warmup: number };
  /** pgo-bench: rounds per side and -test.benchtime. */
  benchCount: number;
  benchtime: string;
  /** pgo-bench's build cost: `cold` times each side with an empty GOCACHE; `warm` reuses go's cache (seconds, not a minute). */
  buildCost: 'cold' | 'warm';
}

export interface DemoOptions {
  mode: DemoMode;
  /** Where the reports, bench.json, the loadtests and the summary land; it outlives the scratch workspace. */
  outDir: string;
  /** Keep the scratch workspace for a look afterwards. */
  keep: boolean;
}

export const FULL: DemoMode = {
  name: 'full',
  captureSeconds: 10,
  minSamples: 300,
  minBytes: 4096,
  loadtest: { rounds: 10, requests: 2000, warmup: 1000 },
  benchCount: 24,
  benchtime: '300ms',
  buildCost: 'cold',
};
export const QUICK: DemoMode = {
  name: 'quick',
  captureSeconds: 5,
  minSamples: 100,
  minBytes: 1024,
  loadtest: { rounds: 6, requests: 800, warmup: 200 },
  benchCount: 6,
  benchtime: '100ms',
  buildCost: 'warm',
};

export const USAGE = `usage: npm run demo [-- --quick] [--out DIR] [--keep]

Runs the bundled examples/ workspace through Nx in a scratch copy: builds without PGO, starts
three storefronts under load, captures, merges, validates, builds with PGO and verifies, measures
the storefront's own gain with pgo-loadtest, does it all again from the PGO build (iteration 2),
runs the report CLI's A/B benchmark, and prints a summary.

  --quick     ${QUICK.captureSeconds} s captures, loadtests of ${QUICK.loadtest.rounds} rounds of ${QUICK.loadtest.requests} requests, ${QUICK.benchCount} bench rounds of ${QUICK.benchtime} (for CI; gains may not be significant)
  --out DIR   where report.html, the loadtest reports, bench.json and summary.txt go (default dist/demo)
  --keep      keep the scratch workspace
`;

export class DemoUsageError extends Error {}

export function parseDemoArgs(argv: string[]): DemoOptions | 'help' {
  let values: { quick?: boolean; out?: string; keep?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean' }, out: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    throw new DemoUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  return {
    mode: values.quick ? QUICK : FULL,
    outDir: path.resolve(values.out ?? path.join(repoRoot, 'dist', 'demo')),
    keep: values.keep === true,
  };
}
