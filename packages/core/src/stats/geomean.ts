// benchstat's geomean row: the geometric mean of each column's medians, and the geometric mean
// of the per-benchmark ratios (not the ratio of the geomeans, which differs when a benchmark set
// differs). Missing parts are what benchstat leaves blank or prints as "?".

export interface GeomeanParts {
  /** Absent when some median is not positive. */
  off?: number;
  pgo?: number;
  /** Geomean of pgo/off per row (0/0 counting as 1); absent when some off median is 0 or a ratio negative. */
  ratio?: number;
  /** benchstat's footnotes for the off and pgo geomean cells. */
  offWarnings: string[];
  pgoWarnings: string[];
}

const SUMMARY_WARNING = 'summaries must be >0 to compute geomean';
const RATIO_WARNING = 'ratios must be >0 to compute geomean';

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  // A running mean of the logarithms, in benchstat's order, so the last digit agrees with it.
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] <= 0) return NaN;
    mean += (Math.log(values[i]) - mean) / (i + 1);
  }
  return Math.exp(mean);
}

export function geomeanParts(rows: ReadonlyArray<{ off: { center: number }; pgo: { center: number } }>): GeomeanParts {
  const parts: GeomeanParts = { offWarnings: [], pgoWarnings: [] };
  const off = geometricMean(rows.map((row) => row.off.center));
  const pgo = geometricMean(rows.map((row) => row.pgo.center));
  if (Number.isNaN(off)) parts.offWarnings.push(SUMMARY_WARNING);
  else parts.off = off;
  if (Number.isNaN(pgo)) parts.pgoWarnings.push(SUMMARY_WARNING);
  else parts.pgo = pgo;
  const ratios: number[] = [];
  for (const { off: base, pgo: other } of rows) {
    // A ratio from zero is undefined; benchstat prints "?" without a footnote.
    if (base.center === other.center) ratios.push(1);
    else if (base.center === 0) return parts;
    else ratios.push(other.center / base.center);
  }
  const ratio = geometricMean(ratios);
  if (Number.isNaN(ratio)) parts.pgoWarnings.push(RATIO_WARNING);
  else parts.ratio = ratio;
  return parts;
}
