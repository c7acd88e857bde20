// Numbers as the report prints them, in benchstat's style: fixed decimals, no locale, so the
// same run renders byte-identical HTML on every machine.
import type { Estimate } from '../stats/stats-types';

const TIME_UNITS: readonly [number, string][] = [
  [1, 's'],
  [1e-3, 'ms'],
  [1e-6, 'µs'],
  [1e-9, 'ns'],
];
const BYTE_UNITS: readonly [number, string][] = [
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
  [1, 'B'],
];
const SI_UNITS: readonly [number, string][] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
];

/** Four significant digits, as benchstat: 1234.5 → "1235", 0.012345 → "0.01235". */
export function significant4(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(digits);
}

/**
 * A measurement in its unit with a scaled prefix: sec/op 0.000001234 → "1.234 µs",
 * B/op 2048 → "2.000 KiB", allocs/op 12 → "12.00", MB/s kept as is.
 */
export function formatMeasure(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const base = unit.split('/')[0];
  const scales = base === 'sec' ? TIME_UNITS : base === 'B' ? BYTE_UNITS : SI_UNITS;
  const magnitude = Math.abs(value);
  const [factor, prefix] = scales.find(([f]) => magnitude >= f) ?? scales[scales.length - 1];
  const number = significant4(value / factor);
  if (base === 'sec' || base === 'B') return `${number} ${prefix}`;
  return `${number}${prefix}`;
}

/** benchstat's "± 2%": the larger distance from the center to a bound, relative to the center. */
export function formatSpread(estimate: Estimate): string {
  const { center, lo, hi } = estimate;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '± ∞';
  const spread = Math.max(center - lo, hi - center);
  if (spread === 0) return '± 0%';
  if (center === 0) return '± ∞';
  const percent = (spread / Math.abs(center)) * 100;
  return `± ${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%`;
}

/** A signed percentage: 3.2 → "+3.20%", -12.345 → "-12.35%", 0 → "0.00%". */
export function formatDelta(percent: number, decimals = 2): string {
  if (Number.isNaN(percent)) return 'n/a';
  if (!Number.isFinite(percent)) return percent > 0 ? '+∞%' : '-∞%';
  const text = Math.abs(percent).toFixed(decimals);
  if (Number(text) === 0) return `${text}%`;
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

/** A signed fraction as a percentage: 0.051 → "+5.1%". */
export function formatFraction(fraction: number): string {
  return formatDelta(fraction * 100, 1);
}

/** A confidence interval of a percentage: "[-4.1%, -2.3%]"; unknown bounds print as ∞. */
export function formatInterval(lo: number, hi: number, decimals = 1): string {
  return `[${formatDelta(lo, decimals)}, ${formatDelta(hi, decimals)}]`;
}

/** benchstat's "p=0.002". */
export function formatP(p: number): string {
  return `p=${p.toFixed(3)}`;
}

/** benchstat's "n=8", or "n=8+7" when the two sides differ. */
export function formatN(off: Estimate, pgo: Estimate): string {
  return off.n === pgo.n ? `n=${off.n}` : `n=${off.n}+${pgo.n}`;
}

/** Wall seconds: 12.345 → "12.3 s", 0.84 → "0.84 s". */
export function formatSeconds(seconds: number): string {
  return `${seconds >= 10 ? seconds.toFixed(1) : seconds.toFixed(2)} s`;
}

/** The short form of a sha256 shown in headers and labels; the full one goes in a tooltip. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The calendar day of an ISO date ("2025-03-14T10:00:00Z" → "2025-03-14"); other text as is. */
export function formatDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : date;
}

/**
 * Whether a smaller value of `unit` is the better one. Costs per op (sec/op, B/op, allocs/op)
 * are; rates (B/s, ops/s) are not.
 */
export function lowerIsBetter(unit: string): boolean {
  return !unit.endsWith('/s');
}
