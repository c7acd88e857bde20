// openGcp against a contract fake of Cloud Profiler's projects.profiles.list
// (fakes/gcp.contract-fake) holding real Go CPU profiles among profiles it must skip, and a
// contract-fake gcloud first on PATH for the token.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, summarize } from '@go-pgo/pprof';
import { fixtureProfiles, FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';
import { preprofile, withTempFile } from '../../../../tools/test-support/go-tool';
import type { GcpSourceConfig } from '../config/pgo-settings';
import { startFakeServer, unusedPort, type FakeServer } from './fakes/fake-http-server.spec-helper';
import { startGcpFake, type CloudProfilerProfile } from './fakes/gcp.contract-fake.spec-helper';
import { installFakeGcloud } from './fakes/gcloud.contract-fake.spec-helper';
import { instanceContext, NOW, sourceContext } from './fakes/source-context.spec-helper';
import { openGcp } from './gcp';
import { RemoteSourceError } from './remote-source-error';
import { InstanceCaptureError } from './source';

const PROJECT = 'my-project';
const TOKEN = 'ya29.contract-fake';
let profiles: CloudProfilerProfile[];
let fixtures: Map<string, Buffer>;
let cloud: FakeServer;
const others: FakeServer[] = [];

function profile(id: string, type: CloudProfilerProfile['profileType'], target: string, hoursAgo: number, labels: Record<string, string>, fixture: string): CloudProfilerProfile {
  return {
    name: `projects/${PROJECT}/profiles/${id}`,
    profileType: type,
    deployment: { projectId: PROJECT, target, labels: { language: 'go', ...labels } },
    duration: '10s',
    profileBytes: fixtures.get(fixture)!.toString('base64'),
    startTime: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString(),
  };
}

beforeAll(async () => {
  fixtures = new Map((await fixtureProfiles()).map((f) => [f.name, f.bytes]));
  const east = { zone: 'us-east1-b', version: 'v2' };
  const centralV1 = { zone: 'us-central1-a', version: 'v1' };
  // In no time order, as the API promises none; paged three at a time.
  profiles = [
    profile('heap-newest', 'HEAP', 'myapp', 0.5, east, 'service'),
    profile('cpu-3h', 'CPU', 'myapp', 3, centralV1, 'shapes'),
    profile('other-service', 'CPU', 'billing', 0.2, east, 'closures'),
    profile('cpu-5h', 'CPU', 'myapp', 5, centralV1, 'labels'),
    profile('cpu-1h', 'CPU', 'myapp', 1, { zone: 'us-central1-a', version: 'v2' }, 'service'),
    profile('too-old', 'CPU', 'myapp', 48, centralV1, 'service'),
    profile('wall', 'WALL', 'myapp', 0.3, east, 'service'),
    profile('cpu-2h', 'CPU', 'myapp', 2, east, 'closures'),
  ];
  cloud = await startGcpFake({ project: PROJECT, token: TOKEN, profiles, serverPageSize: 3 });
}, FIXTURE_TIMEOUT_MS);

afterAll(() => Promise.all([cloud, ...others].map((f) => f.close())));

function config(overrides: Partial<GcpSourceConfig> = {}): GcpSourceConfig {
  return { kind: 'gcp', name: 'gcp', project: PROJECT, service: 'myapp', from: 'now-1d', until: 'now', maxProfiles: 3, ...overrides };
}

const env = (endpoint = cloud.url): NodeJS.ProcessEnv => ({ GO_PGO_GCP_ENDPOINT: endpoint, GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN });

async function openError(cfg: GcpSourceConfig, environment: NodeJS.ProcessEnv): Promise<RemoteSourceError> {
  const error: unknown = await openGcp(cfg, sourceContext(environment)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteSourceError);
  expect((error as Error).message).not.toContain('\n');
  return error as RemoteSourceError;
}

describe('openGcp', () => {
  it('reads every page and keeps the newest CPU profiles of the target inside the window, one instance each', async () => {
    const before = cloud.requests.length;
    const context = sourceContext(env());
    const opened = await openGcp(config(), context);
    expect(opened.instances.map((i) => [i.source, i.kind, i.instance])).toEqual(
      ['cpu-1h', 'cpu-2h', 'cpu-3h'].map((id) => ['gcp', 'gcp', `projects/${PROJECT}/profiles/${id}`]),
    );
    const requests = cloud.requests.slice(before);
    expect(requests.map((r) => Object.fromEntries(r.query))).toEqual([{ pageSize: '100' }, { pageSize: '100', pageToken: expect.any(String) }, { pageSize: '100', pageToken: expect.any(String) }]);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(context.logs).toEqual([`gcp my-project myapp: 3 of 8 profiles in the project are CPU profiles of this deployment in 2025-02-28T12:00:00.000Z..2025-03-01T12:00:00.000Z`]);

    const captured = await Promise.all(opened.instances.map((i) => i.capture(instanceContext())));
    expect(captured.map((c) => c.notes[0])).toEqual([
      'started 2025-03-01T11:00:00.000Z, 10s, language=go zone=us-central1-a version=v2',
      'started 2025-03-01T10:00:00.000Z, 10s, language=go zone=us-east1-b version=v2',
      'started 2025-03-01T09:00:00.000Z, 10s, language=go zone=us-central1-a version=v1',
    ]);
    for (const c of captured) expect(summarize(decode(c.bytes)).pgoUsable).toBe(true);
    // The bytes are the stored profile itself.
    expect(Buffer.from(captured[0]!.bytes).equals(fixtures.get('service')!)).toBe(true);
    expect(withTempFile(captured[0]!.bytes, preprofile).length).toBeGreaterThan(0);
    await opened.close();
  });

  it('filters on version and zone labels', async () => {
    const opened = await openGcp(config({ version: 'v1', zone: 'us-central1-a' }), sourceContext(env()));
    expect(opened.instances.map((i) => i.instance)).toEqual([`projects/${PROJECT}/profiles/cpu-3h`, `projects/${PROJECT}/profiles/cpu-5h`]);
  });

  it('takes the token from gcloud auth print-access-token when GOOGLE_OAUTH_ACCESS_TOKEN is not set', async () => {
    const gcloud = installFakeGcloud({ token: TOKEN });
    try {
      const opened = await openGcp(config({ maxProfiles: 1 }), sourceContext({ GO_PGO_GCP_ENDPOINT: cloud.url, PATH: `${gcloud.dir}${path.delimiter}${process.env['PATH']}` }));
      expect(opened.instances).toHaveLength(1);
      expect(gcloud.calls()).toEqual(['auth print-access-token']);
    } finally {
      gcloud.remove();
    }
  });

  it('says how to get a token when gcloud has no account or is not installed', async () => {
    const gcloud = installFakeGcloud({ loggedOut: true });
    const empty = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-empty-path-'));
    try {
      const loggedOut = await openError(config(), { GO_PGO_GCP_ENDPOINT: cloud.url, PATH: gcloud.dir });
      expect(loggedOut.message).toBe(
        'gcp my-project myapp: gcloud auth print-access-token failed (ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected.): set GOOGLE_OAUTH_ACCESS_TOKEN, or install the Google Cloud CLI and run `gcloud auth login`',
      );
      const missing = await openError(config(), { GO_PGO_GCP_ENDPOINT: cloud.url, PATH: empty });
      expect(missing.message).toBe(
        'gcp my-project myapp: no access token: GOOGLE_OAUTH_ACCESS_TOKEN is not set and gcloud is not on PATH: set GOOGLE_OAUTH_ACCESS_TOKEN, or install the Google Cloud CLI and run `gcloud auth login`',
      );
    } finally {
      gcloud.remove();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('fails the source with what to do on 401 and 403, retryable only on 5xx and unreachable', async () => {
    const refused = await openError(config(), { ...env(), GOOGLE_OAUTH_ACCESS_TOKEN: 'expired' });
    expect(refused.message).toBe(
      'gcp my-project myapp: HTTP 401: UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.: ' +
        'the access token was refused: set GOOGLE_OAUTH_ACCESS_TOKEN, or install the Google Cloud CLI and run `gcloud auth login` (a token from GOOGLE_OAUTH_ACCESS_TOKEN expires after an hour)',
    );
    expect(refused.retryable).toBe(false);
    const denied = await openError(config({ project: 'someone-else' }), env());
    expect(denied.message).toMatch(/^gcp someone-else myapp: HTTP 403: PERMISSION_DENIED: .*: the account needs cloudprofiler.profiles.list on the project/);

    const failing = await startFakeServer((_, res) =>
      res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}'),
    );
    const html = await startFakeServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>captive portal</html>'));
    others.push(failing, html);
    const internal = await openError(config(), env(failing.url));
    expect(internal.message).toBe('gcp my-project myapp: HTTP 500: INTERNAL: Internal error encountered.: the service failed; it is retried');
    expect(internal.retryable).toBe(true);

    const url = `http://127.0.0.1:${await unusedPort()}`;
    const unreachable = await openError(config(), env(url));
    expect(unreachable.message).toMatch(new RegExp(`^gcp my-project myapp: cannot reach ${url}/v2/projects/my-project/profiles\\?pageSize=100 \\(connect ECONNREFUSED`));
    expect(unreachable.retryable).toBe(true);

    const portal = await openError(config(), env(html.url));
    expect(portal.message).toBe(
      `gcp my-project myapp: ${html.url}/v2/projects/my-project/profiles?pageSize=100 answered something that is not a ListProfilesResponse (<html>captive portal</html>): check GO_PGO_GCP_ENDPOINT`,
    );
  });

  it('fails the source when no profile matches, and an instance whose bytes are no profile', async () => {
    const none = await openError(config({ service: 'nobody' }), env());
    expect(none.message).toBe(
      "gcp my-project nobody: Cloud Profiler holds no CPU profile of this deployment started in 2025-02-28T12:00:00.000Z..2025-03-01T12:00:00.000Z: check service (the agent's target), version, zone and from/until (profiles are kept 30 days)",
    );

    const broken = await startGcpFake({
      project: PROJECT,
      token: TOKEN,
      serverPageSize: 10,
      profiles: [{ ...profiles[4]!, profileBytes: Buffer.from('not a profile').toString('base64') }],
    });
    others.push(broken);
    const opened = await openGcp(config(), sourceContext(env(broken.url)));
    const error: unknown = await opened.instances[0]!.capture(instanceContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstanceCaptureError);
    expect((error as InstanceCaptureError).message).toMatch(new RegExp(`^gcp projects/${PROJECT}/profiles/cpu-1h: the answer is not a pprof profile \\(`));
    expect((error as InstanceCaptureError).retryable).toBe(false);
  });
});
