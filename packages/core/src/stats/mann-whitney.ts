// The two-sided Mann-Whitney U test as benchstat runs it: the exact distribution of U when both
// samples have at most 50 values (25 when there are ties, using the tie-aware distribution), and
// otherwise the normal approximation with tie and continuity corrections.
import { normalCdf } from './normal-dist';

export const MANN_WHITNEY_EXACT_LIMIT = 50;
export const MANN_WHITNEY_TIES_EXACT_LIMIT = 25;

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** U of the first sample: pairs where it is larger, ties counting ½. */
  u: number;
  /** Two-sided p-value; 1 when all values are equal. Like benchstat's, above 1 for some lopsided tie patterns. */
  p: number;
  /** benchstat's "all samples are equal": no test was possible. */
  samplesEqual: boolean;
}

export function mannWhitneyUTest(sample1: readonly number[], sample2: readonly number[]): MannWhitneyResult {
  const n1 = sample1.length;
  const n2 = sample2.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney U test needs two non-empty samples');
  const { u, ties } = rankSum(sample1, sample2);
  const hasTies = ties.some((t) => t > 1);
  const equal = { n1, n2, u, p: 1, samplesEqual: true };
  const exact = hasTies
    ? n1 <= MANN_WHITNEY_TIES_EXACT_LIMIT && n2 <= MANN_WHITNEY_TIES_EXACT_LIMIT
    : n1 <= MANN_WHITNEY_EXACT_LIMIT && n2 <= MANN_WHITNEY_EXACT_LIMIT;
  if (exact) {
    if (ties.length === 1) return equal;
    const u2 = n1 * n2 - u;
    // With U at the centre, doubling the lower tail would count the centre's mass twice.
    const p = u === u2 ? 1 : 2 * uCdf(n1, n2, Math.min(u, u2), hasTies ? ties : undefined);
    return { n1, n2, u, p, samplesEqual: false };
  }
  const n = n1 + n2;
  const tieSum = ties.reduce((sum, t) => sum + t * t * t - t, 0);
  const sigma = Math.sqrt((n1 * n2 * (n + 1 - tieSum / (n * (n - 1)))) / 12);
  if (sigma === 0) return equal;
  let numer = u - (n1 * n2) / 2;
  numer -= Math.sign(numer) * 0.5;
  const z = numer / sigma;
  const lower = normalCdf(z);
  return { n1, n2, u, p: 2 * Math.min(lower, 1 - lower), samplesEqual: false };
}

/** U of the first sample from its midrank sum, and the sizes of the tie groups in rank order. */
function rankSum(sample1: readonly number[], sample2: readonly number[]): { u: number; ties: number[] } {
  const merged = [
    ...sample1.map((value) => ({ value, first: true })),
    ...sample2.map((value) => ({ value, first: false })),
  ].sort((a, b) => a.value - b.value);
  let r1 = 0;
  const ties: number[] = [];
  for (let i = 0; i < merged.length; ) {
    const start = i;
    let fromFirst = 0;
    for (; i < merged.length && merged[i].value === merged[start].value; i++) if (merged[i].first) fromFirst++;
    // The group holds ranks start+1 … i; each member gets their mean.
    r1 += ((start + 1 + i) / 2) * fromFirst;
    ties.push(i - start);
  }
  return { u: r1 - (sample1.length * (sample1.length + 1)) / 2, ties };
}

/**
 * P(U ≤ u) for the first of two samples of sizes n1, n2 under the null hypothesis. `ties` gives
 * the tie-group sizes in rank order (summing to n1 + n2); without it there are no ties.
 */
export function uCdf(n1: number, n2: number, u: number, ties?: readonly number[]): number {
  if (u < 0) return 0;
  if (u >= n1 * n2) return 1;
  return ties ? tiedUCdf(n1, ties, u) : untiedUCdf(n1, n2, Math.floor(u));
}

/**
 * Without ties, by Mann and Whitney's (1947) recurrence on the probabilities
 * p(n, m; U) = (n·p(n−1, m; U−m) + m·p(n, m−1; U)) / (n+m), summing whichever tail is shorter
 * (the distribution is symmetric about n1·n2/2).
 */
function untiedUCdf(n1: number, n2: number, u: number): number {
  const flip = u >= Math.floor((n1 * n2 + 1) / 2);
  const limit = flip ? n1 * n2 - u - 1 : u;
  const pmf = untiedUPmf(Math.min(n1, n2), Math.max(n1, n2), limit);
  let p = 0;
  for (let k = 0; k <= limit; k++) p += pmf[k];
  return flip ? 1 - p : p;
}

/**
 * p(small, large; U) for U = 0…limit. Only n ≤ m is computed; p(n, m) = p(m, n) gives the rest,
 * and each column m only needs column m−1, so one column is kept, updated from the largest U down.
 */
function untiedUPmf(small: number, large: number, limit: number): Float64Array {
  // memo[n] holds p(n, m) for the current column m (and p(n, m−1) until overwritten).
  const memo = Array.from({ length: small + 1 }, () => new Float64Array(limit + 1));
  for (let m = 0; m <= large; m++) {
    memo[0][0] = 1;
    for (let n = 1; n <= Math.min(small, m); n++) {
      const fewerFirst = memo[n - 1];
      // p(n, m−1); when n = m that is p(m−1, n) by symmetry, already in this column.
      const fewerSecond = n <= m - 1 ? memo[n] : memo[m - 1];
      const out = memo[n];
      for (let u = Math.min(n * m, limit); u >= 0; u--) {
        const left = u - m >= 0 ? n * fewerFirst[u - m] : 0;
        out[u] = (left + m * fewerSecond[u]) / (n + m);
      }
    }
  }
  return memo[small];
}

/**
 * With ties, by the recurrence of Cheung and Klotz (1997, "The Mann Whitney Wilcoxon
 * distribution using linked lists") over the tie groups, as benchstat evaluates it, including
 * its integer division that truncates toward zero in the two-group base case: for some lopsided
 * tie patterns that counts arrangements outside the support, and benchstat then prints p-values
 * above 1. Matching benchstat's decisions means keeping that.
 */
function tiedUCdf(n1: number, ties: readonly number[], u: number): number {
  const twoU = Math.trunc(2 * u);
  const n = ties.reduce((sum, t) => sum + t, 0);
  return klotzCount(twoU, n1, ties) / choose(n, n1);
}

interface TieKey {
  n1: number;
  twoU: number;
}

/** The number of ways to place n1 first-sample values in the tie groups with 2U ≤ twoU. */
function klotzCount(twoU: number, n1: number, t: readonly number[]): number {
  const groups = t.length;
  // a[k] = t₁ + 2(t₁ + … + t_{k−1}) + t_k: twice the midrank of group k, summed up to it (a[0] unused).
  const a = [0, t[0]];
  for (let k = 2; k <= groups; k++) a.push(a[k - 1] + t[k - 2] + t[k - 1]);
  const keyOf = (key: TieKey): string => `${key.n1}:${key.twoU}`;

  // Top-down: which (n1, 2U) states each prefix of k groups is asked about.
  const needed: Array<Map<string, TieKey>> = [];
  needed[groups] = new Map([[keyOf({ n1, twoU }), { n1, twoU }]]);
  let tsum = t.reduce((sum, x) => sum + x, 0);
  for (let k = groups - 1; k >= 2; k--) {
    tsum -= t[k];
    needed[k] = new Map();
    for (const above of needed[k + 1].values()) {
      for (let rk = Math.max(0, above.n1 - tsum); rk <= Math.min(above.n1, t[k]); rk++) {
        const key = { n1: above.n1 - rk, twoU: above.twoU - rk * (a[k + 1] - 2 * above.n1 + rk) };
        if (twoUMin(key.n1, t, k, a) <= key.twoU && key.twoU <= twoUMax(key.n1, t, k, a)) {
          needed[k].set(keyOf(key), key);
        }
      }
    }
  }

  // Bottom-up: counts for two groups directly, then one more group at a time.
  let counts = new Map<string, number>();
  const n2Base = t[0] + t[1];
  for (const [id, key] of needed[2]) {
    let sum = 0;
    const high = Math.trunc((key.twoU - key.n1 * (t[0] - key.n1)) / n2Base);
    for (let r2 = Math.max(0, key.n1 - t[0]); r2 <= high; r2++) sum += choose(t[0], key.n1 - r2) * choose(t[1], r2);
    counts.set(id, sum);
  }
  tsum = t[0];
  for (let k = 3; k <= groups; k++) {
    tsum += t[k - 2];
    const next = new Map<string, number>();
    for (const [id, key] of needed[k]) {
      let sum = 0;
      for (let rk = Math.max(0, key.n1 - tsum); rk <= Math.min(key.n1, t[k - 1]); rk++) {
        const below = { n1: key.n1 - rk, twoU: key.twoU - rk * (a[k] - 2 * key.n1 + rk) };
        let ways = counts.get(keyOf(below));
        // Every arrangement of the lower groups lies at or below a 2U above their maximum.
        if (ways === undefined) ways = twoUMax(below.n1, t, k - 1, a) < below.twoU ? choose(tsum, below.n1) : 0;
        sum += ways * choose(t[k - 1], rk);
      }
      next.set(id, sum);
    }
    counts = next;
  }
  return counts.get(keyOf({ n1, twoU })) ?? 0;
}

/** The smallest 2U for n1 values in the first `groups` groups: filling the lowest groups first. */
function twoUMin(n1: number, t: readonly number[], groups: number, a: readonly number[]): number {
  let twoU = -n1 * n1;
  let left = n1;
  for (let k = 1; k <= groups; k++) {
    const take = Math.min(left, t[k - 1]);
    twoU += take * a[k];
    left -= take;
  }
  return twoU;
}

/** The largest 2U: filling the highest groups first. */
function twoUMax(n1: number, t: readonly number[], groups: number, a: readonly number[]): number {
  let twoU = -n1 * n1;
  let left = n1;
  for (let k = groups; k >= 1; k--) {
    const take = Math.min(left, t[k - 1]);
    twoU += take * a[k];
    left -= take;
  }
  return twoU;
}

/** C(n, k), exact in a double for every size the exact test uses (C(50, 25) < 2⁵³). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 0; i < Math.min(k, n - k); i++) result = (result * (n - i)) / (i + 1);
  return result;
}
