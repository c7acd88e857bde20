// `npm run demo [-- --quick]`: the whole PGO loop on the bundled examples/ workspace, every step
// an Nx target of @go-pgo/nx, in a scratch copy (scratch-workspace.ts). Prints a line per step
// with its elapsed time, streams what Nx prints beneath it, ends with a summary table, and stops
// every process it started: on success, on failure and on Ctrl-C.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { historyFile, readHistory, type BuildReport, type BenchRun, type MergeSummary, type ValidationReport } from '@go-pgo/core';
import { startLoadgen, startStorefront, stopAll } from '../test-support/storefront';
import { STOREFRONT_DIR, STOREFRONT_PROFILE, storefrontPgoYaml } from './capture-config';
import { DemoUsageError, parseDemoArgs, USAGE, type DemoOptions } from './demo-options';
import { stopGroups } from './process-group';
import { DemoStepError, ScratchWorkspace } from './scratch-workspace';
import { formatDuration, formatSummary } from './summary';

const STEPS = 7;
const INSTANCES = 3;
const STOREFRONT_BINARY = `dist/go/${STOREFRONT_DIR}/storefront`;
const STOREFRONT_OUT = `dist/pgo/${STOREFRONT_DIR}`;
const BENCH_OUT = 'dist/pgo/tools/cmd/report/bench';
/** What the demo keeps from pgo-bench's output directory. */
const KEPT_BENCH_FILES = ['report.html', 'bench.json', 'bench-diff.txt'];

const started = Date.now();
const elapsed = (): number => (Date.now() - started) / 1000;
const print = (line: string): void => void process.stdout.write(`${line}\n`);

async function step<T>(n: number, title: string, work: () => Promise<T>): Promise<T> {
  const stepStarted = Date.now();
  const took = (): string => `${formatDuration((Date.now() - stepStarted) / 1000)} (${formatDuration(elapsed())} so far)`;
  print(`[${n}/${STEPS}] ${title}`);
  try {
    const result = await work();
    print(`[${n}/${STEPS}] done in ${took()}`);
    return result;
  } catch (error) {
    print(`[${n}/${STEPS}] failed after ${took()}`);
    throw error;
  }
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

async function demo(options: DemoOptions, workspace: ScratchWorkspace): Promise<void> {
  const { mode } = options;
  const at = (relative: string): string => workspace.path(relative);

  const off = await step(1, 'build without PGO: nx run-many -t pgo-build -c off -p storefront,report', async () => {
    await workspace.nx(['run-many', '-t', 'pgo-build', '-c', 'off', '-p', 'storefront,report', '--outputStyle=stream']);
    return readJson<BuildReport>(at(`${STOREFRONT_BINARY}.build.json`));
  });

  const urls = await step(2, `start ${INSTANCES} storefronts (the -pgo=off build) under load`, async () => {
    // The load generator is a tool beside the service, not an Nx project (it is not under cmd/).
    const loadgen = at('.demo/bin/loadgen');
    await workspace.go(['build', '-trimpath', '-o', loadgen, './loadgen'], 'services');
    const binaries = { storefront: at(STOREFRONT_BINARY), loadgen };
    const services = await Promise.all(Array.from({ length: INSTANCES }, () => startStorefront(binaries)));
    const serviceUrls = services.map((s) => s.url);
    startLoadgen(binaries, serviceUrls);
    print(`    storefronts on ${serviceUrls.join(', ')}, load generator running`);
    return serviceUrls;
  });

  await step(3, `capture ${mode.captureSeconds} s from each: nx run storefront:pgo-capture`, async () => {
    await fs.writeFile(at(`${STOREFRONT_DIR}/pgo.yaml`), storefrontPgoYaml(urls, mode));
    print(`    wrote ${STOREFRONT_DIR}/pgo.yaml with the instances' URLs (in the scratch copy)`);
    await workspace.nx(['run', 'storefront:pgo-capture']);
    await stopAll();
    print(`    stopped the storefronts and the load generator`);
  });

  const { candidate, validation } = await step(4, 'merge and validate: nx run storefront:pgo-merge, storefront:pgo-validate:candidate', async () => {
    await workspace.nx(['run', 'storefront:pgo-merge']);
    await workspace.nx(['run', 'storefront:pgo-validate:candidate']);
    return {
      candidate: await readJson<MergeSummary>(at(`${STOREFRONT_OUT}/candidate.json`)),
      validation: await readJson<ValidationReport>(at(`${STOREFRONT_OUT}/validate.json`)),
    };
  });

  const pgo = await step(5, 'adopt the candidate, build with PGO and verify: nx run storefront:pgo-verify (after pgo-build)', async () => {
    await fs.copyFile(at(`${STOREFRONT_OUT}/candidate.pgo`), at(STOREFRONT_PROFILE));
    print(`    copied ${STOREFRONT_OUT}/candidate.pgo to ${STOREFRONT_PROFILE}`);
    await workspace.nx(['run', 'storefront:pgo-verify']);
    return readJson<BuildReport>(at(`${STOREFRONT_BINARY}.build.json`));
  });

  // Gates are shown in the summary rather than ending the demo before its report.
  const bench = await step(6, `A/B benchmark, ${mode.benchCount} rounds of ${mode.benchtime}: nx run report:pgo-bench`, async () => {
    await workspace.nx(['run', 'report:pgo-bench', `--count=${mode.benchCount}`, `--benchtime=${mode.benchtime}`, `--buildCost=${mode.buildCost}`, '--noGate']);
    return readJson<BenchRun>(at(`${BENCH_OUT}/bench.json`));
  });

  const reportFile = await step(7, `write the report to ${options.outDir}`, async () => {
    await fs.mkdir(options.outDir, { recursive: true });
    for (const file of KEPT_BENCH_FILES) await fs.copyFile(at(`${BENCH_OUT}/${file}`), path.join(options.outDir, file));
    return path.join(options.outDir, 'report.html');
  });

  const history = historyFile(workspace.root, bench.project);
  const summary = formatSummary({
    mode,
    storefront: { off, pgo, candidate, validation },
    bench,
    history: { file: path.relative(workspace.root, history), rows: (await readHistory(history)).rows },
    reportFile,
    elapsedSeconds: elapsed(),
  });
  await fs.writeFile(path.join(options.outDir, 'summary.txt'), summary);
  print(`\n${summary}`);
}

/** Stops everything the demo started and removes the scratch workspace; runs once. */
function cleaner(options: DemoOptions, workspace: () => ScratchWorkspace | undefined): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () =>
    (done ??= (async () => {
      await Promise.all([stopGroups(), stopAll()]);
      const scratch = workspace();
      if (scratch === undefined) return;
      if (options.keep) print(`scratch workspace kept: ${scratch.root}`);
      else await scratch.dispose();
    })());
}

async function main(argv: string[]): Promise<number> {
  let options: DemoOptions | 'help';
  try {
    options = parseDemoArgs(argv);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    process.stderr.write(`demo: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    print(USAGE);
    return 0;
  }
  let workspace: ScratchWorkspace | undefined;
  const cleanup = cleaner(options, () => workspace);
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Listening (not once) keeps a second Ctrl-C from ending the demo before it has stopped everything.
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      print(`\ndemo: ${signal}: stopping every process it started…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    workspace = await ScratchWorkspace.create(print);
    print(`go-pgo demo (${options.mode.name} mode) in ${workspace.root}, a scratch copy of examples/`);
    await demo(options, workspace);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    if (!(error instanceof DemoStepError)) throw error;
    process.stderr.write(`demo: ${error.message}\n`);
    return 1;
  } finally {
    await cleanup();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
