// tools/bench/inputs: the build inputs and the Nx graph on a real Go repository.
// 1. Oracle: for every binary project @go-pgo/nx infers and each build, every file that
//    `go list -deps -json` says the build reads from inside the repository must be matched by
//    its pgo-build inputs, as Nx expands them; misses must be 0 (tools/test-support/go-inputs-oracle.ts).
// 2. Graph: a clone of the checkout with Nx and our packages installed from tarballs, `nx show
//    projects` cold (after `nx reset`) and warm (NX_DAEMON=false), bare Nx against @go-pgo/nx
//    in rotating order, with createNodes times from NX_PERF_LOGGING.
// 3. Edits: the plugin's warm cache after edits of `--edits` Go files, against a cold run (edit-check.ts).
// Usage: npm run build && npx tsc -p tools/bench && node tools/bench/dist/bench/inputs/run.js <checkout> [--builds linux/amd64,windows/amd64] [--runs 3] [--edits 10] [--no-graph] [--no-oracle]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkBuildInputs, type BinaryVerdict, type OracleBuild } from '../../test-support/go-inputs-oracle';
import { editCheck } from './edit-check';
import { repoRoot } from '../../test-support/repo-root';
import { median } from '../measure';
import { benchEnv } from '../graph/env';
import { prepareInstall, type Install } from '../graph/install';
import { createNodesMs } from '../graph/perf-log';
import { benchRoot, exec } from '../graph/process';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    builds: { type: 'string' },
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '10' },
    'no-graph': { type: 'boolean', default: false },
    'no-oracle': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) {
  console.error('usage: node tools/bench/dist/bench/inputs/run.js <checkout> [--builds linux/amd64,…] [--runs N] [--edits N] [--no-graph] [--no-oracle]');
  process.exit(2);
}
const checkout = realpathSync(positionals[0]!);
const name = path.basename(checkout);
const runs = Number(values.runs);
const env = benchEnv();

/** The host build as `go env` reports it in the checkout, then any --builds (GOOS/GOARCH, cgo off when cross-compiling). */
function builds(): OracleBuild[] {
  const goEnv = JSON.parse(execFileSync('go', ['env', '-json', 'GOOS', 'GOARCH', 'CGO_ENABLED'], { cwd: checkout, env, encoding: 'utf8' })) as Record<string, string>;
  const host: OracleBuild = { label: `${goEnv['GOOS']}/${goEnv['GOARCH']} (host)`, goos: goEnv['GOOS']!, goarch: goEnv['GOARCH']!, cgoEnabled: goEnv['CGO_ENABLED'] === '1' };
  const extra = (values.builds ?? '').split(',').filter((b) => b !== '').map((b): OracleBuild => {
    const [goos, goarch] = b.split('/') as [string, string];
    return { label: b, goos, goarch, cgoEnabled: false };
  });
  return [host, ...extra];
}

interface OracleRow {
  build: string;
  binaries: number;
  conservative: number;
  packages: number;
  reads: number;
  misses: string[];
  extras: number;
  unloaded: number;
  seconds: number;
}

async function oracle(build: OracleBuild): Promise<OracleRow> {
  const started = performance.now();
  const binaries = await checkBuildInputs(checkout, build);
  const union = (pick: (b: BinaryVerdict) => string[]): Set<string> => new Set(binaries.flatMap(pick));
  const row = {
    build: build.label,
    binaries: binaries.length,
    conservative: binaries.filter((b) => b.conservative).length,
    packages: union((b) => b.packages).size,
    reads: union((b) => b.reads).size,
    misses: [...union((b) => b.misses)].sort(),
    extras: union((b) => b.extras).size,
    unloaded: binaries.reduce((sum, b) => sum + b.unloaded, 0),
    seconds: (performance.now() - started) / 1000,
  };
  return row;
}

interface GraphSample {
  coldMs: number;
  warmMs: number;
  createNodesColdMs: number | undefined;
  createNodesWarmMs: number | undefined;
  projects: number;
}

/** A clone of the checkout (committed files only) with Nx and our packages. */
function graphWorkspace(install: Install): string {
  const root = path.join(benchRoot, `real-${name}`);
  rmSync(root, { recursive: true, force: true });
  exec('git', ['clone', '-q', '--no-hardlinks', checkout, root], { cwd: benchRoot, env });
  if (existsSync(path.join(root, 'package.json'))) throw new Error(`${name} has a package.json at its root: measure it by hand`);
  exec('cp', ['-al', path.join(install.dir, 'node_modules'), path.join(root, 'node_modules')], { cwd: root, env });
  exec('cp', [path.join(install.dir, 'package.json'), root], { cwd: root, env });
  appendFileSync(path.join(root, '.gitignore'), '\nnode_modules\n.nx/cache\n.nx/workspace-data\n');
  return root;
}

function graphSample(root: string, plugins: string[]): GraphSample {
  writeFileSync(path.join(root, 'nx.json'), `${JSON.stringify({ plugins }, null, 2)}\n`);
  const nx = (args: string[]) => exec(path.join(root, 'node_modules', '.bin', 'nx'), args, { cwd: root, env: { ...env, NX_PERF_LOGGING: 'true' } });
  nx(['reset']);
  const cold = nx(['show', 'projects']);
  const warm = nx(['show', 'projects']);
  return {
    coldMs: cold.ms,
    warmMs: warm.ms,
    createNodesColdMs: createNodesMs(cold.output, '@go-pgo/nx'),
    createNodesWarmMs: createNodesMs(warm.output, '@go-pgo/nx'),
    projects: warm.stdout.split('\n').filter((line) => line.trim() !== '').length,
  };
}

function graph(install: Install): Record<'bare' | 'go-pgo', GraphSample[]> {
  const root = graphWorkspace(install);
  const samples: Record<'bare' | 'go-pgo', GraphSample[]> = { bare: [], 'go-pgo': [] };
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? (['bare', 'go-pgo'] as const) : (['go-pgo', 'bare'] as const);
    for (const side of order) samples[side].push(graphSample(root, side === 'bare' ? [] : ['@go-pgo/nx']));
  }
  return samples;
}

const fmt = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(0));
const med = (samples: GraphSample[], key: keyof GraphSample): number | undefined => {
  const found = samples.map((s) => s[key]).filter((v): v is number => v !== undefined);
  return found.length > 0 ? median(found) : undefined;
};

async function main(): Promise<void> {
  exec('npm', ['run', 'build'], { cwd: repoRoot, env });
  const commit = exec('git', ['rev-parse', 'HEAD'], { cwd: checkout, env }).stdout.trim();
  const lines = [`## ${name} (${commit.slice(0, 12)})`, '', '| build | binaries | conservative | workspace packages | files go build reads | misses | extras | external packages go list could not load | oracle time |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  const misses: string[] = [];
  for (const build of values['no-oracle'] ? [] : builds()) {
    const row = await oracle(build);
    lines.push(`| ${row.build} | ${row.binaries} | ${row.conservative} | ${row.packages} | ${row.reads} | ${row.misses.length} | ${row.extras} | ${row.unloaded} | ${row.seconds.toFixed(0)} s |`);
    misses.push(...row.misses.map((file) => `${row.build}: ${file}`));
  }
  if (misses.length > 0) lines.push('', 'Missed:', ...misses.slice(0, 50).map((m) => `- ${m}`));
  const edits = Number(values.edits);
  if (edits > 0) {
    const check = await editCheck(checkout, builds()[0]!, edits, env);
    lines.push(
      '',
      `Edits (${check.files} files, each edited below its header, in its header, then restored): warm projects equal to a cold run's after every edit: ${check.mismatches.length === 0 ? 'yes' : `**no**: ${check.mismatches.join(', ')}`}; the plugin in process (createNodes and finding the go.mod files as Nx would), medians: body edit ${check.bodyMs.toFixed(0)} ms, header edit ${check.headerMs.toFixed(0)} ms, cold ${check.coldMs.toFixed(0)} ms`,
    );
    misses.push(...check.mismatches);
  }
  if (!values['no-graph']) {
    const install = prepareInstall(env);
    const samples = graph(install);
    const bareWarm = med(samples.bare, 'warmMs')!;
    lines.push(
      '',
      `nx ${install.nxVersion}, node ${process.version}, medians of ${runs} runs (NX_DAEMON=false), ms:`,
      '',
      '| side | projects | cold | warm | warm / bare | createNodes cold | createNodes warm |',
      '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const side of ['bare', 'go-pgo'] as const) {
      const s = samples[side];
      lines.push(
        `| ${side} | ${med(s, 'projects')} | ${fmt(med(s, 'coldMs'))} | ${fmt(med(s, 'warmMs'))} | ${(med(s, 'warmMs')! / bareWarm).toFixed(2)}× | ${fmt(med(s, 'createNodesColdMs'))} | ${fmt(med(s, 'createNodesWarmMs'))} |`,
      );
    }
  }
  console.log(lines.join('\n'));
  if (misses.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
