import type { Int64, Profile, Sample } from './model';
import { normalizeInt64 } from './int64';
import { TransformError } from './transform-error';

// Scaling of sample values. A scaled value is rounded to the nearest integer, halves away from
// zero (Go's math.Round, which pprof's Profile.Scale uses). Numbers are multiplied as float64,
// like Go; bigints, and products beyond 2^53, are computed exactly from the factor's binary value.

const INT64_MIN = -(BigInt(1) << BigInt(63));
const INT64_MAX = (BigInt(1) << BigInt(63)) - BigInt(1);

/** `profile` with every sample value multiplied by `factor` (finite), rounded. */
export function scale(profile: Profile, factor: number): Profile {
  checkFactor(factor, 'factor');
  const samples: Sample[] = new Array(profile.sample.length);
  for (let i = 0; i < samples.length; i++) {
    const s = profile.sample[i]!;
    const value: Int64[] = new Array(s.value.length);
    for (let j = 0; j < value.length; j++) value[j] = scaleInt64(s.value[j]!, factor);
    samples[i] = { locationId: s.locationId, value, label: s.label };
  }
  return { ...profile, sample: samples };
}

function checkFactor(factor: number, option: string): void {
  if (typeof factor !== 'number' || !Number.isFinite(factor)) {
    throw new TransformError('invalid-option', `${option} must be a finite number, got ${String(factor)}`, option);
  }
}

/** `value × factor`, rounded to the nearest integer (halves away from zero). */
export function scaleInt64(value: Int64, factor: number): Int64 {
  if (typeof value === 'number') {
    const product = value * factor;
    const rounded = product < 0 ? -Math.round(-product) : Math.round(product);
    // `|| 0` turns -0 into 0.
    if (Number.isSafeInteger(rounded)) return rounded || 0;
  }
  return scaleExactly(BigInt(value), factor);
}

function scaleExactly(value: bigint, factor: number): Int64 {
  const { mantissa, exponent } = binaryValue(factor);
  const product = value * mantissa;
  let result: bigint;
  if (exponent >= 0) {
    result = product << BigInt(exponent);
  } else {
    const shift = BigInt(-exponent);
    const half = BigInt(1) << (shift - BigInt(1));
    const magnitude = product < 0 ? -product : product;
    const rounded = (magnitude + half) >> shift;
    result = product < 0 ? -rounded : rounded;
  }
  if (result < INT64_MIN || result > INT64_MAX) {
    throw new TransformError(
      'value-out-of-range',
      `scaling the sample value ${value} by ${factor} gives ${result}, beyond the int64 range of pprof values: use a smaller factor or weight`,
    );
  }
  return normalizeInt64(result);
}

/** `factor` as mantissa × 2^exponent, both exact. */
function binaryValue(factor: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, factor);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << BigInt(32)) | BigInt(low);
  let exponent = -1074;
  if (biased !== 0) {
    mantissa |= BigInt(1) << BigInt(52);
    exponent = biased - 1075;
  }
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}
