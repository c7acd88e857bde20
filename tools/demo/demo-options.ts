// The demo's command line: `npm run demo [-- --quick] [--out DIR] [--keep]`, and what each mode
// runs. Full mode is what the README promises (a significant gain at 24 rounds of 300ms); quick
// mode is for CI, which checks that everything runs, not the size of the gain.
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
  /** pgo-bench: rounds per side and -test.benchtime. */
  benchCount: number;
  benchtime: string;
  /** pgo-bench's build cost: `cold` times each side with an empty GOCACHE; `warm` reuses go's cache (quick: seconds, not a minute). */
  buildCost: 'cold' | 'warm';
}

export interface DemoOptions {
  mode: DemoMode;
  /** Where the report, bench.json and the summary land; it outlives the scratch workspace. */
  outDir: string;
  /** Keep the scratch workspace for a look afterwards. */
  keep: boolean;
}

export const FULL: DemoMode = { name: 'full', captureSeconds: 10, minSamples: 300, minBytes: 4096, benchCount: 24, benchtime: '300ms', buildCost: 'cold' };
export const QUICK: DemoMode = { name: 'quick', captureSeconds: 3, minSamples: 100, minBytes: 1024, benchCount: 6, benchtime: '100ms', buildCost: 'warm' };

export const USAGE = `usage: npm run demo [-- --quick] [--out DIR] [--keep]

Runs the bundled examples/ workspace through Nx in a scratch copy: builds without PGO, starts
three storefronts under load, captures, merges, validates, builds with PGO and verifies, runs the
report CLI's A/B benchmark, and prints a summary.

  --quick     ${QUICK.captureSeconds} s captures, ${QUICK.benchCount} bench rounds of ${QUICK.benchtime}, warm builds (for CI; the gain may not be significant)
  --out DIR   where report.html, bench.json and summary.txt go (default dist/demo)
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
