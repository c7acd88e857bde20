// The built-in load generator: replays a request file (request-file.ts) at a fixed concurrency
// over keep-alive connections, in the file's weighted cycle, timing every request. It runs in this
// process, so its CPU is this process's (process.cpuUsage) and its one busy thread is Node's main
// thread.
import http from 'node:http';
import { stoppedError } from './loadtest-error';
import { quantile, type LoadGenerator, type LoadResult } from './load-generator';
import { requestCycle, type ReplayRequest } from './request-file';

export class Replayer implements LoadGenerator {
  readonly description: string;
  private readonly cycle: ReplayRequest[];
  private agent: http.Agent;

  constructor(
    requests: readonly ReplayRequest[],
    private readonly concurrency: number,
    file: string,
  ) {
    this.cycle = requestCycle(requests);
    this.agent = this.newAgent();
    this.description = `built-in replayer of ${file} (${requests.length} request${requests.length === 1 ? '' : 's'}) at concurrency ${concurrency}`;
  }

  async run(url: string, requests: number, signal?: AbortSignal): Promise<LoadResult> {
    const latencies = new Float64Array(requests);
    let next = 0;
    let errors = 0;
    let firstError: string | undefined;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const worker = async (): Promise<void> => {
      while (next < requests) {
        if (signal?.aborted) throw stoppedError();
        const index = next++;
        const request = this.cycle[index % this.cycle.length]!;
        const sent = process.hrtime.bigint();
        const failure = await this.send(url, request);
        latencies[index] = Number(process.hrtime.bigint() - sent) / 1e9;
        if (failure !== undefined) {
          errors++;
          firstError ??= `${request.method} ${request.path}: ${failure}`;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.concurrency, requests) }, worker));
    } catch (error) {
      // Whatever is still in flight is cut off, so nothing keeps the server busy after an abort.
      this.agent.destroy();
      this.agent = this.newAgent();
      throw error;
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    latencies.sort();
    return {
      requests,
      errors,
      ...(firstError === undefined ? {} : { firstError }),
      wallSeconds,
      latency: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) },
      cpuSeconds,
      busiestThread: Math.min(1, cpuSeconds / wallSeconds),
    };
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private newAgent(): http.Agent {
    return new http.Agent({ keepAlive: true, maxSockets: this.concurrency });
  }

  /** One request, its body read to the end; resolves with what went wrong, if anything. */
  private send(url: string, request: ReplayRequest): Promise<string | undefined> {
    return new Promise((resolve) => {
      const headers = request.body === undefined ? request.headers : { ...request.headers, 'Content-Length': String(request.body.length) };
      const req = http.request(`${url}${request.path}`, { method: request.method, headers, agent: this.agent }, (res) => {
        res.on('data', () => undefined);
        res.once('end', () => resolve(res.statusCode !== undefined && res.statusCode >= 500 ? `HTTP ${res.statusCode}` : undefined));
        res.once('error', (error) => resolve(error.message));
      });
      req.once('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
      req.end(request.body);
    });
  }
}
