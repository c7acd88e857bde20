// tools/bench/capture: capture 50 local storefront instances under load with seconds=2 through
// the go-pgo CLI (wall time and peak RSS of the whole capturing process), then merge those 50
// captures with `go-pgo merge` and with `go tool pprof -proto -symbolize=none`, side by side in
// one run. Usage: npm run bench:capture [-- --instances 50 --seconds 2 --runs 5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decode, pgoSampleIndex, toNumber } from '@go-pgo/pprof';
import { repoRoot } from '../../test-support/repo-root';
import { buildServices, startLoadgen, startStorefront, stopAll } from '../../test-support/storefront';
import { mb, measure, median, ms, ratio, type Measurement } from '../measure';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '2' },
    runs: { type: 'string', default: '5' },
  },
});
const instances = Number(values.instances);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const cli = path.join(repoRoot, 'packages/core/bin/go-pgo.js');
const examples = path.join(repoRoot, 'examples');
const work = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-capture-'));

const summary = (all: Measurement[]): Measurement => ({
  wallSeconds: median(all.map((m) => m.wallSeconds)),
  maxRssBytes: median(all.map((m) => m.maxRssBytes)),
});

/** The PGO sample type's total: both merges must have summed the same samples. */
function total(file: string): number {
  const profile = decode(readFileSync(file));
  const index = pgoSampleIndex(profile);
  return profile.sample.reduce((sum, s) => sum + toNumber(s.value[index]), 0);
}

async function main(): Promise<void> {
  console.log(`go-pgo capture benchmark: ${instances} instances, seconds=${seconds}, ${runs} runs, node ${process.version}, ${os.cpus().length} cores`);
  const binaries = buildServices();
  const services = await Promise.all(Array.from({ length: instances }, () => startStorefront(binaries)));
  startLoadgen(
    binaries,
    services.map((s) => s.url),
  );
  try {
    // Capture: the whole CLI process, start-up included.
    const captures: Measurement[] = [];
    const dirs: string[] = [];
    for (let i = 0; i < runs; i++) {
      const out = path.join(work, `run-${i}`);
      const urls = services.flatMap((s) => ['--url', s.url]);
      captures.push(
        measure('node', [cli, 'capture', path.join(examples, 'services/cmd/storefront'), '--root', examples, '--seconds', String(seconds), '--quorum', '1', '--out', out, '--project', 'storefront', ...urls]),
      );
      dirs.push(path.join(out, readdirSync(out).find((name) => !name.startsWith('.'))!));
    }
    const capture = summary(captures);
    console.log(`capture: median ${ms(capture.wallSeconds)} wall (target ≤ ${seconds + 2} s), peak RSS ${mb(capture.maxRssBytes)} (target < 300 MB)`);

    // Merge the last run's captures both ways, alternating so that drift lands on both.
    const dir = dirs.at(-1)!;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.pprof'))
      .map((name) => path.join(dir, name));
    const goOut = path.join(work, 'go.pb.gz');
    const plainOut = path.join(work, 'plain.pgo');
    const candidateOut = path.join(work, 'candidate.pgo');
    const go: Measurement[] = [];
    const plain: Measurement[] = [];
    const candidate: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      go.push(measure('go', ['tool', 'pprof', '-proto', '-symbolize=none', '-output', goOut, ...files]));
      // The same operation as Go's: a plain sum, nothing dropped.
      plain.push(measure('node', [cli, 'merge', dir, '--normalize', 'none', '--no-compact', '--keep-labels', '-o', plainOut]));
      // What pgo-merge does by default: duration normalization, labels dropped, compaction.
      candidate.push(measure('node', [cli, 'merge', dir, '-o', candidateOut]));
    }
    const inProcess = (mode: string[]): { coldSeconds: number; warmSeconds: number; maxRssBytes: number } =>
      JSON.parse(execFileSync('node', [path.join(__dirname, 'in-process.js'), String(runs), dir, ...mode], { encoding: 'utf8' })) as {
        coldSeconds: number;
        warmSeconds: number;
        maxRssBytes: number;
      };
    const [inPlain, inCandidate] = [inProcess(['none']), inProcess([])];
    if (total(plainOut) !== total(goOut)) throw new Error(`merge totals differ: ours ${total(plainOut)}, go tool pprof ${total(goOut)}`);
    const [g, p, c] = [summary(go), summary(plain), summary(candidate)];
    const lines = [
      `| step | go-pgo | reference | ratio | peak RSS go-pgo | target |`,
      `| --- | --- | --- | --- | --- | --- |`,
      `| capture ${files.length} instances, seconds=${seconds} | ${ms(capture.wallSeconds)} | ${seconds} s + 2 s | ${ratio(capture.wallSeconds, seconds + 2)} | ${mb(capture.maxRssBytes)} | ≤ ${seconds + 2} s, < 300 MB |`,
      `| merge, plain sum (\`--normalize none --no-compact\`) | ${ms(p.wallSeconds)} | go tool pprof -proto ${ms(g.wallSeconds)} (${mb(g.maxRssBytes)}) | ${ratio(p.wallSeconds, g.wallSeconds)} | ${mb(p.maxRssBytes)} | ≤ 0.5× |`,
      `| merge, pgo-merge default (normalize, drop labels, compact) | ${ms(c.wallSeconds)} | go tool pprof -proto ${ms(g.wallSeconds)} | ${ratio(c.wallSeconds, g.wallSeconds)} | ${mb(c.maxRssBytes)} | ≤ 0.5× |`,
      `| in-process mergeCaptures, plain sum: warm (cold) | ${ms(inPlain.warmSeconds)} (${ms(inPlain.coldSeconds)}) | go tool pprof -proto ${ms(g.wallSeconds)} | ${ratio(inPlain.warmSeconds, g.wallSeconds)} (${ratio(inPlain.coldSeconds, g.wallSeconds)}) | ${mb(inPlain.maxRssBytes)} | ≤ 0.5× |`,
      `| in-process mergeCaptures, default: warm (cold) | ${ms(inCandidate.warmSeconds)} (${ms(inCandidate.coldSeconds)}) | go tool pprof -proto ${ms(g.wallSeconds)} | ${ratio(inCandidate.warmSeconds, g.wallSeconds)} (${ratio(inCandidate.coldSeconds, g.wallSeconds)}) | ${mb(inCandidate.maxRssBytes)} | ≤ 0.5× |`,
    ];
    console.log(`\n${lines.join('\n')}\n`);
    const bare: Measurement[] = [];
    for (let i = 0; i < runs; i++) bare.push(measure('node', ['-e', '']));
    console.log(`inputs: ${files.length} captures in ${dir}; a bare \`node -e ''\` takes ${ms(summary(bare).wallSeconds)} here`);
  } finally {
    await stopAll();
  }
}

main().catch(async (error: unknown) => {
  await stopAll();
  console.error(error);
  process.exit(1);
});
