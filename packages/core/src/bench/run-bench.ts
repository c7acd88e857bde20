// pgo-bench: compile each bench package's test binary with -pgo=off and with the profile,
// run both in alternating rounds, compare them as benchstat does, apply the gates, and write
// bench-off.txt, bench-pgo.txt, bench-diff.txt, bench.json and report.html, then one history
// row. Outputs are written before a gate fails the run, so a failed gate can be looked at.
//
// accepted: true when every evaluated gate passed. --no-gate (noGate) only keeps a breach from
// failing the run: the run is still recorded with accepted: false, so it never becomes the
// baseline the next run's size and build-time gates compare with.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileSha256 } from '../build/file-sha256';
import { readGoTarget } from '../build/go-env';
import { checkProfileForPgo } from '../build/check-profile';
import type { BenchSettings } from '../config/pgo-settings';
import { locateProfile } from '../config/resolve-profile';
import { workspaceRelative } from '../config/workspace-path';
import { atomicWrite } from '../fs/atomic-write';
import { writeBenchReport } from '../report/bench-report';
import { formatBenchstat } from '../stats/benchstat-format';
import { compareBenchmarks, DEFAULT_ALPHA, DEFAULT_CONFIDENCE } from '../stats/compare';
import { pairedGeomeanDelta } from '../stats/paired-geomean';
import { BenchError, BenchGateError } from './bench-error';
import { resolveBenchPackages } from './bench-packages';
import { runRounds, throwIfAborted, type RoundProgress } from './bench-rounds';
import type { BenchRun, BuildCost, HistoryRow } from './bench-types';
import { evaluateGates } from './gates';
import { headCommit } from './git-commit';
import { appendHistory, historyFile as defaultHistoryFile, lastAccepted, readHistory } from './history';
import { pairRounds } from './round-pairs';
import { compileSide, type BuildCostMode, type Side } from './test-binaries';

export type BenchProgress =
  | RoundProgress
  /** The packages the patterns expanded to. */
  | { kind: 'packages'; packages: string[] }
  /** One side's test binaries are being compiled. */
  | { kind: 'build'; side: Side; mode: BuildCostMode }
  | { kind: 'built'; side: Side; cost: BuildCost }
  /** Something worth a line that is not an error (e.g. a torn history line dropped). */
  | { kind: 'note'; message: string };

export interface RunPgoBenchOptions {
  /** Absolute. */
  workspaceRoot: string;
  /** The binary's directory (cmd/<name>): absolute, or relative to the workspace root. */
  binaryDir: string;
  /** The binary's module root (go.mod directory): absolute, or relative to the workspace root. */
  moduleRoot: string;
  /** The project name: names the history file and the report. */
  project: string;
  settings: BenchSettings;
  /** The profile to compare with -pgo=off: absolute, or relative to the workspace root. */
  profile: string;
  /** Default `<workspaceRoot>/dist/pgo/<binary dir>/bench`. */
  outputDir?: string;
  /** Default `<workspaceRoot>/.pgo/history/<project>.jsonl`. */
  historyFile?: string;
  /** Report breached gates without failing (the run is still recorded as not accepted). */
  noGate?: boolean;
  /** Default `cold`: see test-binaries.ts. */
  buildCost?: BuildCostMode;
  /** Variables set on top of this process's environment for go and the test binaries. */
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: BenchProgress) => void;
  signal?: AbortSignal;
}

export interface BenchFiles {
  off: string;
  pgo: string;
  diff: string;
  json: string;
  html: string;
}

export interface PgoBenchResult {
  run: BenchRun;
  /** The benchstat text of bench-diff.txt. */
  diff: string;
  /** Absolute. */
  files: BenchFiles;
  /** The history after this run (its own row last). */
  history: HistoryRow[];
}

export const BENCH_FILES = { off: 'bench-off.txt', pgo: 'bench-pgo.txt', diff: 'bench-diff.txt', json: 'bench.json', html: 'report.html' } as const;

/** dist/pgo/<binary dir>/bench, workspace-relative: pgo-bench's default output directory. */
export function defaultBenchOutputDir(binaryDirRelative: string): string {
  return `dist/pgo/${binaryDirRelative.split(path.sep).join('/')}/bench`;
}

export async function runPgoBench(options: RunPgoBenchOptions): Promise<PgoBenchResult> {
  const workspaceRoot = path.resolve(options.workspaceRoot);
  const shown = (file: string): string => workspaceRelative(workspaceRoot, file);
  const binaryDir = path.resolve(workspaceRoot, options.binaryDir);
  const moduleRoot = path.resolve(workspaceRoot, options.moduleRoot);
  const { settings, env, signal } = options;
  const progress = options.onProgress ?? ((): void => undefined);
  const mode = options.buildCost ?? 'cold';
  if (!Number.isSafeInteger(settings.count) || settings.count < 1) {
    throw new BenchError('bad-option', `${options.project}: bench.count must be a whole number ≥ 1, got ${settings.count}`);
  }
  const outputDir = path.resolve(workspaceRoot, options.outputDir ?? defaultBenchOutputDir(shown(binaryDir)));
  const history = options.historyFile === undefined ? defaultHistoryFile(workspaceRoot, options.project) : path.resolve(workspaceRoot, options.historyFile);

  // Everything that can be known wrong fails before the slow part.
  const location = await locateProfile({ workspaceRoot, binaryDir, profile: options.profile });
  await checkProfileForPgo(location, workspaceRoot);
  const profile = location.path;
  const go = { cwd: moduleRoot, env };
  const [target, packages, past, profileSha256, commit] = await Promise.all([
    readGoTarget(go),
    resolveBenchPackages(settings.packages, moduleRoot, env),
    readHistory(history, shown(history)),
    fileSha256(profile),
    headCommit(workspaceRoot),
  ]);
  if (past.tornLastLine) progress({ kind: 'note', message: `${shown(history)}: its last line is torn (an interrupted write): left out` });
  progress({ kind: 'packages', packages: packages.map((p) => p.importPath) });

  const binDir = await mkdtemp(path.join(os.tmpdir(), 'go-pgo-bench-'));
  try {
    const builds = {} as Record<Side, Awaited<ReturnType<typeof compileSide>>>;
    for (const side of ['off', 'pgo'] as const) {
      throwIfAborted(signal);
      progress({ kind: 'build', side, mode });
      builds[side] = await compileSide({ moduleRoot, packages, side, profile, binDir, mode, env });
      progress({ kind: 'built', side, cost: builds[side].cost });
    }
    const outputs = await runRounds({
      packages,
      binaries: { off: builds.off.binaries, pgo: builds.pgo.binaries },
      count: settings.count,
      bench: settings.bench,
      benchtime: settings.benchtime,
      env,
      onProgress: progress,
      signal,
    });

    const labels = { oldLabel: BENCH_FILES.off, newLabel: BENCH_FILES.pgo };
    const comparison = compareBenchmarks(outputs.off.all, outputs.pgo.all, { alpha: DEFAULT_ALPHA, confidence: DEFAULT_CONFIDENCE, ...labels });
    const diff = formatBenchstat(comparison, labels);
    const geomeanDelta = pairedGeomeanDelta(pairRounds(outputs.off.rounds, outputs.pgo.rounds), DEFAULT_CONFIDENCE);
    const gates = evaluateGates({
      gates: settings.gates,
      comparison,
      geomeanDelta,
      off: builds.off.cost,
      pgo: builds.pgo.cost,
      previous: lastAccepted(past.rows),
      buildCost: mode,
    });
    const run: BenchRun = {
      project: options.project,
      ...(commit === undefined ? {} : { commit }),
      date: new Date().toISOString(),
      goVersion: target.goVersion,
      profile: { path: shown(profile), sha256: profileSha256 },
      packages: packages.map((p) => p.importPath),
      count: settings.count,
      comparison,
      geomeanDelta,
      off: builds.off.cost,
      pgo: builds.pgo.cost,
      gates,
      accepted: gates.every((g) => g.passed),
    };
    const row = historyRow(run);
    const files = outputFiles(outputDir);
    const rows = [...past.rows, row];
    await mkdir(outputDir, { recursive: true });
    await atomicWrite(files.off, outputs.off.all);
    await atomicWrite(files.pgo, outputs.pgo.all);
    await atomicWrite(files.diff, diff);
    await atomicWrite(files.json, `${JSON.stringify(run, null, 2)}\n`);
    await writeBenchReport(files.html, run, rows);
    const appended = await appendHistory(history, row, shown(history));
    if (appended.droppedTornLine) progress({ kind: 'note', message: `${shown(history)}: dropped its torn last line while appending this run` });

    const failed = gates.filter((g) => !g.passed);
    if (failed.length > 0 && !options.noGate) throw new BenchGateError(run, failed);
    return { run, diff, files, history: rows };
  } finally {
    await rm(binDir, { recursive: true, force: true });
  }
}

function outputFiles(dir: string): BenchFiles {
  return {
    off: path.join(dir, BENCH_FILES.off),
    pgo: path.join(dir, BENCH_FILES.pgo),
    diff: path.join(dir, BENCH_FILES.diff),
    json: path.join(dir, BENCH_FILES.json),
    html: path.join(dir, BENCH_FILES.html),
  };
}

function historyRow(run: BenchRun): HistoryRow {
  return {
    ...(run.commit === undefined ? {} : { commit: run.commit }),
    profileSha256: run.profile.sha256,
    date: run.date,
    goVersion: run.goVersion,
    geomeanDeltaPercent: run.geomeanDelta.center,
    geomeanCi: { lo: run.geomeanDelta.lo, hi: run.geomeanDelta.hi },
    binaryBytes: { off: run.off.binaryBytes, pgo: run.pgo.binaryBytes },
    buildSeconds: { off: run.off.buildSeconds, pgo: run.pgo.buildSeconds },
    accepted: run.accepted,
  };
}
