// The built-in replayer's request file: JSON lines, one request each, with its share of the load.
//
//   {"method": "GET", "path": "/api/products?q=red", "weight": 3}
//   {"method": "POST", "path": "/api/orders/quote", "body": {"lines": [...]}, "headers": {"X-Tenant": "a"}}
//
// method defaults to GET, weight to 1; a JSON body is sent as application/json unless the
// headers say otherwise, a string body as given. Blank lines and lines starting with '#' are
// skipped. Every mistake names file:line.
import { readFile } from 'node:fs/promises';
import { LoadtestError } from './loadtest-error';

export interface ReplayRequest {
  method: string;
  /** Starts with '/': path and query. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  weight: number;
}

const METHOD = /^[A-Z]+$/;
const KEYS = new Set(['method', 'path', 'body', 'headers', 'weight']);

/** Reads and checks `file`; `shown` names it in messages. */
export async function readRequestFile(file: string, shown: string): Promise<ReplayRequest[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LoadtestError('bad-option', `${shown}: cannot read the request file (${code}): check loadtest.replay in pgo.yaml`, { cause: error });
  }
  return parseRequestFile(text, shown);
}

export function parseRequestFile(text: string, shown: string): ReplayRequest[] {
  const requests: ReplayRequest[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fail = (what: string): LoadtestError =>
      new LoadtestError('bad-option', `${shown}:${index + 1}: ${what}: each line is one request, e.g. {"method": "GET", "path": "/api/items", "weight": 2}`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw fail('not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('not a JSON object');
    const entry = value as Record<string, unknown>;
    const unknown = Object.keys(entry).find((key) => !KEYS.has(key));
    if (unknown !== undefined) throw fail(`"${unknown}" is not a request field (method, path, body, headers, weight)`);
    const method = entry.method ?? 'GET';
    if (typeof method !== 'string' || !METHOD.test(method)) throw fail('method must be an HTTP method in capitals, like GET or POST');
    if (typeof entry.path !== 'string' || !entry.path.startsWith('/')) throw fail("path must be a text starting with '/'");
    const weight = entry.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) throw fail('weight must be a number above 0');
    const headers = headersOf(entry.headers, fail);
    let body: Buffer | undefined;
    if (typeof entry.body === 'string') body = Buffer.from(entry.body);
    else if (entry.body !== undefined) {
      body = Buffer.from(JSON.stringify(entry.body));
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    requests.push({ method, path: entry.path, headers, ...(body === undefined ? {} : { body }), weight });
  }
  if (requests.length === 0) throw new LoadtestError('bad-option', `${shown}: no requests: write one JSON object per line, e.g. {"path": "/"}`);
  return requests;
}

function headersOf(value: unknown, fail: (what: string) => LoadtestError): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw fail('headers must be an object of texts, e.g. {"Accept-Encoding": "gzip"}');
  }
  return { ...(value as Record<string, string>) };
}

/**
 * The order requests are sent in: a fixed cycle in which each request appears in proportion to
 * its weight, spread out (smooth weighted round-robin), so that any stretch of the cycle has the
 * mix and both sides of a round get the very same sequence.
 */
export function requestCycle(requests: readonly ReplayRequest[], length = 1000): ReplayRequest[] {
  const total = requests.reduce((sum, r) => sum + r.weight, 0);
  const current = requests.map(() => 0);
  const cycle: ReplayRequest[] = [];
  for (let i = 0; i < length; i++) {
    let best = 0;
    requests.forEach((r, j) => {
      current[j]! += r.weight;
      if (current[j]! > current[best]!) best = j;
    });
    current[best]! -= total;
    cycle.push(requests[best]!);
  }
  return cycle;
}
