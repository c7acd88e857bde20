// Times mergeCaptures as a long-lived caller pays for it (an Nx executor runs in Nx's process):
// manifest, decode, merge, compaction, atomic writes; no Node start-up. Runs in its own Node
// process so that its peak RSS is its own. Prints JSON: the first (cold JIT) run, the median of
// the warm runs, peak RSS.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtInPgoSettings, mergeCaptures } from '@go-pgo/core';
import { median } from '../measure';

const [runsArg, captureDir, normalize] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || captureDir === undefined) {
  process.stderr.write('usage: in-process <runs> <capture-dir> [none]\n');
  process.exit(2);
}
const settings = builtInPgoSettings({ workspaceRoot: captureDir, binaryDir: captureDir }).merge;
const plain = normalize === 'none';
const output = path.join(os.tmpdir(), `go-pgo-bench-in-process-${process.pid}.pgo`);

async function mergeOnce(): Promise<number> {
  const start = performance.now();
  await mergeCaptures({
    captureDir: captureDir!,
    settings: plain ? { ...settings, normalize: 'none', dropLabels: false } : settings,
    compact: !plain,
    output,
    cwd: process.cwd(),
  });
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const coldSeconds = await mergeOnce();
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await mergeOnce());
  process.stdout.write(JSON.stringify({ coldSeconds, warmSeconds: median(warm), maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

void main();
