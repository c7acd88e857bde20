// tools/bench/pprof: our merge against `go tool pprof -proto -symbolize=none`, side by side in
// one run, for 2, 5 and 20 real CPU profiles and a ≥ 10 MB (raw) profile; the size of each
// corpus profile at its information floor and compacted at both levels (compaction.ts); call-edge
// extraction against the preprofile tool (edges.ts); and the toolchain's preprocessing of the
// committed profile in go build, original against compacted (preprocess.ts).
// Usage: npm run bench:pprof [-- --runs N] [--parts merge,compaction,edges,preprocess]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decode, encode, merge, pgoSampleIndex, toNumber } from '@go-pgo/pprof';
import type { Profile } from '@go-pgo/pprof';
import { corpusFiles, pgoUsableCorpus } from '../../test-support/corpus';
import { repoRoot } from '../../test-support/repo-root';
import { fleetProfiles } from '../../test-support/go-fixtures';
import { mb, measure, median, ms, ratio } from '../measure';
import type { Measurement } from '../measure';
import { compactFile, compactionTable, LEVELS } from './compaction';
import { edgeTable, timeEdges } from './edges';
import { preprocessTable, timePreprocess } from './preprocess';

const PARTS = ['merge', 'compaction', 'edges', 'preprocess'] as const;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, parts: { type: 'string', default: PARTS.join(',') } } });
const runs = Number(values.runs);
const parts = new Set(values.parts.split(','));
for (const part of parts) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part '${part}': one of ${PARTS.join(', ')}`);
const work = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-pprof-'));
const cli = path.join(repoRoot, 'packages/core/bin/go-pgo.js');
const inProcess = path.join(__dirname, 'in-process.js');

/** The real production profiles of the corpus, largest first. */
const PRODUCTION = [
  'DataDog__datadog-pgo__foo.pprof',
  'golang__go__src_cmd_compile_default.pgo',
  'projectdiscovery__nuclei__cmd_nuclei_default.pgo',
  'DataDog__datadog-pgo__testdata_grpc-anon.pprof',
  'concourse__concourse__default.pgo',
  'dundee__gdu__default.pgo',
  '9seconds__mtg__default.pgo',
];

function productionProfiles(): string[] {
  const byName = new Map(corpusFiles().map((f) => [f.name, f.path]));
  return PRODUCTION.map((name) => {
    const file = byName.get(name);
    if (!file) throw new Error(`corpus file ${name} is missing`);
    return file;
  });
}

/**
 * A fleet profile of ≥ 10 MB raw: copies of the largest production profile, one per instance,
 * each labelled with its instance, merged with labels kept (as a fleet capture with an
 * `instance` label looks), so no two copies' samples collapse.
 */
function largeProfile(): string {
  const base = decode(readFileSync(productionProfiles()[0]));
  const copies: Profile[] = [];
  let raw = 0;
  for (let instance = 0; raw < 10 * 1024 * 1024; instance++) {
    copies.push({
      ...base,
      sample: base.sample.map((s) => ({
        ...s,
        label: [...s.label, { key: 'instance', str: `pod-${instance}`, num: 0, numUnit: '' }],
      })),
    });
    raw = encode(merge(copies), { gzip: false }).length;
  }
  const file = path.join(work, 'large.pb.gz');
  writeFileSync(file, encode(merge(copies)));
  console.log(`large profile: ${copies.length} instances, ${mb(raw)} raw, ${mb(statSync(file).size)} gzip`);
  return file;
}

interface Row {
  name: string;
  go: Measurement;
  cli: Measurement;
  inProcessCold: number;
  inProcessWarm: number;
  inProcessRss: number;
}

/** Both sides agree on what they computed: the same total in the PGO sample type. */
function checkSameTotals(ours: string, theirs: string): void {
  const total = (file: string): number => {
    const p = decode(readFileSync(file));
    const index = pgoSampleIndex(p);
    return p.sample.reduce((sum, s) => sum + toNumber(s.value[index]), 0);
  };
  const [a, b] = [total(ours), total(theirs)];
  if (a !== b) throw new Error(`merge totals differ: ours ${a}, go tool pprof ${b}`);
}

function benchCase(name: string, files: string[]): Row {
  const goOut = path.join(work, `${name}.go.pb.gz`);
  const cliOut = path.join(work, `${name}.cli.pb.gz`);
  const goRuns: Measurement[] = [];
  const cliRuns: Measurement[] = [];
  const inProcessRuns: { coldSeconds: number; warmSeconds: number; maxRssBytes: number }[] = [];
  // Alternate the three sides so that machine drift lands on all of them alike.
  for (let i = 0; i < runs; i++) {
    goRuns.push(measure('go', ['tool', 'pprof', '-proto', '-symbolize=none', '-output', goOut, ...files]));
    // The CLI defaults to duration normalization; Go sums, so compare the same operation.
    cliRuns.push(measure('node', [cli, 'profile', 'merge', '--normalize', 'none', ...files, '-o', cliOut]));
  }
  for (let i = 0; i < 3; i++) {
    inProcessRuns.push(JSON.parse(execFileSync('node', [inProcess, String(runs), ...files], { encoding: 'utf8' })));
  }
  checkSameTotals(cliOut, goOut);
  const summary = (all: Measurement[]): Measurement => ({
    wallSeconds: median(all.map((m) => m.wallSeconds)),
    maxRssBytes: median(all.map((m) => m.maxRssBytes)),
  });
  return {
    name,
    go: summary(goRuns),
    cli: summary(cliRuns),
    inProcessCold: median(inProcessRuns.map((r) => r.coldSeconds)),
    inProcessWarm: median(inProcessRuns.map((r) => r.warmSeconds)),
    inProcessRss: median(inProcessRuns.map((r) => r.maxRssBytes)),
  };
}

async function main(): Promise<void> {
  console.log(`go-pgo pprof benchmark: ${runs} runs per side, node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const lines: string[] = [];
  if (parts.has('merge')) lines.push(...(await mergeTable()), '');
  if (parts.has('compaction') || parts.has('preprocess')) {
    const compacted = corpusFiles()
      .filter((f) => f.wellFormed)
      .map((f) => compactFile(f, work));
    if (parts.has('compaction')) lines.push(...compactionTable(compacted), '');
    if (parts.has('preprocess')) {
      const rows = compacted
        .filter((c) => PRODUCTION.includes(c.file.name))
        .map((c) => {
          const row = timePreprocess(c.file.name, { original: c.file.bytes, ...c.bytes }, runs, work);
          console.log(`preprocess ${c.file.name}: ${JSON.stringify(row.seconds)}`);
          return row;
        });
      lines.push(...preprocessTable(rows, ['original', ...LEVELS]), '');
    }
  }
  if (parts.has('edges')) {
    const rows = pgoUsableCorpus().map((f) => {
      const row = timeEdges(f, runs, work);
      console.log(`edges ${f.name}: tool ${ms(row.goSeconds)}, in-process ${ms(row.warmSeconds)}`);
      return row;
    });
    lines.push(...edgeTable(rows), '');
  }
  const report = lines.join('\n');
  console.log(`\n${report}`);
  writeFileSync(path.join(work, 'report.md'), `${report}\n`);
  console.log(`\n(report and inputs kept in ${work}; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
}

async function mergeTable(): Promise<string[]> {
  const production = productionProfiles();
  const fleet = (await fleetProfiles(20)).map((p) => p.path);
  const cases: [string, string[]][] = [
    ['2 production profiles', production.slice(0, 2)],
    ['5 production profiles', production.slice(0, 5)],
    ['20 fleet captures', fleet],
    ['large (≥ 10 MB raw)', [largeProfile()]],
  ];
  const rows = cases.map(([name, files]) => {
    const row = benchCase(name.replace(/\W+/g, '-'), files);
    console.log(`${name}: go ${ms(row.go.wallSeconds)}, cli ${ms(row.cli.wallSeconds)}, in-process ${ms(row.inProcessWarm)}`);
    return { ...row, name };
  });
  return [
    `| case | go tool pprof | CLI | CLI / Go | in-process merge() warm (cold) | in-process / Go | peak RSS Go | peak RSS CLI | peak RSS in-process |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.go.wallSeconds)} | ${ms(r.cli.wallSeconds)} | ${ratio(r.cli.wallSeconds, r.go.wallSeconds)} | ` +
        `${ms(r.inProcessWarm)} (${ms(r.inProcessCold)}) | ${ratio(r.inProcessWarm, r.go.wallSeconds)} | ` +
        `${mb(r.go.maxRssBytes)} | ${mb(r.cli.maxRssBytes)} | ${mb(r.inProcessRss)} |`,
    ),
  ];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
