// The user's own load generator: a command from pgo.yaml's loadtest.command, run once per side
// per round with its placeholders filled in:
//   {url}          http://127.0.0.1:<port> of the server under test (paths may follow it)
//   {requests}     how many requests to send: both sides of a round get the same number
//   {concurrency}  loadtest.concurrency
//   {wrkScript}    a Lua script that makes wrk send exactly {requests} (wrk-script.ts)
// With {wrkScript}, wrk is interrupted as soon as every thread has its responses, and its
// report gives the request count, errors and (with --latency) p50/p99. Its CPU is read from
// this process's reaped-children time, and its busiest thread from /proc while it runs.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type execa from 'execa';
import { clockTicksPerSecond, readProcStat, threadTicks } from '../process/proc-stat';
import { endGroup, spawnGroup, type GroupChild } from '../process/process-group';
import { LoadtestError, stoppedError } from './loadtest-error';
import type { LoadGenerator, LoadResult } from './load-generator';
import { parseWrkOutput } from './wrk-output';
import { WRK_THREAD_DONE, writeWrkScript } from './wrk-script';

export const COMMAND_PLACEHOLDERS = ['{url}', '{requests}', '{concurrency}', '{wrkScript}'] as const;

/** How often the generator's threads are sampled while it runs. */
const SAMPLE_MS = 100;
/** Output kept for messages (a generator's report is small; a runaway one is cut). */
const MAX_OUTPUT_CHARS = 64 * 1024;

export class CommandGenerator implements LoadGenerator {
  readonly description: string;

  private constructor(
    private readonly command: readonly string[],
    private readonly concurrency: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly scriptDir: string | undefined,
    private readonly script: string | undefined,
  ) {
    this.description = command.join(' ');
  }

  /** Checks the command; writes the wrk script when it names one. `env` is the generator's whole environment. */
  static async create(command: readonly string[], concurrency: number, env: NodeJS.ProcessEnv): Promise<CommandGenerator> {
    const joined = command.join(' ');
    if (!joined.includes('{url}')) {
      throw new LoadtestError('bad-option', `loadtest.command must contain {url}, where go-pgo puts the server's address: e.g. [wrk, ..., '{url}/api/items', --, '{requests}']`);
    }
    if (!joined.includes('{requests}')) {
      throw new LoadtestError(
        'bad-option',
        "loadtest.command must contain {requests}, so that both sides of a round get the same number of requests: with wrk, add -s '{wrkScript}' and end with -- '{requests}'",
      );
    }
    if (!joined.includes('{wrkScript}')) return new CommandGenerator(command, concurrency, env, undefined, undefined);
    const scriptDir = await mkdtemp(path.join(os.tmpdir(), 'go-pgo-wrk-'));
    return new CommandGenerator(command, concurrency, env, scriptDir, await writeWrkScript(scriptDir));
  }

  async run(url: string, requests: number, signal?: AbortSignal): Promise<LoadResult> {
    const values: Record<(typeof COMMAND_PLACEHOLDERS)[number], string> = {
      '{url}': url,
      '{requests}': String(requests),
      '{concurrency}': String(this.concurrency),
      '{wrkScript}': this.script ?? '',
    };
    const [file, ...args] = this.command.map((arg) => COMMAND_PLACEHOLDERS.reduce((text, key) => text.split(key).join(values[key]), arg));
    const reapedBefore = (await readProcStat('self')).childTicks;
    const started = performance.now();
    const child = spawnGroup(file!, args, { env: this.env });
    const sampler = new ThreadSampler(child.pid);
    let finished = started;
    const stop = (): void => void endGroup(child);
    signal?.addEventListener('abort', stop);
    try {
      // wrk is interrupted once its threads are done; any other command ends by itself.
      if (this.script !== undefined && (await allThreadsDone(child))) {
        finished = performance.now();
        await sampler.sample();
        child.kill('SIGINT');
      }
      const outcome = await child.then(
        (result) => result,
        (error: execa.ExecaError) => error,
      );
      if (this.script === undefined) finished = performance.now();
      if (signal?.aborted) throw stoppedError();
      if ((outcome as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new LoadtestError('load-failed', `the load generator \`${file}\` was not found: install it, or give its full path in loadtest.command`);
      }
      const output = `${outcome.stdout}\n${outcome.stderr}`.slice(-MAX_OUTPUT_CHARS);
      if (outcome.exitCode !== 0 || outcome.signal) {
        const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with ${outcome.exitCode}`;
        throw new LoadtestError('load-failed', `the load generator ${how}: ${lastLines(output)}: run \`${this.description}\` by hand to see why`);
      }
      const wrk = parseWrkOutput(outcome.stdout);
      if (wrk !== undefined && wrk.requests < requests) {
        throw new LoadtestError('load-failed', `wrk completed ${wrk.requests} of the ${requests} requests asked for: raise its -d duration, which bounds each run`);
      }
      const cpuSeconds = ((await readProcStat('self')).childTicks - reapedBefore) / clockTicksPerSecond();
      return {
        requests: wrk?.requests ?? requests,
        errors: wrk?.errors ?? 0,
        ...(wrk !== undefined && wrk.errors > 0 ? { firstError: `wrk counted ${wrk.errors} socket errors or non-2xx/3xx responses` } : {}),
        wallSeconds: (finished - started) / 1000,
        ...(wrk?.latency === undefined ? {} : { latency: wrk.latency }),
        cpuSeconds,
        ...sampler.busiest(),
      };
    } finally {
      sampler.stop();
      signal?.removeEventListener('abort', stop);
      await endGroup(child);
    }
  }

  async close(): Promise<void> {
    if (this.scriptDir !== undefined) await rm(this.scriptDir, { recursive: true, force: true });
  }
}

/** True once wrk's threads have all said they are done; false when wrk ended first (its output says why). */
function allThreadsDone(child: GroupChild): Promise<boolean> {
  return new Promise((resolve) => {
    const done = new Set<number>();
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      const match = WRK_THREAD_DONE.exec(line);
      if (match === null) return;
      done.add(Number(match[1]));
      if (done.size === Number(match[2])) resolve(true);
    });
    child.once('exit', () => resolve(false));
    child.once('error', () => resolve(false));
  });
}

/** The last few lines of a program's output, as one line. */
function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' / ') || 'no output';
}

/** Samples the CPU ticks of each of a process's threads, for the busiest thread's utilisation. */
class ThreadSampler {
  private first: { at: number; ticks: Map<number, number> } | undefined;
  private last: { at: number; ticks: Map<number, number> } | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number | undefined) {
    if (pid === undefined) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
  }

  async sample(): Promise<void> {
    if (this.pid === undefined) return;
    const at = performance.now();
    const ticks = await threadTicks(this.pid);
    if (ticks.size === 0) return;
    if (this.first === undefined) this.first = { at, ticks };
    else this.last = { at, ticks };
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  busiest(): { busiestThread?: number } {
    const { first, last } = this;
    if (first === undefined || last === undefined || last.at - first.at < SAMPLE_MS / 2) return {};
    let most = 0;
    for (const [tid, ticks] of last.ticks) most = Math.max(most, ticks - (first.ticks.get(tid) ?? 0));
    return { busiestThread: Math.min(1, most / clockTicksPerSecond() / ((last.at - first.at) / 1000)) };
  }
}
