// The gates of pgo-loadtest and pgo-canary fail only on evidence: worse than the limit with the
// whole 95% interval above zero.
import { estimateGate } from './service-gates';

const estimate = (center: number, lo: number, hi: number, n = 10) => ({ center, lo, hi, n });

test('a gain passes and says so with its interval', () => {
  expect(estimateGate('cpuPerRequest', 0.05, estimate(-13.2, -15.3, -10.7), 'the server CPU per request')).toEqual({
    gate: 'cpuPerRequest',
    limit: 0.05,
    measured: -0.132,
    baseline: 'off',
    passed: true,
    message: 'cpuPerRequest: the server CPU per request is 13.2% lower with PGO (median of 10, CI -15.3% to -10.7%): within the 5% limit',
  });
});

test('worse than the limit with the interval above 0 fails; worse but uncertain, or within the limit, passes', () => {
  expect(estimateGate('cpuPerRequest', 0.05, estimate(8, 6, 11), 'x')).toMatchObject({ passed: false, measured: 0.08, message: 'cpuPerRequest: x is 8.0% higher with PGO (median of 10, CI 6.0% to 11.0%): over the 5% limit' });
  expect(estimateGate('cpuPerRequest', 0.05, estimate(8, -1, 11), 'x').passed).toBe(true);
  expect(estimateGate('latencyP99', 0.2, estimate(12, 3, 20), 'x').passed).toBe(true);
  expect(estimateGate('latencyP99', 0.05, estimate(9, -Infinity, Infinity, 4), 'x')).toMatchObject({ passed: true, message: 'latencyP99: x is 9.0% higher with PGO (median of 4, CI none with 4 rounds): within the 5% limit' });
});
