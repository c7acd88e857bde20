// runPgoLoadtest on the example storefront with the real toolchain, real servers and real load:
// the rounds interleave with alternating order and equal request counts, the outputs and the
// history row are written, and every server and generator is gone afterwards, also after a
// failed start, a missing generator and an abort mid-round. The profile is the report CLI's
// committed one (a stable file, so go's cache keeps the PGO build between runs): these specs
// check the mechanics; the storefront's own gain is measured by e2e/src/loadtest-gain.quiet.e2e.spec.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GO_BUILD_TIMEOUT_MS } from '../build/go-monorepo.spec-helper';
import { EXAMPLES, GOOD_PROFILE as REPORT_PROFILE } from '../bench/example-bench.spec-helper';
import { readHistory } from '../bench/history';
import type { LoadtestSettings } from '../config/pgo-settings';
import { LoadtestError } from './loadtest-error';
import type { LoadtestRun } from './loadtest-types';
import { runPgoLoadtest, type LoadtestProgress, type RunPgoLoadtestOptions } from './run-loadtest';

const STOREFRONT = path.join(EXAMPLES, 'services', 'cmd', 'storefront');
const REQUESTS = path.join(STOREFRONT, 'loadtest', 'requests.jsonl');

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-loadtest-spec-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function settings(overrides: Partial<LoadtestSettings> = {}): LoadtestSettings {
  return {
    args: ['-addr', '{addr}', '-products', '500'],
    env: {},
    health: '/healthz',
    startSeconds: 30,
    rounds: 3,
    requests: 150,
    warmup: 30,
    concurrency: 2,
    replay: REQUESTS,
    gates: { cpuPerRequest: 0.05, latencyP99: 5 },
    ...overrides,
  };
}

function options(name: string, overrides: Partial<RunPgoLoadtestOptions> = {}): RunPgoLoadtestOptions {
  return {
    workspaceRoot: EXAMPLES,
    binaryDir: STOREFRONT,
    moduleRoot: path.join(EXAMPLES, 'services'),
    project: 'storefront',
    settings: settings(),
    profile: REPORT_PROFILE,
    outputDir: path.join(tmp, name),
    historyFile: path.join(tmp, name, 'history.jsonl'),
    noGate: true,
    ...overrides,
  };
}

/** Processes whose command line mentions `text` (the run's binaries live under its output directory). */
function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

async function failure(work: Promise<unknown>): Promise<LoadtestError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadtestError);
  return error as LoadtestError;
}

test(
  'the built-in replayer: interleaved rounds, alternating order, equal counts; loadtest.json, report.html, a history row; nothing left running',
  async () => {
    const events: LoadtestProgress[] = [];
    const out = path.join(tmp, 'replay');
    const { run, files } = await runPgoLoadtest(options('replay', { onProgress: (e) => events.push(e) }));
    expect(run.measures.map((m) => m.first)).toEqual(['off', 'pgo', 'off']);
    for (const m of run.measures) {
      for (const side of [m.off, m.pgo]) {
        expect(side).toMatchObject({ requests: 150, errors: 0 });
        expect(side.serverCpuSeconds).toBeGreaterThan(0);
        expect(side.cpuPerRequest).toBeCloseTo(side.serverCpuSeconds / 150, 12);
        expect(side.latency!.p99).toBeGreaterThanOrEqual(side.latency!.p50);
        expect(side.generator.share).toBeGreaterThan(0);
        expect(side.generator.share).toBeLessThan(1);
      }
    }
    expect(run.load).toBe('built-in replayer of services/cmd/storefront/loadtest/requests.jsonl (24 requests) at concurrency 2');
    expect(run.profile.path).toBe('tools/cmd/report/default.pgo');
    expect(run.comparison.cpuPerRequest.n).toBe(3);
    // Three rounds are too few for a 95% interval: no gate can fail on them.
    expect(run.gates.map((g) => [g.gate, g.passed])).toEqual([
      ['cpuPerRequest', true],
      ['latencyP99', true],
    ]);
    expect(events.filter((e) => e.kind === 'round').map((e) => (e.kind === 'round' ? [e.round, e.etaSeconds === undefined] : []))).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);

    // JSON has no Infinity: the unknown bounds of three rounds are null there.
    expect(JSON.parse(readFileSync(files.json, 'utf8')) as LoadtestRun).toEqual(JSON.parse(JSON.stringify(run)));
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('PGO loadtest: storefront');
    expect(html).toContain('id="pairs-chart"');
    expect(html).toContain('id="history-chart"');
    // Both binaries in the output directory, the baseline without a -pgo setting.
    expect(files.binaries).toEqual({ off: path.join(out, 'off', 'storefront'), pgo: path.join(out, 'pgo', 'storefront') });
    expect(execFileSync('go', ['version', '-m', files.binaries.off], { encoding: 'utf8' })).not.toContain('-pgo=');
    expect(execFileSync('go', ['version', '-m', files.binaries.pgo], { encoding: 'utf8' })).toContain('-pgo=default.pgo');
    const history = await readHistory(path.join(out, 'history.jsonl'));
    expect(history.rows).toEqual([]);
    expect(history.service).toEqual([expect.objectContaining({ kind: 'loadtest', geomeanDeltaPercent: run.comparison.cpuPerRequest.center, pairs: 3 })]);
    expect(processesMentioning(out)).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'wrk with {wrkScript}: exactly the requests asked for, latencies from its report, its CPU from the reaped child',
  async () => {
    const out = path.join(tmp, 'wrk');
    const command = ['wrk', '-t1', '-c2', '-d1m', '--latency', '-s', '{wrkScript}', '{url}', '--', '{requests}', '/api/products?q=red', '/products/p0003'];
    const { run } = await runPgoLoadtest(options('wrk', { settings: settings({ replay: undefined, command, rounds: 2, requests: 300 }) }));
    expect(run.load).toBe(command.join(' '));
    for (const side of run.measures.flatMap((m) => [m.off, m.pgo])) {
      expect(side).toMatchObject({ requests: 300, errors: 0 });
      expect(side.latency!.p50).toBeGreaterThan(0);
      expect(side.generator.cpuSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(processesMentioning(out)).toEqual([]);
    expect(processesMentioning('go-pgo-requests.lua')).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'a server that never answers its health path: an error naming the path and the server, and nothing left running',
  async () => {
    const out = path.join(tmp, 'unhealthy');
    const error = await failure(runPgoLoadtest(options('unhealthy', { settings: settings({ health: '/nope', startSeconds: 1 }) })));
    expect(error.code).toBe('server-failed');
    expect(error.message).toMatch(/^the (off|pgo) server did not answer http:\/\/127\.0\.0\.1:\d+\/nope with 2xx within 1 s \(last: HTTP 404\).*: check loadtest\.health/);
    expect(processesMentioning(out)).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'a server that exits at once: its exit and last output in the message',
  async () => {
    const error = await failure(runPgoLoadtest(options('exits', { settings: settings({ args: ['-addr', '{addr}', '-no-such-flag'] }) })));
    expect(error.code).toBe('server-failed');
    expect(error.message).toMatch(/^the (off|pgo) server exited with 2 before it answered \/healthz; its output: flag provided but not defined: -no-such-flag \/ Usage of .*storefront: \/ … \/ .*: check loadtest\.args and loadtest\.env$/);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'a generator that is not installed: one line saying so, and the servers are stopped',
  async () => {
    const out = path.join(tmp, 'no-generator');
    const error = await failure(
      runPgoLoadtest(options('no-generator', { settings: settings({ replay: undefined, command: ['no-such-load-generator', '{url}', '{requests}'] }) })),
    );
    expect(error).toMatchObject({ code: 'load-failed', message: 'the load generator `no-such-load-generator` was not found: install it, or give its full path in loadtest.command' });
    expect(processesMentioning(out)).toEqual([]);
  },
  GO_BUILD_TIMEOUT_MS,
);

test(
  'an abort in the middle of a round (Ctrl-C) stops both servers and the load, and writes nothing',
  async () => {
    const out = path.join(tmp, 'aborted');
    const controller = new AbortController();
    const onProgress = (e: LoadtestProgress): void => {
      if (e.kind === 'round' && e.round === 2) setTimeout(() => controller.abort(), 50);
    };
    const error = await failure(runPgoLoadtest(options('aborted', { settings: settings({ rounds: 4, requests: 2000 }), onProgress, signal: controller.signal })));
    expect(error.code).toBe('aborted');
    expect(processesMentioning(out)).toEqual([]);
    expect(() => readFileSync(path.join(out, 'loadtest.json'))).toThrow();
  },
  GO_BUILD_TIMEOUT_MS,
);

test.each([
  ['no source of load', { replay: undefined }, 'storefront: pgo.yaml loadtest needs exactly one source of load: replay (a request file for the built-in replayer) or command (your generator, e.g. wrk), found neither'],
  ['two sources of load', { command: ['wrk', '{url}', '{requests}'] }, 'storefront: pgo.yaml loadtest needs exactly one source of load: replay (a request file for the built-in replayer) or command (your generator, e.g. wrk), found both'],
  ['no {port} or {addr}', { args: ['-addr', '127.0.0.1:8080'] }, "storefront: pgo.yaml loadtest.args or .env must tell the server where to listen with {port} or {addr}, e.g. args: [-addr, '{addr}'] or env: { PORT: '{port}' }"],
  [
    'a command without {requests}',
    { replay: undefined, command: ['wrk', '-d10s', '{url}'] },
    "loadtest.command must contain {requests}, so that both sides of a round get the same number of requests: with wrk, add -s '{wrkScript}' and end with -- '{requests}'",
  ],
])('%s is a bad-option error before anything is built', async (_, overrides, message) => {
  const error = await failure(runPgoLoadtest(options('bad', { settings: settings(overrides) })));
  expect(error).toMatchObject({ code: 'bad-option', message });
});
