// Google Cloud Profiler: the newest CPU profiles of one deployment target, from
// projects.profiles.list (GET <endpoint>/v2/projects/{project}/profiles, paged with
// pageSize/pageToken; the export API: each Profile carries its pprof as base64 profileBytes).
// The API filters nothing and promises no order, so every page is read and filtered here:
// profileType CPU, deployment.target == service, deployment.labels version/zone when given,
// startTime inside the window; the newest maxProfiles are kept, each one an instance, so the
// manifest lists every profile by its name.
//
// Auth: GOOGLE_OAUTH_ACCESS_TOKEN when set (the name Google's Terraform provider reads), else
// the output of `gcloud auth print-access-token`. GO_PGO_GCP_ENDPOINT replaces
// https://cloudprofiler.googleapis.com (a private endpoint, or a contract fake in tests).
import execa from 'execa';
import type { GcpSourceConfig } from '../config/pgo-settings';
import { oneLine, remoteFetch, statusError, type RemoteResponse } from './remote-http';
import { readyRemoteProfile } from './remote-profile';
import { RemoteSourceError } from './remote-source-error';
import { InstanceCaptureError, type CaptureInstance, type OpenSource, type SourceContext } from './source';
import { resolveWindow, showWindow, type TimeWindow } from './time-window';

export const GCP_DEFAULT_ENDPOINT = 'https://cloudprofiler.googleapis.com';
/** Profiles carry their bytes, so a page of 1000 (the API's maximum) could be 100 MB. */
const PAGE_SIZE = 100;
const PAGE_TIMEOUT_MS = 60_000;
const GCLOUD_TIMEOUT_MS = 60_000;
const TOKEN_ADVICE = 'set GOOGLE_OAUTH_ACCESS_TOKEN, or install the Google Cloud CLI and run `gcloud auth login`';

/** The fields of projects.profiles' Profile resource this source reads. */
interface CloudProfile {
  name: string;
  profileType?: string;
  deployment?: { projectId?: string; target?: string; labels?: Record<string, string> };
  duration?: string;
  profileBytes?: string;
  startTime?: string;
}

interface ListProfilesResponse {
  profiles?: CloudProfile[];
  nextPageToken?: string;
  skippedProfiles?: number;
}

export const openGcp: OpenSource<GcpSourceConfig> = async (config, context) => {
  const endpoint = (context.env['GO_PGO_GCP_ENDPOINT'] || GCP_DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const deployment = [config.service, config.version, config.zone].filter(Boolean).join(' ');
  const label = `gcp ${config.project} ${deployment}`;
  const window = resolveWindow(label, config.from, config.until, context.now);
  const token = await accessToken(label, context);
  const wanted = (p: CloudProfile): boolean => matches(p, config, window);
  const { kept, listed } = await newestMatching(label, `${endpoint}/v2/projects/${encodeURIComponent(config.project)}/profiles`, token, context, wanted, config.maxProfiles);
  context.log(`${label}: ${kept.length} of ${listed} profiles in the project are CPU profiles of this deployment in ${showWindow(window)}`);
  if (kept.length === 0) {
    throw new RemoteSourceError(
      `${label}: Cloud Profiler holds no CPU profile of this deployment started in ${showWindow(window)}: check service (the agent's target), version, zone and from/until (profiles are kept 30 days)`,
    );
  }
  const instances = kept.map(
    (profile): CaptureInstance => ({
      source: config.name,
      kind: 'gcp',
      instance: profile.name,
      capture: async () => {
        const where = `gcp ${profile.name}`;
        if (!profile.profileBytes) throw new InstanceCaptureError(`${where}: the listing carries no profileBytes for this profile: it cannot be exported`, false);
        const ready = readyRemoteProfile(where, Buffer.from(profile.profileBytes, 'base64'));
        const labels = Object.entries(profile.deployment?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
        const about = `started ${profile.startTime}, ${profile.duration ?? 'no duration'}${labels.length > 0 ? `, ${labels.join(' ')}` : ''}`;
        return { bytes: ready.bytes, notes: [about, ...ready.notes], attempts: 1 };
      },
    }),
  );
  return { instances, close: async () => {} };
};

function matches(p: CloudProfile, config: GcpSourceConfig, window: TimeWindow): boolean {
  const labels = p.deployment?.labels ?? {};
  const start = Date.parse(p.startTime ?? '');
  return (
    p.profileType === 'CPU' &&
    p.deployment?.target === config.service &&
    (config.version === undefined || labels['version'] === config.version) &&
    (config.zone === undefined || labels['zone'] === config.zone) &&
    start >= window.start.getTime() &&
    start < window.end.getTime()
  );
}

/** Reads every page; keeps at most `max` matching profiles, newest first, as it goes. */
async function newestMatching(
  label: string,
  url: string,
  token: string,
  context: SourceContext,
  wanted: (p: CloudProfile) => boolean,
  max: number,
): Promise<{ kept: CloudProfile[]; listed: number }> {
  let kept: CloudProfile[] = [];
  let listed = 0;
  const seen = new Set<string>();
  for (let pageToken = ''; ; ) {
    const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    if (pageToken) query.set('pageToken', pageToken);
    const page = await listPage(label, `${url}?${query}`, token, context.signal);
    listed += page.profiles?.length ?? 0;
    if (page.skippedProfiles) context.log(`${label}: Cloud Profiler skipped ${page.skippedProfiles} profiles it could not fetch on one page`);
    kept = [...kept, ...(page.profiles ?? []).filter(wanted)].sort((a, b) => Date.parse(b.startTime!) - Date.parse(a.startTime!)).slice(0, max);
    pageToken = page.nextPageToken ?? '';
    if (!pageToken) return { kept, listed };
    if (seen.has(pageToken)) throw new RemoteSourceError(`${label}: the listing returned page token '${pageToken}' twice: report this; retry later`);
    seen.add(pageToken);
  }
}

async function listPage(label: string, url: string, token: string, signal: AbortSignal): Promise<ListProfilesResponse> {
  let response: RemoteResponse;
  try {
    response = await remoteFetch(label, url, { method: 'GET', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, AbortSignal.any([signal, AbortSignal.timeout(PAGE_TIMEOUT_MS)]));
    if (response.status !== 200) throw listError(label, response);
  } catch (error) {
    // Without the listing there are no instances: the source as a whole fails.
    if (error instanceof InstanceCaptureError) throw new RemoteSourceError(error.message, { cause: error, retryable: error.retryable });
    throw error;
  }
  let page: unknown;
  try {
    page = JSON.parse(response.body.toString('utf8'));
  } catch {
    page = undefined;
  }
  if (!isListResponse(page)) {
    throw new RemoteSourceError(`${label}: ${url} answered something that is not a ListProfilesResponse (${oneLine(response.body.toString('utf8'), 80)}): check GO_PGO_GCP_ENDPOINT`);
  }
  return page;
}

function isListResponse(value: unknown): value is ListProfilesResponse {
  if (typeof value !== 'object' || value === null) return false;
  const { profiles, nextPageToken } = value as ListProfilesResponse;
  const isProfile = (p: unknown): boolean => typeof p === 'object' && p !== null && typeof (p as CloudProfile).name === 'string';
  return (profiles === undefined || (Array.isArray(profiles) && profiles.every(isProfile))) && (nextPageToken === undefined || typeof nextPageToken === 'string');
}

/** Google APIs answer errors as {"error": {code, message, status}}. */
function listError(label: string, response: RemoteResponse): InstanceCaptureError {
  const raw = response.body.toString('utf8');
  let detail = oneLine(raw);
  try {
    const { error } = JSON.parse(raw) as { error?: { message?: string; status?: string } };
    if (error?.message) detail = oneLine(`${error.status ?? ''}: ${error.message}`.replace(/^: /, ''));
  } catch {
    // not Google's JSON: keep the raw text
  }
  const advice: Record<number, string> = {
    401: `the access token was refused: ${TOKEN_ADVICE} (a token from GOOGLE_OAUTH_ACCESS_TOKEN expires after an hour)`,
    403: 'the account needs cloudprofiler.profiles.list on the project (e.g. roles/cloudprofiler.user) and the project needs the Cloud Profiler API enabled',
    404: 'no such project: check project: in pgo.yaml',
  };
  return statusError(label, response.status, detail, advice[response.status]);
}

async function accessToken(label: string, context: SourceContext): Promise<string> {
  const fromEnv = context.env['GOOGLE_OAUTH_ACCESS_TOKEN']?.trim();
  if (fromEnv) return fromEnv;
  const gcloud = execa('gcloud', ['auth', 'print-access-token'], { env: context.env, extendEnv: false });
  const stop = (): void => {
    gcloud.kill();
  };
  // Our own timer rather than execa's `timeout`, which stays armed when the spawn itself fails.
  const timer = setTimeout(stop, GCLOUD_TIMEOUT_MS);
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    const token = (await gcloud).stdout.trim();
    if (token === '') throw new RemoteSourceError(`${label}: gcloud auth print-access-token printed no token: ${TOKEN_ADVICE}`);
    return token;
  } catch (error) {
    if (error instanceof RemoteSourceError) throw error;
    const failure = error as execa.ExecaError & NodeJS.ErrnoException;
    if (failure.code === 'ENOENT') throw new RemoteSourceError(`${label}: no access token: GOOGLE_OAUTH_ACCESS_TOKEN is not set and gcloud is not on PATH: ${TOKEN_ADVICE}`, { cause: error });
    const lines = (failure.stderr ?? '').split('\n').filter((l) => l.trim() !== '');
    // gcloud's first ERROR: line says what is wrong; the lines after it say what to run.
    const why = oneLine(lines.find((l) => l.startsWith('ERROR:')) ?? lines.pop() ?? failure.shortMessage ?? String(error));
    throw new RemoteSourceError(`${label}: gcloud auth print-access-token failed (${why}): ${TOKEN_ADVICE}`, { cause: error });
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', stop);
  }
}
