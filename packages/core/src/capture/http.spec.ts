// fetchPprofProfile on its own (as the kubernetes source and other callers use it), against
// local HTTP servers that answer as net/http/pprof does.
import http from 'node:http';
import type net from 'node:net';
import { fixtureProfile, FIXTURE_TIMEOUT_MS, type FixtureProfile } from '../../../../tools/test-support/go-fixtures';
import { fetchPprofProfile, pprofProfileUrl } from './http';
import { InstanceCaptureError } from './source';

let profile: FixtureProfile;
let server: http.Server;
let base: string;
let answers: { status: number; body: string | Buffer }[];
const requests: string[] = [];

beforeAll(async () => {
  profile = await fixtureProfile('shapes-1s');
  server = http.createServer((req, res) => {
    requests.push(req.url!);
    const answer = answers.shift() ?? { status: 200, body: profile.bytes };
    res.writeHead(answer.status).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}, FIXTURE_TIMEOUT_MS);

afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (requests.length = 0));

const signal = () => new AbortController().signal;

test('the URL: base without trailing slash, the path, ?seconds=N', () => {
  expect(pprofProfileUrl('http://10.0.0.5:6060/', 30)).toBe('http://10.0.0.5:6060/debug/pprof/profile?seconds=30');
  expect(pprofProfileUrl('https://h/proxy/api', 5, '/pprof/cpu')).toBe('https://h/proxy/api/pprof/cpu?seconds=5');
});

test('a busy profiler is retried with backoff when attempts allow, and the attempts are counted', async () => {
  const busy = { status: 500, body: 'Could not enable CPU profiling: cpu profiling already in use\n' };
  answers = [busy, busy];
  const states: string[] = [];
  const captured = await fetchPprofProfile(base, { seconds: 1, signal: signal(), attempts: 3, retryDelayMs: 20, onState: (s) => states.push(s) });
  expect(captured).toEqual({ bytes: new Uint8Array(profile.bytes), expectedSeconds: 1, notes: [], attempts: 3 });
  expect(states).toEqual(['profiling', 'retry 2/3 in 20ms', 'profiling', 'retry 3/3 in 40ms', 'profiling']);
  expect(requests).toEqual(Array(3).fill('/debug/pprof/profile?seconds=1'));
});

test('with one attempt, a busy profiler is a retryable failure for the caller to retry', async () => {
  answers = [{ status: 500, body: 'Could not enable CPU profiling: cpu profiling already in use\n' }];
  const error: unknown = await fetchPprofProfile(base, { seconds: 1, signal: signal() }).catch((e: unknown) => e);
  expect(error).toEqual(new InstanceCaptureError('HTTP 500: cpu profiling already in use (another CPU profile of this process is running)', true));
  expect((error as InstanceCaptureError).retryable).toBe(true);
});

test('other statuses fail at once with the status and the first line of the body', async () => {
  answers = [{ status: 400, body: "\nprofile duration exceeds server's WriteTimeout\nmore\n" }];
  const error: unknown = await fetchPprofProfile(base, { seconds: 1, signal: signal(), attempts: 4 }).catch((e: unknown) => e);
  expect(error).toEqual(new InstanceCaptureError("HTTP 400: profile duration exceeds server's WriteTimeout", false));
  expect(requests).toHaveLength(1);
});
