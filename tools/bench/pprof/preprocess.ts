// The Go toolchain's time reading a committed profile, in tools/bench/pprof: `go build -pgo` runs
// one "preprocess PGO profile" action (go tool preprofile) per build, cached by the profile's
// content; the compiler then reads its output, which is the same bytes for every level. So the
// step is timed from `go build -debug-trace` on a small program, for the original file and each
// compacted level. Every timed build gets a profile the cache has not seen (the gzip header's
// MTIME field set to a new value: same profile, other bytes), while the compiled packages are
// cache hits (same preprofile output): one build per corpus profile fills the cache first. The
// caches live on under os.tmpdir()/go-pgo-bench-preprocess, so a second run (the one to time,
// under the exclusive CPU lock) does not compile the standard library again.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, ratio } from '../measure';

export interface PreprocessTiming {
  name: string;
  /** Median seconds of the preprocessing action per file: original first. */
  seconds: Record<string, number>;
}

const PROGRAM = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("pgo") }\n';
const ACTION = 'Executing action (preprocess PGO profile)';

/** Times the preprocessing of `files` (label → bytes, gzip), the first one used to fill the build cache. */
export function timePreprocess(name: string, files: Record<string, Uint8Array>, runs: number, work: string): PreprocessTiming {
  const dir = mkdtempSync(path.join(work, 'build-'));
  writeFileSync(path.join(dir, 'go.mod'), 'module pgobench\n\ngo 1.21\n');
  writeFileSync(path.join(dir, 'main.go'), PROGRAM);
  const cache = path.join(os.tmpdir(), 'go-pgo-bench-preprocess', name);
  mkdirSync(cache, { recursive: true });
  const env = { ...process.env, GOCACHE: cache, GOFLAGS: '', GOWORK: 'off', GOTOOLCHAIN: 'local' };
  let variant = 0;
  const build = (bytes: Uint8Array): number => {
    const profile = path.join(dir, `profile-${++variant}.pgo`);
    writeFileSync(profile, withMtime(bytes, variant));
    const trace = path.join(dir, 'trace.json');
    execFileSync('go', ['build', `-pgo=${profile}`, `-debug-trace=${trace}`, '-o', path.join(dir, 'bin'), '.'], { cwd: dir, env, stdio: 'ignore' });
    return actionSeconds(trace);
  };
  const labels = Object.keys(files);
  build(files[labels[0]!]!);
  const seconds: Record<string, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
  for (let i = 0; i < runs; i++) for (const label of labels) seconds[label]!.push(build(files[label]!));
  return { name, seconds: Object.fromEntries(labels.map((l) => [l, median(seconds[l]!)])) };
}

/** The same gzip file with another modification time: other bytes, same profile. */
function withMtime(bytes: Uint8Array, mtime: number): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error('the preprocessing benchmark needs gzip profiles');
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint32(4, mtime, true);
  return copy;
}

function actionSeconds(trace: string): number {
  const events = JSON.parse(readFileSync(trace, 'utf8')) as { name?: string; ph: string; ts: number }[];
  const begin = events.find((e) => e.name === ACTION && e.ph === 'B');
  const end = events.find((e) => e.name === ACTION && e.ph === 'E');
  if (begin === undefined || end === undefined) throw new Error(`no "${ACTION}" in the build trace`);
  return (end.ts - begin.ts) / 1e6;
}

export function preprocessTable(rows: PreprocessTiming[], labels: string[]): string[] {
  const msText = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
  return [
    `| corpus profile | ${labels.join(' | ')} | ${labels.slice(1).map((l) => `${l} / ${labels[0]}`).join(' | ')} |`,
    `| --- | ${labels.map(() => '---:').join(' | ')} | ${labels.slice(1).map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => {
      const base = r.seconds[labels[0]!]!;
      return `| ${r.name} | ${labels.map((l) => msText(r.seconds[l]!)).join(' | ')} | ${labels.slice(1).map((l) => ratio(r.seconds[l]!, base)).join(' | ')} |`;
    }),
  ];
}
