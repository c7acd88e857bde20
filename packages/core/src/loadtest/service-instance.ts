// One instance of the service under test: the built binary started on 127.0.0.1 on a free port,
// with pgo.yaml's loadtest.args and env ({port} and {addr} filled in), in a process group of its
// own, ready once its health path answers 2xx. It is stopped by its group and pid (endGroup):
// at the end, on failure and on Ctrl-C. Its output is read as it comes, keeping only its first
// and latest lines for messages, so a chatty server neither blocks on a full pipe nor fills
// memory.
import { once } from 'node:events';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../net/free-port';
import { endGroup, hasExited, spawnGroup, type GroupChild } from '../process/process-group';
import { LoadtestError, stoppedError } from './loadtest-error';

export const SERVER_PLACEHOLDERS = ['{port}', '{addr}'] as const;

/** Lines of a server's output shown from its start and from its end. */
const SHOWN_LINES = 2;
const HEALTH_POLL_MS = 100;
const HEALTH_REQUEST_MS = 2000;

export interface ServiceOptions {
  /** The binary to run, absolute. */
  binary: string;
  /** `off` or `pgo`: names the instance in messages. */
  label: string;
  args: readonly string[];
  /** The whole environment of the server (this process's plus loadtest.env). */
  env: NodeJS.ProcessEnv;
  health: string;
  startSeconds: number;
  signal?: AbortSignal;
}

export class ServiceInstance {
  /** The first lines a server prints (a failed start says why there) and the latest ones. */
  private readonly first: string[] = [];
  private readonly recent: string[] = [];

  private constructor(
    readonly label: string,
    readonly url: string,
    private readonly child: GroupChild,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on('line', (line) => {
        if (this.first.length < SHOWN_LINES) this.first.push(line);
        else this.recent.push(line);
        if (this.recent.length > SHOWN_LINES) this.recent.shift();
      });
    }
  }

  /** Starts the server and waits until its health path answers; stops it again if it never does. */
  static async start(options: ServiceOptions): Promise<ServiceInstance> {
    const port = await freePort();
    const fill = (text: string): string => text.split('{port}').join(String(port)).split('{addr}').join(`127.0.0.1:${port}`);
    const env = Object.fromEntries(Object.entries(options.env).map(([name, value]) => [name, value === undefined ? undefined : fill(value)]));
    const child = spawnGroup(options.binary, options.args.map(fill), { env, buffer: false });
    const instance = new ServiceInstance(options.label, `http://127.0.0.1:${port}`, child);
    try {
      await instance.waitHealthy(options);
      return instance;
    } catch (error) {
      await instance.stop();
      throw error;
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Throws when the server has exited: a measurement of a dead server means nothing. */
  assertRunning(): void {
    if (hasExited(this.child)) throw new LoadtestError('server-failed', `the ${this.label} server ${this.exitText()} during the run${this.tail()}`);
  }

  /** Stops the server's whole process group: SIGTERM, then SIGKILL after a grace period. */
  async stop(): Promise<void> {
    await endGroup(this.child);
  }

  private async waitHealthy(options: ServiceOptions): Promise<void> {
    const deadline = performance.now() + options.startSeconds * 1000;
    const healthUrl = `${this.url}${options.health}`;
    let last = 'no answer yet';
    const exited = once(this.child, 'exit').then(
      () => undefined,
      () => undefined,
    );
    for (;;) {
      if (options.signal?.aborted) throw stoppedError();
      if (hasExited(this.child)) {
        throw new LoadtestError('server-failed', `the ${this.label} server ${this.exitText()} before it answered ${options.health}${this.tail()}: check loadtest.args and loadtest.env`);
      }
      const status = await probe(healthUrl);
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      last = typeof status === 'number' ? `HTTP ${status}` : status;
      if (performance.now() > deadline) {
        throw new LoadtestError(
          'server-failed',
          `the ${this.label} server did not answer ${healthUrl} with 2xx within ${options.startSeconds} s (last: ${last})${this.tail()}: check loadtest.health, and that loadtest.args or loadtest.env make it listen on {port} or {addr}`,
        );
      }
      await Promise.race([sleep(HEALTH_POLL_MS), exited]);
    }
  }

  private exitText(): string {
    return this.child.signalCode !== null ? `was killed by ${this.child.signalCode}` : `exited with ${this.child.exitCode}`;
  }

  private tail(): string {
    if (this.first.length === 0) return '';
    const lines = [...this.first, ...(this.recent.length > 0 ? ['…', ...this.recent] : [])];
    return `; its output: ${lines.map((line) => line.trim()).join(' / ')}`;
  }
}

/** The status of one GET, or what kept it from answering. */
function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: HEALTH_REQUEST_MS, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 'no status');
    });
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
  });
}
