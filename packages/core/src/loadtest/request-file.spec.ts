// The replayer's request file: JSON lines with defaults, bodies and headers; every mistake names
// file:line; the cycle sends each request in proportion to its weight, spread out.
import { LoadtestError } from './loadtest-error';
import { parseRequestFile, requestCycle } from './request-file';

test('methods, paths, weights, JSON and text bodies, headers; comments and blank lines skipped', () => {
  const requests = parseRequestFile(
    [
      '# the mix',
      '{"path": "/api/items?q=red"}',
      '',
      '{"method": "POST", "path": "/api/orders", "body": {"qty": 2}, "weight": 3}',
      '{"method": "PUT", "path": "/raw", "body": "a=1", "headers": {"Content-Type": "text/plain", "X-Tenant": "t1"}, "weight": 0.5}',
    ].join('\n'),
    'requests.jsonl',
  );
  expect(requests).toEqual([
    { method: 'GET', path: '/api/items?q=red', headers: {}, weight: 1 },
    { method: 'POST', path: '/api/orders', headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"qty":2}'), weight: 3 },
    { method: 'PUT', path: '/raw', headers: { 'Content-Type': 'text/plain', 'X-Tenant': 't1' }, body: Buffer.from('a=1'), weight: 0.5 },
  ]);
});

test.each([
  ['{"path": "/a"', 'not valid JSON'],
  ['["/a"]', 'not a JSON object'],
  ['{"url": "/a"}', '"url" is not a request field (method, path, body, headers, weight)'],
  ['{"path": "a"}', "path must be a text starting with '/'"],
  ['{"method": "get", "path": "/a"}', 'method must be an HTTP method in capitals, like GET or POST'],
  ['{"path": "/a", "weight": 0}', 'weight must be a number above 0'],
  ['{"path": "/a", "headers": {"X": 1}}', 'headers must be an object of texts, e.g. {"Accept-Encoding": "gzip"}'],
])('%s is an error naming file:line', (line, what) => {
  let error: unknown;
  try {
    parseRequestFile(`{"path": "/ok"}\n${line}\n`, 'cmd/api/requests.jsonl');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LoadtestError);
  expect((error as Error).message).toBe(`cmd/api/requests.jsonl:2: ${what}: each line is one request, e.g. {"method": "GET", "path": "/api/items", "weight": 2}`);
});

test('a file without requests is an error', () => {
  expect(() => parseRequestFile('# nothing\n\n', 'r.jsonl')).toThrow('r.jsonl: no requests: write one JSON object per line, e.g. {"path": "/"}');
});

test('the cycle holds each request in proportion to its weight, and no long run of one request', () => {
  const [a, b, c] = parseRequestFile('{"path": "/a", "weight": 6}\n{"path": "/b", "weight": 3}\n{"path": "/c", "weight": 1}\n', 'r');
  const cycle = requestCycle([a!, b!, c!], 1000);
  const count = (r: unknown): number => cycle.filter((x) => x === r).length;
  expect([count(a), count(b), count(c)]).toEqual([600, 300, 100]);
  // Any ten in a row have the mix: smooth weighted round-robin spreads them out.
  expect(cycle.slice(0, 10).map((r) => r.path).sort().join('')).toBe('/a/a/a/a/a/a/b/b/b/c');
});
