// The real benchstat, as the oracle our statistics are checked against: installed once per
// version with `go install` into a cache under os.tmpdir() that later runs reuse, and real
// `go test -bench` output of a tiny two-package module, generated once and cached the same way.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import execa from 'execa';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';

/** golang.org/x/perf at the newest version the module proxy listed when this was written. */
export const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da';

const cacheRoot = path.join(os.tmpdir(), 'go-pgo-benchstat');
/** A newer `go` line or a go.work elsewhere must not change what is built. */
const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

export type BenchstatInstall = { path: string } | { unavailable: string };

/**
 * Synchronous so the spec can decide at collection time whether the oracle tests run or are
 * reported as skipped. Installs into a temp GOBIN renamed into place, so concurrent runs are safe.
 */
export function installBenchstat(): BenchstatInstall {
  const dir = path.join(cacheRoot, BENCHSTAT_VERSION);
  const binary = path.join(dir, 'benchstat');
  if (existsSync(binary)) return { path: binary };
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(`${dir}.tmp-`);
  try {
    execFileSync('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
      env: { ...goEnv, GOBIN: work },
      cwd: os.tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: FIXTURE_TIMEOUT_MS,
    });
    try {
      renameSync(work, dir);
    } catch (error) {
      // Another run installed it first; theirs is as good.
      if (!existsSync(binary)) throw error;
    }
    return { path: binary };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { unavailable: (stderr || (error as Error).message).split('\n').slice(-1)[0] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface BenchstatOutput {
  stdout: string;
  stderr: string;
}

/** Runs benchstat on the two texts, written as files named like ours so the headers match. */
export async function runBenchstat(binary: string, off: string, pgo: string, format: 'text' | 'csv'): Promise<BenchstatOutput> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'go-pgo-benchstat-run-'));
  try {
    await fs.writeFile(path.join(dir, 'bench-off.txt'), off);
    await fs.writeFile(path.join(dir, 'bench-pgo.txt'), pgo);
    const { stdout, stderr } = await execa(binary, ['-format', format, 'bench-off.txt', 'bench-pgo.txt'], { cwd: dir, stripFinalNewline: false });
    return { stdout, stderr };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// Two packages, so the output has two `pkg:` configurations; sec/op, B/op, allocs/op, MB/s and
// a custom metric; sub-benchmarks.
const MODULE_FILES: Record<string, string> = {
  'go.mod': 'module example.com/benchfix\n\ngo 1.22\n',
  'alpha/alpha_test.go': `package alpha

import (
	"sort"
	"strings"
	"testing"
)

var sink int

func BenchmarkSort(b *testing.B) {
	for i := 0; i < b.N; i++ {
		xs := make([]int, 200)
		for j := range xs {
			xs[j] = (j * 7919) % 211
		}
		sort.Ints(xs)
		sink += xs[0]
	}
}

func BenchmarkJoin(b *testing.B) {
	parts := []string{"a", "bb", "ccc", "dddd"}
	b.SetBytes(10)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink += len(strings.Join(parts, ","))
	}
}
`,
  'beta/beta_test.go': `package beta

import (
	"fmt"
	"testing"
)

var sink int

func BenchmarkFormat(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sink += len(fmt.Sprint(n, i))
			}
			b.ReportMetric(float64(n)*1.5, "widgets/op")
		})
	}
}
`,
};

/** Real `go test -bench -count=6` output of the module, twice (as off and pgo), cached. */
export async function realBenchOutputs(): Promise<{ off: string; pgo: string }> {
  const key = createHash('sha256').update(JSON.stringify(MODULE_FILES)).update(execFileSync('go', ['version'])).digest('hex').slice(0, 16);
  const dir = path.join(cacheRoot, `real-output-${key}`);
  const read = async (): Promise<{ off: string; pgo: string }> => ({
    off: await fs.readFile(path.join(dir, 'off.txt'), 'utf8'),
    pgo: await fs.readFile(path.join(dir, 'pgo.txt'), 'utf8'),
  });
  if (existsSync(path.join(dir, 'pgo.txt'))) return read();
  const work = await fs.mkdtemp(`${dir}.tmp-`);
  try {
    const module = path.join(work, 'module');
    for (const [file, text] of Object.entries(MODULE_FILES)) {
      await fs.mkdir(path.dirname(path.join(module, file)), { recursive: true });
      await fs.writeFile(path.join(module, file), text);
    }
    const bench = async (): Promise<string> =>
      (await execa('go', ['test', '-run', '^$', '-bench', '.', '-benchtime', '2000x', '-count', '6', './...'], { cwd: module, env: goEnv })).stdout;
    await fs.writeFile(path.join(work, 'off.txt'), await bench());
    await fs.writeFile(path.join(work, 'pgo.txt'), await bench());
    await fs.rm(module, { recursive: true, force: true });
    try {
      await fs.rename(work, dir);
    } catch (error) {
      if (!existsSync(path.join(dir, 'pgo.txt'))) throw error;
    }
    return await read();
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
