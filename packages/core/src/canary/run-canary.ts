// pgo-canary: a canary deployment (the PGO build) against its baseline (the one without), from
// what Prometheus already records of both: CPU seconds per second and requests per second at
// each step of a window, their ratio CPU per request, paired by timestamp, then pgo-loadtest's
// statistics (median of the per-step ratios with its 95% interval, Mann-Whitney U) and its gate
// canary.gates.cpuPerRequest. Writes canary.json, report.html and a history row (kind: canary).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { headCommit } from '../bench/git-commit';
import { appendHistory, historyFile as defaultHistoryFile, readHistory } from '../bench/history';
import { fileSha256 } from '../build/file-sha256';
import { parseTime } from '../capture/time-window';
import type { CanarySettings } from '../config/pgo-settings';
import { workspaceRelative } from '../config/workspace-path';
import { atomicWrite } from '../fs/atomic-write';
import { ServiceGateError } from '../loadtest/loadtest-error';
import { comparePairs } from '../loadtest/paired-comparison';
import { estimateGate } from '../loadtest/service-gates';
import type { ServiceHistoryRow } from '../loadtest/service-history-row';
import { writeServiceReport } from '../report/service-report';
import { CanaryError } from './canary-error';
import { expandQuery } from './canary-queries';
import { canaryReportModel } from './canary-report-model';
import type { CanaryRun, CanaryStep, Deployment } from './canary-types';
import { queryRange, type Series } from './prometheus';

export interface RunPgoCanaryOptions {
  workspaceRoot: string;
  /** The binary's directory: absolute, or relative to the workspace root. */
  binaryDir: string;
  project: string;
  settings: CanarySettings;
  /** The binary's committed profile (absolute), recorded when it exists. */
  profile?: string;
  /** Default `<workspaceRoot>/dist/pgo/<binary dir>/canary`. */
  outputDir?: string;
  historyFile?: string;
  noGate?: boolean;
  /** The environment the credentials are read from; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** The clock `now` in the window resolves against; default the current time. */
  now?: Date;
  signal?: AbortSignal;
}

export interface PgoCanaryResult {
  run: CanaryRun;
  files: { json: string; html: string };
}

export const CANARY_FILES = { json: 'canary.json', html: 'report.html' } as const;

export function defaultCanaryOutputDir(binaryDirRelative: string): string {
  return `dist/pgo/${binaryDirRelative.split(path.sep).join('/')}/canary`;
}

export async function runPgoCanary(options: RunPgoCanaryOptions): Promise<PgoCanaryResult> {
  const workspaceRoot = path.resolve(options.workspaceRoot);
  const shown = (file: string): string => workspaceRelative(workspaceRoot, file);
  const binaryDir = path.resolve(workspaceRoot, options.binaryDir);
  const { settings } = options;
  const env = options.env ?? process.env;
  const outputDir = path.resolve(workspaceRoot, options.outputDir ?? defaultCanaryOutputDir(shown(binaryDir)));
  const history = options.historyFile === undefined ? defaultHistoryFile(workspaceRoot, options.project) : path.resolve(workspaceRoot, options.historyFile);
  const { prometheus, selectors } = required(options.project, settings);
  const window = resolveCanaryWindow(settings, options.now ?? new Date());
  const queries = {
    cpu: { canary: expandQuery(settings.queries.cpu, selectors.canary, settings.step, 'cpu'), baseline: expandQuery(settings.queries.cpu, selectors.baseline, settings.step, 'cpu') },
    requests: {
      canary: expandQuery(settings.queries.requests, selectors.canary, settings.step, 'requests'),
      baseline: expandQuery(settings.queries.requests, selectors.baseline, settings.step, 'requests'),
    },
  };
  const past = await readHistory(history, shown(history));
  const fetchOne = async (query: string): Promise<Map<number, number>> =>
    oneSeries(prometheus, query, await queryRange({ url: prometheus, query, ...window, step: settings.step, env, ...(options.signal ? { signal: options.signal } : {}) }));
  const [cpuCanary, cpuBaseline, requestsCanary, requestsBaseline] = await allInOrder([
    fetchOne(queries.cpu.canary),
    fetchOne(queries.cpu.baseline),
    fetchOne(queries.requests.canary),
    fetchOne(queries.requests.baseline),
  ]);
  const times = [...new Set([...cpuCanary.keys(), ...cpuBaseline.keys(), ...requestsCanary.keys(), ...requestsBaseline.keys()])].sort((a, b) => a - b);
  const steps: CanaryStep[] = [];
  for (const time of times) {
    const side = (cpu: Map<number, number>, requests: Map<number, number>): CanaryStep[Deployment] | undefined => {
      const c = cpu.get(time);
      const r = requests.get(time);
      return c !== undefined && r !== undefined && Number.isFinite(c) && Number.isFinite(r) && c > 0 && r > 0 ? { cpu: c, requests: r, cpuPerRequest: c / r } : undefined;
    };
    const canary = side(cpuCanary, requestsCanary);
    const baseline = side(cpuBaseline, requestsBaseline);
    if (canary !== undefined && baseline !== undefined) steps.push({ time, canary, baseline });
  }
  if (steps.length < settings.minSteps) {
    throw new CanaryError(
      'too-few-steps',
      `${options.project}: ${steps.length} step${steps.length === 1 ? '' : 's'} of ${settings.step} from ${window.start.toISOString()} to ${window.end.toISOString()} ${steps.length === 1 ? 'has' : 'have'} CPU and requests of both deployments (${times.length} with any data), and ${settings.minSteps} are needed to conclude (canary.minSteps): widen the window (canary.from) or shorten canary.step`,
    );
  }
  const compared = comparePairs(
    steps.map((s) => ({ off: s.baseline.cpuPerRequest, pgo: s.canary.cpuPerRequest })),
    'cpu/request',
  );
  const gates = settings.gates.cpuPerRequest === undefined ? [] : [estimateGate('cpuPerRequest', settings.gates.cpuPerRequest, compared.delta, "the canary's CPU per request")];
  const [commit, profile] = await Promise.all([headCommit(workspaceRoot), profileRecord(options.profile, shown)]);
  const run: CanaryRun = {
    project: options.project,
    ...(commit === undefined ? {} : { commit }),
    date: new Date().toISOString(),
    prometheus,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    step: settings.step,
    queries,
    ...(profile === undefined ? {} : { profile }),
    steps,
    skippedSteps: times.length - steps.length,
    comparison: { cpuPerRequest: compared.delta, pValue: compared.pValue },
    gates,
    accepted: gates.every((g) => g.passed),
  };
  const row = historyRow(run);
  const files = { json: path.join(outputDir, CANARY_FILES.json), html: path.join(outputDir, CANARY_FILES.html) };
  await mkdir(outputDir, { recursive: true });
  await atomicWrite(files.json, `${JSON.stringify(run, null, 2)}\n`);
  await writeServiceReport(files.html, canaryReportModel(run, [...past.service.filter((r) => r.kind === 'canary'), row]));
  await appendHistory(history, row, shown(history));
  const failed = gates.filter((g) => !g.passed);
  if (failed.length > 0 && !options.noGate) throw new ServiceGateError(run, failed);
  return { run, files };
}

function required(project: string, settings: CanarySettings): { prometheus: string; selectors: Record<Deployment, string> } {
  const missing = (['prometheus', 'canary', 'baseline'] as const).filter((key) => settings[key] === undefined);
  if (missing.length > 0) {
    throw new CanaryError(
      'bad-option',
      `${project}: pgo-canary needs ${missing.map((k) => `canary.${k}`).join(', ')} (pgo.yaml or --${missing[0]}), e.g. prometheus: http://prometheus:9090, canary: 'job="api",track="canary"', baseline: 'job="api",track="stable"'`,
    );
  }
  return { prometheus: settings.prometheus!, selectors: { canary: settings.canary!, baseline: settings.baseline! } };
}

function resolveCanaryWindow(settings: CanarySettings, now: Date): { start: Date; end: Date } {
  const at = (key: 'from' | 'until'): Date => {
    const time = parseTime(settings[key], now);
    if (time === undefined) throw new CanaryError('bad-option', `canary.${key} '${settings[key]}' is not a time: write now, now-<n>s/m/h/d (e.g. now-1h) or an RFC 3339 time`);
    return time;
  };
  const start = at('from');
  const end = at('until');
  if (start >= end) throw new CanaryError('bad-option', `the canary window from '${settings.from}' to '${settings.until}' is empty: from must be before until`);
  return { start, end };
}

/** The query's one series by timestamp; none at all, or several, is an error naming the query. */
function oneSeries(prometheus: string, query: string, result: Series[]): Map<number, number> {
  if (result.length === 0) {
    throw new CanaryError(
      'empty-result',
      `Prometheus at ${prometheus} has no data for ${query} in the window: check the selector (does it match the deployment's labels?), that the metric is scraped, and the window`,
    );
  }
  if (result.length > 1) {
    throw new CanaryError('query-failed', `${query} returned ${result.length} series; pgo-canary needs one per deployment: aggregate it, e.g. sum(...)`);
  }
  return new Map(result[0]!.values);
}

async function profileRecord(profile: string | undefined, shown: (file: string) => string): Promise<{ path: string; sha256: string } | undefined> {
  if (profile === undefined) return undefined;
  const sha256 = await fileSha256(profile).catch(() => undefined);
  return sha256 === undefined ? undefined : { path: shown(profile), sha256 };
}

function historyRow(run: CanaryRun): ServiceHistoryRow {
  const { cpuPerRequest, pValue } = run.comparison;
  return {
    kind: 'canary',
    ...(run.commit === undefined ? {} : { commit: run.commit }),
    profileSha256: run.profile?.sha256 ?? '',
    date: run.date,
    geomeanDeltaPercent: cpuPerRequest.center,
    geomeanCi: { lo: cpuPerRequest.lo, hi: cpuPerRequest.hi },
    pValue,
    pairs: run.steps.length,
    accepted: run.accepted,
  };
}

/**
 * Promise.all, but of several failures the first listed is thrown rather than the first to
 * happen: which query an error names does not depend on which answer came back first.
 */
async function allInOrder<T>(promises: readonly [Promise<T>, Promise<T>, Promise<T>, Promise<T>]): Promise<[T, T, T, T]> {
  const settled = await Promise.allSettled(promises);
  const values = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
  return [values[0]!, values[1]!, values[2]!, values[3]!];
}
