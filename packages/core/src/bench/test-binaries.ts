// Compiles each bench package's test binary once per side (`go test -c`), and measures what PGO
// costs at build time: wall seconds and binary bytes.
//
// Build cost modes:
// - `cold` (the default): each side compiles in its own fresh, empty GOCACHE, removed after, so
//   its time is a whole build, standard library included (PGO recompiles the standard library
//   with the profile too). Honest, and slow: a minute or more per side on a small machine.
// - `warm`: both sides use go's usual cache; the time is only what was not cached yet, so it is
//   not comparable from run to run and the buildTime gate is not evaluated. For quick runs
//   and tests.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GoCommandError, runGo } from '../build/go-command';
import { BenchError } from './bench-error';
import type { BenchPackage } from './bench-packages';
import type { BuildCost } from './bench-types';

export type Side = 'off' | 'pgo';
export type BuildCostMode = 'cold' | 'warm';

export interface SideBuild {
  side: Side;
  /** Absolute test binaries, in the order of the packages. */
  binaries: string[];
  cost: BuildCost;
}

export interface CompileOptions {
  moduleRoot: string;
  packages: BenchPackage[];
  side: Side;
  /** Absolute; used when side is pgo. */
  profile: string;
  /** Where the binaries go (a temp directory of the run). */
  binDir: string;
  mode: BuildCostMode;
  env?: NodeJS.ProcessEnv;
}

/** `go test -c -pgo=…` for every package of one side; sums their build time and size. */
export async function compileSide(options: CompileOptions): Promise<SideBuild> {
  const { side, packages } = options;
  const pgoFlag = side === 'off' ? '-pgo=off' : `-pgo=${options.profile}`;
  // go test applies default.pgo only to package main: library packages need the explicit path.
  const cache = options.mode === 'cold' ? await mkdtemp(path.join(os.tmpdir(), `go-pgo-bench-gocache-${side}-`)) : undefined;
  const env = cache === undefined ? options.env : { ...options.env, GOCACHE: cache };
  await mkdir(options.binDir, { recursive: true });
  const binaries: string[] = [];
  let seconds = 0;
  let bytes = 0;
  try {
    for (const [index, pkg] of packages.entries()) {
      const binary = path.join(options.binDir, `${index}-${path.basename(pkg.importPath)}.${side}.test`);
      const started = performance.now();
      try {
        await runGo(['test', '-c', pgoFlag, '-o', binary, pkg.importPath], { cwd: options.moduleRoot, env });
      } catch (error) {
        if (error instanceof GoCommandError && error.code === 'go-failed') {
          throw new BenchError('go-failed', `${pkg.importPath} (${pgoFlag}): ${error.message}`, { cause: error });
        }
        throw error;
      }
      seconds += (performance.now() - started) / 1000;
      bytes += (await stat(binary)).size;
      binaries.push(binary);
    }
  } finally {
    // The fresh cache holds a compiled standard library: hundreds of MB that nothing reuses.
    if (cache !== undefined) await rm(cache, { recursive: true, force: true });
  }
  return { side, binaries, cost: { buildSeconds: Math.round(seconds * 1000) / 1000, binaryBytes: bytes } };
}
