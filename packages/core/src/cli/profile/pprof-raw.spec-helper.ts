// For specs: reads `go tool pprof -raw` output, Go's own view of a profile, to compare ours with.
// Named *.spec-helper.ts so Jest does not run it as a suite and the npm package leaves it out.

export interface RawView {
  /** Number of samples Go lists. */
  samples: number;
  /** `type/unit` → sum of its values over all samples. */
  totals: Record<string, bigint>;
  /** Lines of labels (a sample with labels has one for string labels, one for numeric ones). */
  labelLines: number;
}

export function parseRaw(raw: string): RawView {
  const lines = raw.split('\n');
  const start = lines.indexOf('Samples:');
  if (start < 0) throw new Error(`no "Samples:" section in go tool pprof -raw output:\n${raw.slice(0, 500)}`);
  const types = lines[start + 1]!.trim().split(/\s+/).map((t) => t.replace(/\[dflt\]$/, ''));
  const totals = Object.fromEntries(types.map((t) => [t, BigInt(0)]));
  let samples = 0;
  let labelLines = 0;
  for (const line of lines.slice(start + 2)) {
    const sample = /^\s*(-?\d+(?:\s+-?\d+)*):/.exec(line);
    if (sample) {
      samples++;
      sample[1]!.trim().split(/\s+/).forEach((v, i) => (totals[types[i]!]! += BigInt(v)));
    } else if (/^\s+\S+:\[/.test(line)) {
      labelLines++;
    } else if (!/^\s/.test(line)) {
      break;
    }
  }
  return { samples, totals, labelLines };
}
