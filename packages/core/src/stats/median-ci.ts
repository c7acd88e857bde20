// A sample's median and its distribution-free confidence interval, as benchstat's default
// (benchmath.AssumeNothing) computes them: the interval is bounded by order statistics chosen
// from the binomial distribution Binomial(n, 1/2) of how many samples fall below the true
// median, exactly for n ≤ 30 and by its normal approximation above.
import { normalCdf, normalInvCdf } from './normal-dist';
import type { Estimate } from './stats-types';

/** Up to this n the binomial probabilities are summed exactly. */
const EXACT_CI_LIMIT = 30;

/**
 * benchstat evaluates C(n, k) for n > 20 as exp(lnΓ(n+1) − lnΓ(k+1) − lnΓ(n−k+1)), so the equal
 * probabilities of k and n − k successes differ in their last bit and its widening step, which
 * prefers the left on a tie, goes right where the left one came out smaller. These are the k < n/2
 * where it did (found by evaluating benchstat's own binomial PMF); for n ≤ 20 the values are exact.
 */
const RIGHT_WINS_TIE: Readonly<Record<number, readonly number[]>> = {
  21: [2, 4, 7],
  22: [2, 4, 7, 10],
  23: [2, 4, 7],
  24: [2, 4, 7, 11],
  25: [2, 4, 7, 10],
  26: [2, 4, 7, 10],
  27: [2, 4, 7, 10, 11, 13],
  28: [2, 4, 7, 10, 12, 13],
  29: [2, 4, 5, 6, 7, 10, 13],
  30: [2, 4, 5, 6, 7, 8, 10, 13, 14],
};
/** benchstat looks no further than this for the n that gives a finite interval. */
const MIN_SAMPLES_SEARCH_LIMIT = 50;

/**
 * The 1-based order statistics bounding the median's interval: the interval is
 * sorted[lo − 1] … sorted[hi − 1]; lo < 1 or hi > n mean an unbounded side.
 */
export interface MedianCiOrders {
  lo: number;
  hi: number;
  /** The interval's actual confidence, at least the requested one. */
  confidence: number;
}

const ordersCache = new Map<string, MedianCiOrders>();

export function medianCiOrders(n: number, confidence: number): MedianCiOrders {
  const key = `${n}:${confidence}`;
  let orders = ordersCache.get(key);
  if (!orders) {
    orders = computeOrders(n, confidence);
    ordersCache.set(key, orders);
  }
  return orders;
}

function computeOrders(n: number, confidence: number): MedianCiOrders {
  if (confidence >= 1) return { lo: 0, hi: n + 1, confidence: 1 };
  const [l, r, actual] = n <= EXACT_CI_LIMIT ? exactOrders(n, confidence) : approximateOrders(n, confidence);
  return { lo: Math.max(l, 0), hi: Math.min(r, n + 1), confidence: actual };
}

/**
 * Starts at the (lower) mode of Binomial(n, 1/2) and widens [l, r) one step at a time towards the
 * more probable neighbour, the left one on a tie, until the mass reaches the confidence.
 */
function exactOrders(n: number, confidence: number): [number, number, number] {
  const pmf = binomialHalfPmf(n);
  const at = (k: number): number => (k < 0 || k > n ? 0 : pmf[k]);
  const mode = Math.ceil((n + 1) * 0.5) - 1;
  let accum = at(mode);
  let l = mode;
  let r = mode + 1;
  let lp = at(l - 1);
  let rp = at(r);
  const leftFirst = (): boolean => (l - 1 + r === n ? !(RIGHT_WINS_TIE[n] ?? []).includes(l - 1) : lp >= rp);
  while (accum < confidence && (lp > 0 || rp > 0)) {
    if (leftFirst()) {
      accum += lp;
      l--;
      lp = at(l - 1);
    } else {
      accum += rp;
      r++;
      rp = at(r);
    }
  }
  return [l, r, accum];
}

/** C(n, k) / 2ⁿ for k = 0…n. */
function binomialHalfPmf(n: number): number[] {
  const pmf: number[] = [];
  let choose = 1;
  for (let k = 0; k <= n; k++) {
    pmf.push(choose / 2 ** n);
    choose = (choose * (n - k)) / (k + 1);
  }
  return pmf;
}

/**
 * The central band of the normal approximation, rounded out to whole order statistics with the
 * continuity correction, then narrowed by one on the right when that still reaches the confidence.
 */
function approximateOrders(n: number, confidence: number): [number, number, number] {
  const mu = n * 0.5;
  const sigma = Math.sqrt(n * 0.5 * 0.5);
  const l1 = normalInvCdf((1 - confidence) / 2, mu, sigma);
  const r1 = 2 * mu - l1;
  const l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
  let r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
  const mass = (from: number, to: number): number => normalCdf(to - 0.5, mu, sigma) - normalCdf(from - 0.5, mu, sigma);
  let actual = mass(l, r);
  const biased = mass(l, r - 1);
  if (biased >= confidence && biased < actual) {
    actual = biased;
    r--;
  }
  if (l <= 0 && r >= n + 1) actual = 1;
  return [l, r, actual];
}

/** The median as benchstat takes it: the R8 quantile estimate (equal to the usual median at q = 1/2). */
export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = 1 / 3 + 0.5 * (n + 1 / 3);
  const k = Math.trunc(pos);
  const frac = pos - k;
  if (k <= 0) return sorted[0];
  if (k >= n) return sorted[n - 1];
  return sorted[k - 1] + frac * (sorted[k] - sorted[k - 1]);
}

/** Median and confidence interval of a sample; lo/hi are ±Infinity when n is too small. */
export function medianEstimate(values: readonly number[], confidence = 0.95): Estimate {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const orders = medianCiOrders(n, confidence);
  return {
    center: median(sorted),
    lo: orders.lo < 1 ? -Infinity : sorted[orders.lo - 1],
    hi: orders.hi - 1 >= n ? Infinity : sorted[orders.hi - 1],
    n,
  };
}

/** The least n with a finite interval at this confidence, as benchstat's warning words it. */
export function medianCiMinSamples(confidence: number): { op: '>=' | '>'; n: number } {
  for (let n = 2; n <= MIN_SAMPLES_SEARCH_LIMIT; n++) {
    const orders = medianCiOrders(n, confidence);
    if (orders.lo > 0 && orders.hi <= n) return { op: '>=', n };
  }
  return { op: '>', n: MIN_SAMPLES_SEARCH_LIMIT };
}
