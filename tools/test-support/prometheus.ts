// For tests and benchmarks: a real Prometheus (Debian's `prometheus` package, which .ci/run
// installs) scraping given targets every second, with each target's labels, in a temporary
// directory, on a free port of 127.0.0.1; stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@go-pgo/core';

export interface ScrapeTarget {
  /** host:port */
  address: string;
  labels: Record<string, string>;
}

export interface RunningPrometheus {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

export interface PrometheusOptions {
  /** Require HTTP basic auth of this user, whose password's bcrypt hash is given (web config). */
  basicAuth?: { user: string; bcrypt: string };
}

export async function startPrometheus(targets: readonly ScrapeTarget[], options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-prometheus-'));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: storefront',
    '    static_configs:',
    ...targets.flatMap((t) => [`      - targets: ['${t.address}']`, `        labels: ${JSON.stringify(t.labels)}`]),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'prometheus.yml'), config);
  const webConfig = options.basicAuth === undefined ? [] : [`--web.config.file=${path.join(dir, 'web.yml')}`];
  if (options.basicAuth !== undefined) writeFileSync(path.join(dir, 'web.yml'), `basic_auth_users:\n  ${options.basicAuth.user}: '${options.basicAuth.bcrypt}'\n`);
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, ...webConfig],
    { stdio: 'ignore' },
  );
  let failedToStart: Error | undefined;
  child.once('error', (error) => (failedToStart = error));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async (): Promise<void> => {
    if (failedToStart === undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (failedToStart !== undefined) throw new Error(`prometheus could not start (${failedToStart.message}): install Debian's prometheus package (.ci/run does)`);
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready`);
    // With basic auth, a 401 says it is up as much as a 200 does.
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok || r.status === 401, () => false);
    if (ready) return { url, process: child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus at ${url} was not ready within ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(100);
  }
}
