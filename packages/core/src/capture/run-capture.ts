// One capture run of one binary: open every configured source, profile all their instances in
// parallel (bounded, with timeouts and retries), check each profile, and write the good ones and
// manifest.json into `.pgo/captures/<project>/<UTC timestamp>/`. The directory appears whole
// (it is filled under a hidden name, then renamed), also when the quorum is missed, so people
// can read why. Every opened source is closed, whatever happens. The committed profile is
// never touched.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CaptureSettings, SourceConfig, SourceKind } from '../config/pgo-settings';
import { workspaceRelative } from '../config/workspace-path';
import { GoPgoError } from '../errors/go-pgo-error';
import { atomicWrite, OutputWriteError } from '../fs/atomic-write';
import { mapBounded } from './bounded';
import { CaptureError } from './capture-error';
import { checkCapture } from './check-capture';
import { MANIFEST_FILE, type CaptureManifest, type ManifestInstance } from './manifest-types';
import { CaptureProgress, type ProgressOutput } from './progress';
import { abortMessage, AttemptsError, DEFAULT_RETRY_DELAY_MS, withRetries } from './retry';
import { openSource, SOURCE_OPENERS, type SourceOpeners } from './sources';
import { InstanceCaptureError, type CaptureInstance, type OpenedSource, type SourceContext } from './source';


/** A live profile may take this long beyond its seconds before the attempt is given up. */
export const TIMEOUT_SLACK_SECONDS = 30;

/** Bench runs compile and run tests for as long as they need; `go test -timeout` bounds them. */
const UNTIMED_KINDS: ReadonlySet<SourceKind> = new Set(['bench']);
/** Sources that profile running instances for `seconds` now (the others read stored profiles). */
const LIVE_KINDS: ReadonlySet<SourceKind> = new Set(['http', 'kubernetes']);

export interface RunCaptureOptions {
  /** The binary's project name: the directory under `.pgo/captures/`. */
  project: string;
  settings: CaptureSettings;
  context: {
    workspaceRoot: string;
    binaryDir: string;
    moduleRoot: string;
    /** Default process.env. */
    env?: NodeJS.ProcessEnv;
    /** The run's clock; default the current time. */
    now?: Date;
  };
  /** Where the run's directory is created; default `<workspaceRoot>/.pgo/captures/<project>`. */
  outputRoot?: string;
  /** Ctrl-C: instances stop, sources close, the manifest is written, the run fails. */
  signal?: AbortSignal;
  progress?: ProgressOutput;
  log?(line: string): void;
  /** Per attempt; default seconds + 30. Not applied to bench sources. */
  timeoutSeconds?: number;
  /** Backoff before the second attempt, doubled after; default 1000. */
  retryDelayMs?: number;
  /** Default: every source kind this version supports. */
  openers?: SourceOpeners;
}

export interface CaptureResult {
  /** The run's directory (absolute). */
  dir: string;
  manifestFile: string;
  manifest: CaptureManifest;
}

/** One instance to capture, or a source that could not be opened (recorded as a failure). */
type Work = { kind: 'instance'; instance: CaptureInstance } | { kind: 'unopened'; config: SourceConfig; error: string };

export async function runCapture(options: RunCaptureOptions): Promise<CaptureResult> {
  const { settings, project } = options;
  const createdAt = options.context.now ?? new Date();
  const signal = options.signal ?? new AbortController().signal;
  const outputRoot = options.outputRoot ?? path.join(options.context.workspaceRoot, '.pgo', 'captures', project);
  const staging = path.join(outputRoot, `.${timestamp(createdAt)}.${randomBytes(4).toString('hex')}.partial`);
  await makeDirectory(staging, options.context.workspaceRoot);

  const sourceContext: SourceContext = {
    workspaceRoot: options.context.workspaceRoot,
    binaryDir: options.context.binaryDir,
    moduleRoot: options.context.moduleRoot,
    seconds: settings.seconds,
    env: options.context.env ?? process.env,
    signal,
    now: createdAt,
    log: options.log ?? (() => undefined),
  };
  const progress = new CaptureProgress(project, options.progress);
  const opened: OpenedSource[] = [];
  let instances: ManifestInstance[];
  try {
    const openings = await Promise.allSettled(settings.sources.map((config) => openSource(config, sourceContext, options.openers ?? SOURCE_OPENERS)));
    for (const opening of openings) if (opening.status === 'fulfilled') opened.push(opening.value);
    const work: Work[] = openings.flatMap((opening, i): Work[] => {
      if (opening.status === 'fulfilled') return opening.value.instances.map((instance) => ({ kind: 'instance', instance }));
      // An expected failure is recorded like a failed instance; anything else is a bug.
      if (!(opening.reason instanceof GoPgoError)) throw opening.reason;
      return [{ kind: 'unopened', config: settings.sources[i]!, error: opening.reason.message }];
    });
    const names = work.map((item) => (item.kind === 'instance' ? `${item.instance.source} ${item.instance.instance}` : item.config.name));
    names.forEach((name, i) => progress.set(name, work[i]!.kind === 'instance' ? 'waiting' : 'failed'));
    const width = String(work.length).length;
    instances = await mapBounded(work, settings.concurrency, async (item, i) => {
      if (item.kind === 'unopened') return unopenedEntry(item.config, item.error, createdAt, settings.seconds);
      const file = `${String(i + 1).padStart(width, '0')}-${slug(item.instance.source)}-${slug(item.instance.instance)}.pprof`;
      const entry = await captureInstance(item.instance, { ...options, signal, staging, file, onState: (state, seconds) => progress.set(names[i]!, state, seconds) });
      progress.set(names[i]!, entry.status === 'ok' ? 'done' : 'failed');
      return entry;
    });
  } catch (error) {
    // Not an instance's failure (those are in the manifest): nothing worth keeping was written.
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    progress.finish();
    await Promise.allSettled(opened.map((source) => source.close()));
  }

  const succeeded = instances.filter((entry) => entry.status === 'ok').length;
  const total = instances.length;
  const quorumMet = total > 0 && succeeded / total >= settings.quorum && !signal.aborted;
  const manifest: CaptureManifest = {
    version: 1,
    project,
    createdAt: createdAt.toISOString(),
    seconds: settings.seconds,
    quorum: settings.quorum,
    succeeded,
    total,
    quorumMet,
    instances,
  };
  await atomicWrite(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const dir = await publish(staging, outputRoot, timestamp(createdAt));
  const manifestFile = path.join(dir, MANIFEST_FILE);
  const shown = workspaceRelative(options.context.workspaceRoot, manifestFile);
  if (signal.aborted) {
    throw new CaptureError('interrupted', `capture ${project}: interrupted after ${succeeded} of ${total} instances succeeded; see ${shown}`, manifestFile);
  }
  if (!quorumMet) throw new CaptureError('quorum', quorumMessage(manifest, shown), manifestFile);
  return { dir, manifestFile, manifest };
}

interface InstanceRun extends RunCaptureOptions {
  signal: AbortSignal;
  staging: string;
  file: string;
  onState(state: string, seconds?: number): void;
}

async function captureInstance(instance: CaptureInstance, run: InstanceRun): Promise<ManifestInstance> {
  const { seconds } = run.settings;
  const start = new Date();
  const timeoutSeconds = UNTIMED_KINDS.has(instance.kind) ? undefined : (run.timeoutSeconds ?? seconds + TIMEOUT_SLACK_SECONDS);
  const base = { source: instance.source, kind: instance.kind, instance: instance.instance, start: start.toISOString() };
  const failed = (error: string, bytes: number, attempts: number): ManifestInstance => ({
    ...base,
    seconds: LIVE_KINDS.has(instance.kind) ? seconds : 0,
    bytes,
    status: 'failed',
    error,
    attempts,
    notes: [],
  });
  if (run.signal.aborted) return failed(interrupted().message, 0, 0);
  let bytes = 0;
  try {
    const { value, attempts } = await withRetries(
      () =>
        withAttemptSignal(run.signal, timeoutSeconds, async (signal) => {
          const captured = await instance.capture({
            seconds,
            signal,
            // A live profile's countdown starts when it starts profiling.
            onState: (state) => run.onState(state, state === 'profiling' && LIVE_KINDS.has(instance.kind) ? seconds : undefined),
          });
          bytes = captured.bytes.length;
          const check = checkCapture(captured.bytes, captured.expectedSeconds);
          if (!check.ok) throw new InstanceCaptureError(check.reason, false);
          return { captured, check };
        }),
      { attempts: run.settings.attempts, delayMs: run.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, signal: run.signal, onState: (state) => run.onState(state) },
    );
    const { captured, check } = value;
    await atomicWrite(path.join(run.staging, run.file), captured.bytes);
    return {
      ...base,
      seconds: captured.expectedSeconds === undefined ? check.seconds : seconds,
      file: run.file,
      bytes: captured.bytes.length,
      sha256: createHash('sha256').update(captured.bytes).digest('hex'),
      status: 'ok',
      // A source may retry inside one of our attempts (CapturedProfile.attempts).
      attempts: attempts - 1 + captured.attempts,
      notes: captured.notes,
    };
  } catch (error) {
    if (!(error instanceof AttemptsError)) throw error;
    const cause = error.error;
    if (!(cause instanceof InstanceCaptureError)) throw cause;
    return failed(cause.message, bytes, error.attempts);
  }
}

/**
 * Runs one attempt with a signal that fires on the run's signal (keeping its reason) or after
 * `timeoutSeconds`. An abort the source did not turn into an InstanceCaptureError becomes one.
 */
async function withAttemptSignal<T>(runSignal: AbortSignal, timeoutSeconds: number | undefined, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(runSignal.aborted ? interrupted() : undefined);
  if (runSignal.aborted) forward();
  runSignal.addEventListener('abort', forward, { once: true });
  const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => controller.abort(new Error(`timed out after ${timeoutSeconds} s`)), timeoutSeconds * 1000);
  try {
    return await attempt(controller.signal);
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof InstanceCaptureError)) {
      throw new InstanceCaptureError(abortMessage(controller.signal), false, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', forward);
  }
}

function interrupted(): Error {
  return new Error('interrupted (the capture was cancelled)');
}

function unopenedEntry(config: SourceConfig, error: string, createdAt: Date, seconds: number): ManifestInstance {
  return {
    source: config.name,
    kind: config.kind,
    // No instance is known: the source itself failed.
    instance: `(${config.kind} source)`,
    start: createdAt.toISOString(),
    seconds: LIVE_KINDS.has(config.kind) ? seconds : 0,
    bytes: 0,
    status: 'failed',
    error,
    attempts: 1,
    notes: [],
  };
}

/** `capture api: 1 of 3 instances succeeded, quorum 60% needs 2: <why>; see <manifest>`. */
function quorumMessage(manifest: CaptureManifest, shown: string): string {
  const { succeeded, total, quorum } = manifest;
  if (total === 0) return `capture ${manifest.project}: no sources are configured: add capture.sources to its pgo.yaml, or give --url; see ${shown}`;
  const needed = Math.ceil(quorum * total - 1e-9);
  const failures = manifest.instances.filter((entry) => entry.status === 'failed');
  const listed = failures.slice(0, 3).map((entry) => `${entry.source} ${entry.instance}: ${entry.error ?? 'failed'}`);
  if (failures.length > listed.length) listed.push(`${failures.length - listed.length} more`);
  return (
    `capture ${manifest.project}: ${succeeded} of ${total} instances succeeded, quorum ${Math.round(quorum * 100)}% needs ${needed}: ` +
    `${listed.join('; ')}; see ${shown}`
  );
}

/** Moves the filled staging directory to `<root>/<stamp>`, or `<stamp>-2`… when taken. */
async function publish(staging: string, root: string, stamp: string): Promise<string> {
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? stamp : `${stamp}-${n}`);
    try {
      await rename(staging, dir);
      return dir;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  }
}

async function makeDirectory(dir: string, workspaceRoot: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const shown = workspaceRelative(workspaceRoot, path.dirname(dir));
    throw new OutputWriteError(shown, code, `${shown}: cannot create the capture directory (${code}): choose a writable --out directory`, { cause: error });
  }
}

/** 2026-11-22T10:15:00.123Z → 20261122T101500Z */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** A file-name-safe form of a URL or pod name. */
function slug(text: string): string {
  return (
    text
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 60) || 'instance'
  );
}

