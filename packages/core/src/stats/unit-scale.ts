// benchstat's value display: one SI (or, for byte units, IEC) prefix per row, chosen from the
// row's smallest value, with three or four significant digits.
import { goFixed } from './go-number-format';
import { unitTokens } from './bench-parse';

export type UnitClass = 'decimal' | 'binary';

export interface Scaler {
  /** Digits after the decimal point. */
  prec: number;
  factor: number;
  prefix: string;
}

interface Prefix {
  factor: number;
  prefix: string;
  /** Smallest values shown with 1, 2 and 3 decimals: 99.995, 9.9995 and .99995 of the factor. */
  t100: number;
  t10: number;
  t1: number;
}

const SI_PREFIXES: Prefix[] = [
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['µ', -6],
  ['n', -9],
].map(([prefix, exp]) => ({
  factor: Number(`1e${exp}`),
  prefix: String(prefix),
  t100: Number(`99.995e${exp}`),
  t10: Number(`9.9995e${exp}`),
  t1: Number(`.99995e${exp}`),
}));

const IEC_PREFIXES: Prefix[] = (
  [
    ['Ti', 40],
    ['Gi', 30],
    ['Mi', 20],
    ['Ki', 10],
    ['', 0],
  ] as const
).map(([prefix, exp]) => ({ factor: 2 ** exp, prefix, t100: 99.995 * 2 ** exp, t10: 9.9995 * 2 ** exp, t1: 0.99995 * 2 ** exp }));

/** Below the smallest prefix: as many decimals as keep four significant digits, up to 10. */
const SIGFIG_THRESHOLDS = Array.from({ length: 8 }, (_, i) => Number(`9.9995e${-1 - i}`));
const SIGFIG_BASE = 3;

/** Byte units (B, MB or bytes in the numerator) take IEC prefixes. */
export function unitClass(unit: string): UnitClass {
  return unitTokens(unit).some(({ text, role }) => role === 'numerator' && (text === 'B' || text === 'MB' || text === 'bytes'))
    ? 'binary'
    : 'decimal';
}

export function commonScale(values: readonly number[], cls: UnitClass): Scaler {
  let min = 0;
  for (const value of values) {
    const v = Math.abs(value);
    if (v !== 0 && (min === 0 || v < min)) min = v;
  }
  if (min === 0) return { prec: 3, factor: 1, prefix: '' };
  const prefixes = cls === 'binary' ? IEC_PREFIXES : SI_PREFIXES;
  for (const p of prefixes) {
    if (min >= p.t100) return { prec: 1, factor: p.factor, prefix: p.prefix };
    if (min >= p.t10) return { prec: 2, factor: p.factor, prefix: p.prefix };
    if (min >= p.t1) return { prec: 3, factor: p.factor, prefix: p.prefix };
  }
  const last = prefixes[prefixes.length - 1];
  const scaled = min / last.factor;
  const index = SIGFIG_THRESHOLDS.findIndex((threshold, i) => scaled >= threshold || i === SIGFIG_THRESHOLDS.length - 1);
  return { prec: index + SIGFIG_BASE, factor: last.factor, prefix: last.prefix };
}

export function formatScaled(value: number, scaler: Scaler): string {
  return goFixed(value / scaler.factor, scaler.prec) + scaler.prefix;
}

/** One value on its own scale, as benchstat prints the geomean. */
export function scaleValue(value: number, cls: UnitClass): string {
  return formatScaled(value, commonScale([value], cls));
}
