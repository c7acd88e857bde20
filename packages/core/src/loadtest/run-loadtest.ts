// pgo-loadtest: the service binary itself, built with -pgo=off and with its profile into the
// target's own output directory, both started on 127.0.0.1 and driven by the same load in
// interleaved rounds (loadtest-rounds.ts); the server's CPU seconds per request compared pair by
// pair, the gates applied, and loadtest.json, report.html and one history row written. Every
// process it starts is stopped at the end, on failure and on abort (Ctrl-C).
//
// accepted: true when every gate passed. noGate only keeps a breach from failing the run: it is
// recorded as not accepted.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileSha256 } from '../build/file-sha256';
import { goBuild, type BuildLog } from '../build/go-build';
import { checkProfileForPgo } from '../build/check-profile';
import { headCommit } from '../bench/git-commit';
import { appendHistory, historyFile as defaultHistoryFile, readHistory } from '../bench/history';
import type { GateResult } from '../bench/bench-types';
import type { LoadtestSettings } from '../config/pgo-settings';
import { locateProfile } from '../config/resolve-profile';
import { workspaceRelative } from '../config/workspace-path';
import { atomicWrite } from '../fs/atomic-write';
import { hasProcStat } from '../process/proc-stat';
import { writeServiceReport } from '../report/service-report';
import { CommandGenerator } from './command-generator';
import type { LoadGenerator } from './load-generator';
import { LoadtestError, ServiceGateError, stoppedError } from './loadtest-error';
import { loadtestReportModel } from './loadtest-report-model';
import { runLoadRounds, type RoundsProgress } from './loadtest-rounds';
import { compareRounds } from './loadtest-stats';
import type { LoadtestRun, Side } from './loadtest-types';
import { Replayer } from './replayer';
import { readRequestFile } from './request-file';
import { estimateGate } from './service-gates';
import type { ServiceHistoryRow } from './service-history-row';
import { SERVER_PLACEHOLDERS, ServiceInstance } from './service-instance';

export type LoadtestProgress =
  | RoundsProgress
  /** One side's binary is being built. */
  | { kind: 'build'; side: Side }
  | { kind: 'built'; side: Side; seconds: number }
  /** Both servers answer their health path. */
  | { kind: 'servers'; urls: Record<Side, string>; load: string }
  /** Something worth a line that is not an error. */
  | { kind: 'note'; message: string };

export interface RunPgoLoadtestOptions {
  /** Absolute. */
  workspaceRoot: string;
  /** The binary's directory (cmd/<name>): absolute, or relative to the workspace root. */
  binaryDir: string;
  /** The binary's module root: absolute, or relative to the workspace root. */
  moduleRoot: string;
  project: string;
  settings: LoadtestSettings;
  /** The profile to compare with -pgo=off: absolute, or relative to the workspace root. */
  profile: string;
  /** Default `<workspaceRoot>/dist/pgo/<binary dir>/loadtest`. */
  outputDir?: string;
  /** Default `<workspaceRoot>/.pgo/history/<project>.jsonl`. */
  historyFile?: string;
  noGate?: boolean;
  /** Variables set on top of this process's environment for go, the servers and the generator. */
  env?: NodeJS.ProcessEnv;
  /** go build's own output; default: dropped (a failed build's message says where to look). */
  buildLog?: BuildLog;
  onProgress?: (event: LoadtestProgress) => void;
  signal?: AbortSignal;
}

export interface LoadtestFiles {
  json: string;
  html: string;
  /** The two binaries, kept for a look afterwards. */
  binaries: Record<Side, string>;
}

export interface PgoLoadtestResult {
  run: LoadtestRun;
  files: LoadtestFiles;
}

export const LOADTEST_FILES = { json: 'loadtest.json', html: 'report.html' } as const;

/** dist/pgo/<binary dir>/loadtest, workspace-relative: pgo-loadtest's default output directory. */
export function defaultLoadtestOutputDir(binaryDirRelative: string): string {
  return `dist/pgo/${binaryDirRelative.split(path.sep).join('/')}/loadtest`;
}

export async function runPgoLoadtest(options: RunPgoLoadtestOptions): Promise<PgoLoadtestResult> {
  const workspaceRoot = path.resolve(options.workspaceRoot);
  const shown = (file: string): string => workspaceRelative(workspaceRoot, file);
  const binaryDir = path.resolve(workspaceRoot, options.binaryDir);
  const moduleRoot = path.resolve(workspaceRoot, options.moduleRoot);
  const { settings, signal } = options;
  const progress = options.onProgress ?? ((): void => undefined);
  const env = { ...process.env, ...options.env };
  const outputDir = path.resolve(workspaceRoot, options.outputDir ?? defaultLoadtestOutputDir(shown(binaryDir)));
  const history = options.historyFile === undefined ? defaultHistoryFile(workspaceRoot, options.project) : path.resolve(workspaceRoot, options.historyFile);

  // Everything that can be known wrong fails before the builds.
  checkSettings(options.project, settings);
  if (!(await hasProcStat())) throw new LoadtestError('unsupported', 'pgo-loadtest reads CPU time from /proc/<pid>/stat: run it on Linux');
  const location = await locateProfile({ workspaceRoot, binaryDir, profile: options.profile });
  await checkProfileForPgo(location, workspaceRoot);
  const past = await readHistory(history, shown(history));
  if (past.tornLastLine) progress({ kind: 'note', message: `${shown(history)}: its last line is torn (an interrupted write): left out` });
  const generator = await openGenerator(settings, workspaceRoot, env);

  const services: Partial<Record<Side, ServiceInstance>> = {};
  try {
    const name = path.basename(binaryDir);
    const pkg = `./${path.relative(moduleRoot, binaryDir).split(path.sep).join('/')}`;
    const binaries = { off: path.join(outputDir, 'off', name), pgo: path.join(outputDir, 'pgo', name) };
    let goVersion = '';
    for (const side of ['off', 'pgo'] as const) {
      abortIfStopped(signal);
      progress({ kind: 'build', side });
      const { report } = await goBuild({
        workspaceRoot,
        moduleRoot,
        pkg: pkg === './' ? '.' : pkg,
        outputPath: binaries[side],
        ...(side === 'pgo' ? { profile: location.path, pgo: 'auto' as const } : { pgo: 'off' as const }),
        env: options.env,
        log: options.buildLog ?? { info: () => undefined, output: () => undefined },
      });
      binaries[side] = path.resolve(workspaceRoot, report.binary);
      goVersion = report.goVersion;
      progress({ kind: 'built', side, seconds: report.buildSeconds });
    }

    const serverEnv = { ...env, ...settings.env };
    // Both start at once; each is recorded as soon as it is up, so that one failing to start
    // never leaves the other running.
    const started = await Promise.allSettled(
      (['off', 'pgo'] as const).map(async (side) => {
        services[side] = await ServiceInstance.start({ binary: binaries[side], label: side, args: settings.args, env: serverEnv, health: settings.health, startSeconds: settings.startSeconds, signal });
      }),
    );
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const running = services as Record<Side, ServiceInstance>;
    progress({ kind: 'servers', urls: { off: running.off.url, pgo: running.pgo.url }, load: generator.description });
    const measures = await runLoadRounds({
      services: running,
      generator,
      rounds: settings.rounds,
      requests: settings.requests,
      warmup: settings.warmup,
      onProgress: progress,
      signal,
    });

    const comparison = compareRounds(measures);
    const gates = loadtestGates(settings, comparison);
    const [commit, profileSha256] = await Promise.all([headCommit(workspaceRoot), fileSha256(location.path)]);
    const run: LoadtestRun = {
      project: options.project,
      ...(commit === undefined ? {} : { commit }),
      date: new Date().toISOString(),
      goVersion,
      profile: { path: shown(location.path), sha256: profileSha256 },
      load: generator.description,
      rounds: settings.rounds,
      requestsPerRound: settings.requests,
      warmup: settings.warmup,
      measures,
      comparison,
      gates,
      accepted: gates.every((g) => g.passed),
    };
    const row = historyRow(run);
    const files = { json: path.join(outputDir, LOADTEST_FILES.json), html: path.join(outputDir, LOADTEST_FILES.html), binaries };
    await mkdir(outputDir, { recursive: true });
    await atomicWrite(files.json, `${JSON.stringify(run, null, 2)}\n`);
    const rows = [...past.service.filter((r) => r.kind === 'loadtest'), row];
    await writeServiceReport(files.html, loadtestReportModel(run, rows));
    const appended = await appendHistory(history, row, shown(history));
    if (appended.droppedTornLine) progress({ kind: 'note', message: `${shown(history)}: dropped its torn last line while appending this run` });

    const breached = gates.filter((g) => !g.passed);
    if (breached.length > 0 && !options.noGate) throw new ServiceGateError(run, breached);
    return { run, files };
  } catch (error) {
    // A Ctrl-C also reaches a running go build, whose failure is then the stop, not a bad build.
    if (signal?.aborted && !(error instanceof ServiceGateError)) throw stoppedError(error);
    throw error;
  } finally {
    await Promise.all([...Object.values(services).map((s) => s.stop()), generator.close()]);
  }
}

function checkSettings(project: string, settings: LoadtestSettings): void {
  const where = `${project}: pgo.yaml loadtest`;
  if ((settings.replay === undefined) === (settings.command === undefined)) {
    throw new LoadtestError(
      'bad-option',
      `${where} needs exactly one source of load: replay (a request file for the built-in replayer) or command (your generator, e.g. wrk), ${settings.replay === undefined ? 'found neither' : 'found both'}`,
    );
  }
  const placed = [...settings.args, ...Object.values(settings.env)].some((text) => SERVER_PLACEHOLDERS.some((p) => text.includes(p)));
  if (!placed) {
    throw new LoadtestError('bad-option', `${where}.args or .env must tell the server where to listen with {port} or {addr}, e.g. args: [-addr, '{addr}'] or env: { PORT: '{port}' }`);
  }
}

async function openGenerator(settings: LoadtestSettings, workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<LoadGenerator> {
  if (settings.command !== undefined) return CommandGenerator.create(settings.command, settings.concurrency, env);
  const file = settings.replay!;
  const shown = workspaceRelative(workspaceRoot, file);
  return new Replayer(await readRequestFile(file, shown), settings.concurrency, shown);
}

function loadtestGates(settings: LoadtestSettings, comparison: LoadtestRun['comparison']): GateResult[] {
  const gates: GateResult[] = [];
  const { cpuPerRequest, latencyP99 } = settings.gates;
  if (cpuPerRequest !== undefined) gates.push(estimateGate('cpuPerRequest', cpuPerRequest, comparison.cpuPerRequest, 'the server CPU per request'));
  if (latencyP99 !== undefined) {
    if (comparison.latencyP99 === undefined) {
      gates.push({
        gate: 'latencyP99',
        limit: latencyP99,
        measured: NaN,
        baseline: 'off',
        passed: false,
        message: 'latencyP99: no latencies were measured: use the built-in replayer, or wrk with --latency',
      });
    } else gates.push(estimateGate('latencyP99', latencyP99, comparison.latencyP99, 'the p99 latency'));
  }
  return gates;
}

function historyRow(run: LoadtestRun): ServiceHistoryRow {
  const { cpuPerRequest, pValue, latencyP99 } = run.comparison;
  return {
    kind: 'loadtest',
    ...(run.commit === undefined ? {} : { commit: run.commit }),
    profileSha256: run.profile.sha256,
    date: run.date,
    goVersion: run.goVersion,
    geomeanDeltaPercent: cpuPerRequest.center,
    geomeanCi: { lo: cpuPerRequest.lo, hi: cpuPerRequest.hi },
    pValue,
    ...(latencyP99 === undefined ? {} : { latencyP99DeltaPercent: latencyP99.center }),
    pairs: run.rounds,
    accepted: run.accepted,
  };
}

function abortIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw stoppedError();
}
