// `npm run demo [-- --quick]`: the whole PGO loop on the bundled examples/ workspace, every step
// an Nx target of @go-pgo/nx, in a scratch copy (scratch-workspace.ts), twice for the storefront:
// iteration 1 profiles the -pgo=off build, iteration 2 the PGO build of iteration 1, and
// pgo-loadtest measures each profile's gain on the storefront itself. Prints a line per step with
// its elapsed time, streams what Nx prints beneath it, ends with a summary table, and stops every
// process it started: on success, on failure and on Ctrl-C.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { historyFile, readHistory, type BuildReport, type BenchRun, type LoadtestRun, type MergeSummary, type ValidationReport } from '@go-pgo/core';
import { startLoadgen, startStorefront, stopAll } from '../test-support/storefront';
import { STOREFRONT_DIR, STOREFRONT_PGO_YAML, STOREFRONT_PROFILE, storefrontPgoYaml } from './capture-config';
import { DemoUsageError, parseDemoArgs, USAGE, type DemoOptions } from './demo-options';
import { stopGroups } from './process-group';
import { callEdgeOverlap } from '../test-support/profile-overlap';
import { DemoStepError, ScratchWorkspace } from './scratch-workspace';
import { formatDuration, formatSummary, type Iteration } from './summary';

const STEPS = 10;
const INSTANCES = 3;
const STOREFRONT_BINARY = `dist/go/${STOREFRONT_DIR}/storefront`;
const STOREFRONT_OFF_BINARY = `dist/go/${STOREFRONT_DIR}/off/storefront`;
const STOREFRONT_OUT = `dist/pgo/${STOREFRONT_DIR}`;
const LOADTEST_OUT = `${STOREFRONT_OUT}/loadtest`;
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
  const committedPgoYaml = await fs.readFile(at(STOREFRONT_PGO_YAML), 'utf8');
  // The load generator is a tool beside the service, not an Nx project (it is not under cmd/).
  const loadgen = at('.demo/bin/loadgen');

  /** Starts the storefronts of `binary` under load, captures from all of them through Nx, stops them. */
  const capture = async (binary: string): Promise<void> => {
    const services = await Promise.all(Array.from({ length: INSTANCES }, () => startStorefront({ storefront: at(binary), loadgen })));
    const urls = services.map((s) => s.url);
    startLoadgen({ storefront: at(binary), loadgen }, urls, 4);
    print(`    storefronts (${binary}) on ${urls.join(', ')}, load generator running`);
    await fs.writeFile(at(STOREFRONT_PGO_YAML), storefrontPgoYaml(committedPgoYaml, urls, mode));
    print(`    added the instances' URLs to ${STOREFRONT_PGO_YAML} (in the scratch copy)`);
    await workspace.nx(['run', 'storefront:pgo-capture']);
    await stopAll();
    print('    stopped the storefronts and the load generator');
  };
  /** pgo-merge, then pgo-validate of the candidate; the candidate's figures. */
  const mergeAndValidate = async (): Promise<{ candidate: MergeSummary; validation: ValidationReport }> => {
    await workspace.nx(['run', 'storefront:pgo-merge']);
    await workspace.nx(['run', 'storefront:pgo-validate:candidate']);
    return {
      candidate: await readJson<MergeSummary>(at(`${STOREFRONT_OUT}/candidate.json`)),
      validation: await readJson<ValidationReport>(at(`${STOREFRONT_OUT}/validate.json`)),
    };
  };
  /** The candidate becomes default.pgo; pgo-verify builds the storefront with it (pgo-build) and checks it. */
  const adoptAndBuild = async (): Promise<BuildReport> => {
    await fs.copyFile(at(`${STOREFRONT_OUT}/candidate.pgo`), at(STOREFRONT_PROFILE));
    print(`    copied ${STOREFRONT_OUT}/candidate.pgo to ${STOREFRONT_PROFILE}`);
    await workspace.nx(['run', 'storefront:pgo-verify']);
    return readJson<BuildReport>(at(`${STOREFRONT_BINARY}.build.json`));
  };
  /** pgo-loadtest of the storefront; its report is kept as storefront-loadtest-<n>.html. Gates are shown in the summary. */
  const loadtest = async (iteration: number): Promise<LoadtestRun> => {
    const { rounds, requests, warmup } = mode.loadtest;
    await workspace.nx(['run', 'storefront:pgo-loadtest', `--rounds=${rounds}`, `--requests=${requests}`, `--warmup=${warmup}`, '--noGate']);
    await fs.mkdir(options.outDir, { recursive: true });
    await fs.copyFile(at(`${LOADTEST_OUT}/report.html`), path.join(options.outDir, `storefront-loadtest-${iteration}.html`));
    return readJson<LoadtestRun>(at(`${LOADTEST_OUT}/loadtest.json`));
  };

  const off = await step(1, 'build without PGO: nx run-many -t pgo-build -c off -p storefront,report', async () => {
    await workspace.nx(['run-many', '-t', 'pgo-build', '-c', 'off', '-p', 'storefront,report', '--outputStyle=stream']);
    await workspace.go(['build', '-trimpath', '-o', loadgen, './loadgen'], 'services');
    return readJson<BuildReport>(at(`${STOREFRONT_OFF_BINARY}.build.json`));
  });

  await step(2, `iteration 1: capture ${mode.captureSeconds} s from ${INSTANCES} storefronts of the -pgo=off build under load: nx run storefront:pgo-capture`, () => capture(STOREFRONT_OFF_BINARY));
  const first = await step(3, 'iteration 1: merge and validate: nx run storefront:pgo-merge, storefront:pgo-validate:candidate', mergeAndValidate);
  const pgo = await step(4, 'iteration 1: adopt the candidate, build with PGO and verify: nx run storefront:pgo-verify (after pgo-build)', adoptAndBuild);
  const loadtest1 = await step(5, `iteration 1: the storefront's own gain, ${mode.loadtest.rounds} rounds of ${mode.loadtest.requests} requests: nx run storefront:pgo-loadtest`, () => loadtest(1));

  const firstProfile = at('.demo/iteration-1.pgo');
  await fs.copyFile(at(STOREFRONT_PROFILE), firstProfile);
  await step(6, `iteration 2: capture ${mode.captureSeconds} s from ${INSTANCES} storefronts of the PGO build under the same load`, () => capture(STOREFRONT_BINARY));
  const second = await step(7, 'iteration 2: merge, validate, adopt, rebuild and verify', async () => {
    const merged = await mergeAndValidate();
    return { ...merged, build: await adoptAndBuild() };
  });
  const loadtest2 = await step(8, 'iteration 2: the storefront\'s gain with the second profile: nx run storefront:pgo-loadtest', () => loadtest(2));
  const overlap = await callEdgeOverlap(firstProfile, at(STOREFRONT_PROFILE));

  // Gates are shown in the summary rather than ending the demo before its report.
  const bench = await step(9, `A/B benchmark of the report CLI, ${mode.benchCount} rounds of ${mode.benchtime}: nx run report:pgo-bench`, async () => {
    await workspace.nx(['run', 'report:pgo-bench', `--count=${mode.benchCount}`, `--benchtime=${mode.benchtime}`, `--buildCost=${mode.buildCost}`, '--noGate']);
    return readJson<BenchRun>(at(`${BENCH_OUT}/bench.json`));
  });

  const reportFile = await step(10, `write the reports to ${options.outDir}`, async () => {
    await fs.mkdir(options.outDir, { recursive: true });
    for (const file of KEPT_BENCH_FILES) await fs.copyFile(at(`${BENCH_OUT}/${file}`), path.join(options.outDir, file));
    await fs.copyFile(at(`${LOADTEST_OUT}/loadtest.json`), path.join(options.outDir, 'loadtest.json'));
    return path.join(options.outDir, 'report.html');
  });

  const iterations: [Iteration, Iteration] = [
    { loadtest: loadtest1, candidate: first.candidate, validation: first.validation, capturedFrom: '-pgo=off build' },
    { loadtest: loadtest2, candidate: second.candidate, validation: second.validation, capturedFrom: 'PGO build of iteration 1' },
  ];
  const history = historyFile(workspace.root, bench.project);
  const summary = formatSummary({
    mode,
    storefront: { off, pgo, iterations, overlap, rebuilt: second.build },
    bench,
    history: { file: path.relative(workspace.root, history), rows: (await readHistory(history)).rows },
    reportFile,
    loadtestReports: [1, 2].map((n) => path.join(options.outDir, `storefront-loadtest-${n}.html`)),
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
