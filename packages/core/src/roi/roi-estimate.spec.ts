// pgo-roi's arithmetic on figures worked out by hand: savings at the gain and at the ends of its
// interval, maintenance, net, payback, and each side of every recommendation threshold.
import type { MeasuredGain } from './measured-gain';
import { RoiError } from './roi-error';
import { formatMoney, roiEstimate, type RoiInput } from './roi-estimate';

const measured = (percent: number, lo: number, hi: number): MeasuredGain => ({
  percent,
  ci: { lo, hi },
  source: 'history',
  date: '2026-01-05T10:00:00.000Z',
  commit: 'abcdef0123456789abcdef0123456789abcdef01',
  file: '.pgo/history/api.jsonl',
});

const BASE: RoiInput = { pods: 40, costPerPod: 310, maintenanceHours: 2, hourlyRate: 120, gain: measured(6.2, 4.1, 8.3) };

describe('roiEstimate', () => {
  it('computes savings, range, maintenance, net and payback, and shows each step', () => {
    const estimate = roiEstimate({ ...BASE, setupCost: 1000 });
    // 40 × 310 = 12,400; × 6.2% = 768.80; × 4.1% = 508.40; × 8.3% = 1,029.20; 2 × 120 = 240.
    expect(estimate.savings).toEqual({ monthly: 768.8, low: 508.4, high: 1029.2 });
    expect(estimate.maintenance).toEqual({ monthly: 240 });
    expect(estimate.net).toEqual({ monthly: 528.8, low: 268.4, high: 789.2 });
    expect(estimate.paybackMonths).toBeCloseTo(1000 / 528.8, 10);
    expect(estimate.recommendation.verdict).toBe('adopt');
    expect(estimate.lines).toEqual([
      'gain = 6.2% of CPU (95% CI 4.1% to 8.3%): the latest accepted pgo-bench run (2026-01-05T10:00:00.000Z, abcdef012345) in .pgo/history/api.jsonl',
      'savings = 40 pods × $310/month × 6.2% = $768.80/month',
      'savings range = 40 pods × $310/month × 4.1% … 8.3% = $508.40 … $1,029.20/month',
      'maintenance = 2 h/month × $120/h = $240.00/month',
      'net = $768.80 − $240.00 = $528.80/month (range $268.40 … $789.20/month)',
      'payback = $1,000.00 setup ÷ $528.80/month net = 1.9 months',
      expect.stringMatching(/^recommendation: adopt \(rule: adopt when the net saving stays above 0 at the low end of the gain's 95% interval/),
    ]);
  });

  it('pays back in the first month without a setup cost, and says the hourly rate is the default', () => {
    const estimate = roiEstimate({ ...BASE, hourlyRate: undefined });
    expect(estimate.hourlyRate).toBe(100);
    expect(estimate.paybackMonths).toBe(0);
    expect(estimate.lines).toContain('maintenance = 2 h/month × $100/h (default --hourly-rate) = $200.00/month');
    expect(estimate.lines).toContain('payback = pays back in the first month (no setup cost)');
  });

  it('rounds the gain to 0.01 points before using it, so the printed line is the arithmetic done', () => {
    const estimate = roiEstimate({ ...BASE, gain: measured(6.2049, 4.1, 8.3) });
    expect(estimate.gain.percent).toBe(6.2);
    expect(estimate.savings.monthly).toBe(768.8);
  });

  describe('recommendation thresholds (10 pods × $100 = $1,000/month of fleet)', () => {
    const fleet = { pods: 10, costPerPod: 100, hourlyRate: 100 };
    it.each([
      // gain 5% (CI 2.5–7.5): savings 50 (25 … 75)
      ['adopt: net above 0 at the low end', 0.24, 'adopt'],
      ['marginal: net exactly 0 at the low end', 0.25, 'marginal'],
      ['marginal: net above 0 at the gain only', 0.4, 'marginal'],
      ['not worth it: net exactly 0', 0.5, 'not worth it'],
      ['not worth it: net below 0', 0.6, 'not worth it'],
    ])('%s', (_, maintenanceHours, verdict) => {
      expect(roiEstimate({ ...fleet, maintenanceHours, gain: measured(5, 2.5, 7.5) }).recommendation.verdict).toBe(verdict);
    });

    it('a measured gain whose run had too few rounds for an interval is marginal at best', () => {
      const estimate = roiEstimate({ ...fleet, maintenanceHours: 0, gain: measured(5, -Infinity, Infinity) });
      expect(estimate.recommendation.verdict).toBe('marginal');
      expect(estimate.gain.ci).toBeUndefined();
      expect(estimate.savings).toEqual({ monthly: 50 });
      expect(estimate.lines).toContain('savings range: unknown (the run had too few rounds for a 95% interval)');
    });

    it('a stated --gain counts as exact', () => {
      const estimate = roiEstimate({ ...fleet, maintenanceHours: 0.4, gain: { percent: 5, source: 'option' } });
      expect(estimate.recommendation.verdict).toBe('adopt');
      expect(estimate.lines[0]).toBe('gain = 5% of CPU, as given with --gain');
      expect(estimate.lines).toContain('savings range: none (a stated --gain has no interval)');
    });

    it('never pays back when the net is not above 0', () => {
      const estimate = roiEstimate({ ...fleet, maintenanceHours: 0.6, setupCost: 500, gain: measured(5, 2.5, 7.5) });
      expect(estimate.net.monthly).toBe(-10);
      expect(estimate.paybackMonths).toBeNull();
      expect(estimate.lines).toContain('net = $50.00 − $60.00 = -$10.00/month (range -$35.00 … $15.00/month)');
      expect(estimate.lines).toContain('payback = never: the net saving is not above 0');
    });

    it('a gain PGO lost (negative) is not worth it', () => {
      expect(roiEstimate({ ...fleet, maintenanceHours: 0, gain: measured(-1.5, -3, 0.1) }).recommendation.verdict).toBe('not worth it');
    });
  });

  it.each([
    [{ pods: 0 }, '--pods 0: give the number of pods running the binary, a whole number ≥ 1'],
    [{ pods: 2.5 }, '--pods 2.5: give the number of pods running the binary, a whole number ≥ 1'],
    [{ costPerPod: -1 }, '--cost-per-pod -1: give what one pod costs per month, ≥ 0'],
    [{ maintenanceHours: NaN }, '--maintenance-hours NaN: give hours per month spent on PGO, ≥ 0'],
    [{ hourlyRate: Infinity }, '--hourly-rate Infinity: give the cost of one hour of work, ≥ 0'],
    [{ setupCost: -5 }, '--setup-cost -5: give the one-time cost of setting PGO up, ≥ 0'],
    [{ gain: { percent: 120, source: 'option' as const } }, '--gain 120: give the share of CPU PGO saves, in percent'],
  ])('rejects %j', (change, message) => {
    expect(() => roiEstimate({ ...BASE, ...change })).toThrow(new RoiError('bad-number', message));
  });

  it('uses the currency given', () => {
    expect(roiEstimate({ ...BASE, currency: '€' }).lines[1]).toBe('savings = 40 pods × €310/month × 6.2% = €768.80/month');
  });
});

test('formatMoney', () => {
  expect(formatMoney(1234567.891, '$')).toBe('$1,234,567.89');
  expect(formatMoney(0.005, '$')).toBe('$0.01');
  expect(formatMoney(-0.001, '$')).toBe('$0.00');
  expect(formatMoney(-12, '£')).toBe('-£12.00');
});
