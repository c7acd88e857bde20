// runPgoCanary's choice of error when several queries fail at once. Against a contract fake of
// Prometheus's /api/v1/query_range (the documented success envelope with an empty matrix), which
// answers the CPU queries last: the real server answers in no fixed order, which is the point.
// The real Prometheus is in prometheus.spec.ts and e2e/src/loadtest-gain.quiet.e2e.spec.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CanaryError } from './canary-error';
import { runPgoCanary } from './run-canary';

let server: Server;
let url: string;
let workspaceRoot: string;

beforeAll(async () => {
  // Fake Prometheus: every query has no data; CPU queries answer 300 ms after the others.
  server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://fake').searchParams.get('query') ?? '';
    const answer = (): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }));
    };
    if (query.includes('process_cpu_seconds_total')) setTimeout(answer, 300);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (workspaceRoot = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-canary-'))));
afterEach(() => rmSync(workspaceRoot, { recursive: true, force: true }));

test('of several queries without data, the error names the first listed (CPU), not the first to answer', async () => {
  const error = await runPgoCanary({
    workspaceRoot,
    binaryDir: 'cmd/api',
    project: 'api',
    settings: {
      prometheus: url,
      canary: 'track="nowhere"',
      baseline: 'track="baseline"',
      from: 'now-10m',
      until: 'now',
      step: '15s',
      minSteps: 10,
      queries: { cpu: 'sum(rate(process_cpu_seconds_total{<selector>}[<step>]))', requests: 'sum(rate(http_requests_total{<selector>}[<step>]))' },
      gates: {},
    },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CanaryError);
  expect((error as CanaryError).message).toContain('has no data for sum(rate(process_cpu_seconds_total{track="nowhere"}[15s]))');
});
