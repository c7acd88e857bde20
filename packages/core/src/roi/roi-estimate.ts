// pgo-roi's arithmetic: what PGO saves a fleet per month against what keeping it up costs, with
// every step written out so a reader can check it by hand. The gain is a share of CPU; the
// savings assume the fleet is sized by CPU, so that share of the pods (their cost) goes away.
//
// The gain is rounded to 0.01 percentage points and every amount to cents before the next step
// uses it, so the lines printed are exactly the arithmetic done.
import type { MeasuredGain } from './measured-gain';
import { RoiError } from './roi-error';

export interface RoiInput {
  /** Pods (instances) running the binary. */
  pods: number;
  /** What one pod costs per month. */
  costPerPod: number;
  /** Hours per month spent keeping PGO up (reviewing refreshes, benchmarks). */
  maintenanceHours: number;
  /** Cost of one hour of that work; default DEFAULT_HOURLY_RATE. */
  hourlyRate?: number;
  /** One-time cost of setting PGO up; default 0. */
  setupCost?: number;
  /** Currency symbol for the lines; default '$'. */
  currency?: string;
  gain: MeasuredGain;
}

export type RoiVerdict = 'adopt' | 'marginal' | 'not worth it';

/** A monthly figure at the measured gain and at the ends of its interval (absent when there is none). */
export interface MonthlyRange {
  monthly: number;
  low?: number;
  high?: number;
}

export interface RoiEstimate {
  pods: number;
  costPerPod: number;
  maintenanceHours: number;
  hourlyRate: number;
  hourlyRateDefaulted: boolean;
  setupCost: number;
  currency: string;
  /** As used: rounded to 0.01 points; `ci` absent when there is no finite interval. */
  gain: MeasuredGain;
  savings: MonthlyRange;
  maintenance: { monthly: number };
  net: MonthlyRange;
  /** Months until the setup cost is earned back; 0 without a setup cost; null when net ≤ 0. */
  paybackMonths: number | null;
  recommendation: { verdict: RoiVerdict; rule: string };
  /** The arithmetic, one step a line. */
  lines: string[];
}

export const DEFAULT_HOURLY_RATE = 100;

export const RECOMMENDATION_RULE =
  'adopt when the net saving stays above 0 at the low end of the gain\'s 95% interval (a stated --gain counts as exact); marginal when it is above 0 at the measured gain only; not worth it otherwise';

export function roiEstimate(input: RoiInput): RoiEstimate {
  const pods = checked(input.pods, '--pods', 'the number of pods running the binary, a whole number ≥ 1', (n) => Number.isInteger(n) && n >= 1);
  const costPerPod = checked(input.costPerPod, '--cost-per-pod', 'what one pod costs per month, ≥ 0', (n) => n >= 0);
  const maintenanceHours = checked(input.maintenanceHours, '--maintenance-hours', 'hours per month spent on PGO, ≥ 0', (n) => n >= 0);
  const hourlyRate = checked(input.hourlyRate ?? DEFAULT_HOURLY_RATE, '--hourly-rate', 'the cost of one hour of work, ≥ 0', (n) => n >= 0);
  const setupCost = checked(input.setupCost ?? 0, '--setup-cost', 'the one-time cost of setting PGO up, ≥ 0', (n) => n >= 0);
  const currency = input.currency ?? '$';
  const money = (value: number): string => formatMoney(value, currency);

  const gainPercent = points(checked(input.gain.percent, '--gain', 'the share of CPU PGO saves, in percent', (n) => n > -100 && n < 100));
  const interval = input.gain.ci !== undefined && Number.isFinite(input.gain.ci.lo) && Number.isFinite(input.gain.ci.hi) ? { lo: points(input.gain.ci.lo), hi: points(input.gain.ci.hi) } : undefined;
  const gain: MeasuredGain = { ...input.gain, percent: gainPercent };
  if (interval === undefined) delete gain.ci;
  else gain.ci = interval;

  const fleet = pods * costPerPod;
  const saved = (percent: number): number => cents((fleet * percent) / 100);
  const savings: MonthlyRange = { monthly: saved(gainPercent), ...(interval && { low: saved(interval.lo), high: saved(interval.hi) }) };
  const maintenance = cents(maintenanceHours * hourlyRate);
  const minus = (a: number): number => cents(a - maintenance);
  const net: MonthlyRange = {
    monthly: minus(savings.monthly),
    ...(savings.low !== undefined && { low: minus(savings.low) }),
    ...(savings.high !== undefined && { high: minus(savings.high) }),
  };
  // A stated gain counts as exact; a measured one without an interval cannot show it holds.
  const netLow = input.gain.source === 'option' ? net.monthly : net.low;
  const verdict: RoiVerdict = net.monthly <= 0 ? 'not worth it' : netLow !== undefined && netLow > 0 ? 'adopt' : 'marginal';
  const paybackMonths = net.monthly <= 0 ? null : setupCost === 0 ? 0 : setupCost / net.monthly;

  const fleetText = `${pods} ${pods === 1 ? 'pod' : 'pods'} × ${formatAmount(costPerPod, currency)}/month`;
  const lines = [
    `gain = ${gainLine(gain)}`,
    `savings = ${fleetText} × ${percentText(gainPercent)} = ${money(savings.monthly)}/month`,
    interval === undefined
      ? `savings range: ${input.gain.source === 'option' ? 'none (a stated --gain has no interval)' : 'unknown (the run had too few rounds for a 95% interval)'}`
      : `savings range = ${fleetText} × ${percentText(interval.lo)} … ${percentText(interval.hi)} = ${money(savings.low!)} … ${money(savings.high!)}/month`,
    `maintenance = ${number(maintenanceHours)} h/month × ${formatAmount(hourlyRate, currency)}/h${input.hourlyRate === undefined ? ' (default --hourly-rate)' : ''} = ${money(maintenance)}/month`,
    `net = ${money(savings.monthly)} − ${money(maintenance)} = ${money(net.monthly)}/month` +
      (net.low !== undefined && net.high !== undefined ? ` (range ${money(net.low)} … ${money(net.high)}/month)` : ''),
    `payback = ${paybackText(paybackMonths, setupCost, net.monthly, money)}`,
    `recommendation: ${verdict} (rule: ${RECOMMENDATION_RULE})`,
  ];
  return {
    pods,
    costPerPod,
    maintenanceHours,
    hourlyRate,
    hourlyRateDefaulted: input.hourlyRate === undefined,
    setupCost,
    currency,
    gain,
    savings,
    maintenance: { monthly: maintenance },
    net,
    paybackMonths,
    recommendation: { verdict, rule: RECOMMENDATION_RULE },
    lines,
  };
}

function checked(value: number, flag: string, what: string, ok: (n: number) => boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new RoiError('bad-number', `${flag} ${String(value)}: give ${what}`);
  }
  return value;
}

/** Rounded to cents. */
function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Rounded to 0.01 percentage points. */
function points(percent: number): number {
  return Math.round(percent * 100) / 100;
}

function gainLine(gain: MeasuredGain): string {
  const ci = gain.ci === undefined ? '' : ` (95% CI ${percentText(gain.ci.lo)} to ${percentText(gain.ci.hi)})`;
  if (gain.source === 'option') return `${percentText(gain.percent)} of CPU, as given with --gain`;
  const run = [gain.date, gain.commit?.slice(0, 12)].filter((part) => part !== undefined).join(', ');
  return `${percentText(gain.percent)} of CPU${ci}: the latest accepted pgo-bench run (${run}) in ${gain.file}`;
}

function paybackText(months: number | null, setupCost: number, net: number, money: (n: number) => string): string {
  if (months === null) return 'never: the net saving is not above 0';
  if (setupCost === 0) return 'pays back in the first month (no setup cost)';
  return `${money(setupCost)} setup ÷ ${money(net)}/month net = ${months.toFixed(1)} months`;
}

/** 6.2 → "6.2%", 6 → "6%", -1.25 → "-1.25%". */
export function percentText(percent: number): string {
  return `${number(percent)}%`;
}

/** Up to two decimals, without trailing zeros. */
function number(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** 1234.5 → "$1,234.50"; negative amounts as "-$12.00". */
export function formatMoney(value: number, currency: string): string {
  const cents = Math.round(Math.abs(value) * 100);
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && cents !== 0 ? '-' : '';
  return `${sign}${currency}${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** An amount as given: whole numbers without cents ("$310"), others with them ("$310.50"). */
function formatAmount(value: number, currency: string): string {
  return Number.isInteger(value) ? formatMoney(value, currency).replace(/\.00$/, '') : formatMoney(value, currency);
}
