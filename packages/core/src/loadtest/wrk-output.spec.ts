// wrk 4.1's report, as it prints it with --latency (these are its exact lines from runs against
// the example storefront): the request count, errors and the latency percentiles in any unit.
import { parseWrkOutput } from './wrk-output';

const REPORT = `Running 1m test @ http://127.0.0.1:18080
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.02ms    1.40ms  17.65ms   91.11%
    Req/Sec     5.52k   605.29     6.14k    60.00%
  Latency Distribution
     50%    0.90ms
     75%    1.26ms
     90%    2.25ms
     99%    6.55ms
  3000 requests in 563.73ms, 9.68MB read
Requests/sec:   5321.69
Transfer/sec:     17.16MB
`;

test('requests, and p50/p99 in seconds', () => {
  const report = parseWrkOutput(REPORT)!;
  expect(report.requests).toBe(3000);
  expect(report.errors).toBe(0);
  expect(report.latency!.p50).toBeCloseTo(0.0009, 9);
  expect(report.latency!.p99).toBeCloseTo(0.00655, 9);
});

test('microseconds and seconds; socket errors and non-2xx/3xx responses add up', () => {
  const text = REPORT.replace('     50%    0.90ms', '     50%  184.00us')
    .replace('     99%    6.55ms', '     99%    1.20s')
    .replace('Requests/sec:', '  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 4\nRequests/sec:');
  expect(parseWrkOutput(text)).toEqual({ requests: 3000, errors: 7, latency: { p50: 0.000184, p99: 1.2 } });
});

test('without --latency there are no percentiles; output that is not wrk is nothing', () => {
  const plain = REPORT.replace(/  Latency Distribution\n(.*%.*\n)+/, '');
  expect(parseWrkOutput(plain)).toEqual({ requests: 3000, errors: 0 });
  expect(parseWrkOutput('Requests [total] 3000\n')).toBeUndefined();
});
