// Number formatting as Go's strconv/fmt does it, so that printed figures (delta percents,
// p-values, scaled values) round exactly as benchstat's do. JavaScript's toFixed rounds an
// exact decimal tie upwards; Go rounds it to even.

/** Digits toFixed may produce; enough to expose every tie at the few places we print. */
const EXACT_DIGITS = 100;

/** `strconv.FormatFloat(x, 'f', prec, 64)`: fixed notation, exact ties rounded to even. */
export function goFixed(x: number, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return sign + fixedMagnitude(Math.abs(x), prec);
}

/** `fmt.Sprintf("%+.<prec>f", x)`. */
export function goSignedFixed(x: number, prec: number): string {
  const s = goFixed(x, prec);
  return s.startsWith('-') || s === 'NaN' ? s : `+${s}`;
}

function fixedMagnitude(x: number, prec: number): string {
  const exact = x.toFixed(EXACT_DIGITS);
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + prec);
  if (!/^50*$/.test(rest)) return x.toFixed(prec);
  // An exact tie: keep the kept digits if the last one is even, else round up as toFixed does.
  const kept = exact.slice(0, prec === 0 ? point : point + 1 + prec);
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  return lastDigit % 2 === 0 ? kept : x.toFixed(prec);
}
