// Contract fake of Cloud Profiler's projects.profiles.list (REST, v2): GET
// /v2/projects/{project}/profiles with pageSize (≤ 1000) and pageToken; answers
// ListProfilesResponse JSON {profiles, nextPageToken} in pages the server chooses, in no
// particular order, and errors as Google APIs do: {"error": {code, message, status}}. Requests
// without `Authorization: Bearer <token>` are UNAUTHENTICATED, unknown query parameters and
// page tokens INVALID_ARGUMENT, another project PERMISSION_DENIED.
import type { ServerResponse } from 'node:http';
import { startFakeServer, type FakeServer } from './fake-http-server.spec-helper';

/** The Profile resource as the API represents it in JSON. */
export interface CloudProfilerProfile {
  name: string;
  profileType: 'CPU' | 'WALL' | 'HEAP' | 'THREADS' | 'CONTENTION' | 'PEAK_HEAP' | 'HEAP_ALLOC';
  deployment: { projectId: string; target: string; labels: Record<string, string> };
  duration: string;
  /** base64 of the gzipped pprof */
  profileBytes: string;
  startTime: string;
}

export interface GcpFakeOptions {
  project: string;
  token: string;
  profiles: CloudProfilerProfile[];
  /** The most profiles the server puts on one page, whatever pageSize asks. */
  serverPageSize: number;
}

/** Google's system parameters, accepted on every method. */
const SYSTEM_PARAMETERS = new Set(['$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser', 'upload_protocol', 'uploadType']);

export async function startGcpFake(options: GcpFakeOptions): Promise<FakeServer> {
  const tokens = new Map<string, number>();
  return startFakeServer((request, response) => {
    const project = /^\/v2\/projects\/([^/]+)\/profiles$/.exec(request.path)?.[1];
    if (request.method !== 'GET' || project === undefined) return googleError(response, 404, 'NOT_FOUND', `The requested URL ${request.path} was not found on this server.`);
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return googleError(
        response,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    if (decodeURIComponent(project) !== options.project) return googleError(response, 403, 'PERMISSION_DENIED', `Permission 'cloudprofiler.profiles.list' denied on resource 'projects/${project}'.`);
    for (const key of request.query.keys()) {
      if (key !== 'pageSize' && key !== 'pageToken' && !SYSTEM_PARAMETERS.has(key)) {
        return googleError(response, 400, 'INVALID_ARGUMENT', `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter.`);
      }
    }
    const pageSizeText = request.query.get('pageSize') ?? '1000';
    if (!/^\d+$/.test(pageSizeText)) return googleError(response, 400, 'INVALID_ARGUMENT', `Invalid value at 'page_size' (TYPE_INT32), "${pageSizeText}"`);
    const pageSize = Math.min(Number(pageSizeText) || 1000, 1000, options.serverPageSize);
    const pageToken = request.query.get('pageToken');
    const offset = pageToken === null ? 0 : tokens.get(pageToken);
    if (offset === undefined) return googleError(response, 400, 'INVALID_ARGUMENT', 'Invalid page token.');
    const page = options.profiles.slice(offset, offset + pageSize);
    const body: { profiles?: CloudProfilerProfile[]; nextPageToken?: string } = {};
    if (page.length > 0) body.profiles = page;
    if (offset + pageSize < options.profiles.length) {
      const next = `page-${tokens.size + 1}`;
      tokens.set(next, offset + pageSize);
      body.nextPageToken = next;
    }
    response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  });
}

function googleError(response: ServerResponse, code: number, status: string, message: string): void {
  response.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify({ error: { code, message, status } }));
}
