// Our rendering of a decoded Profile in the text `go tool pprof -raw` prints (google/pprof's
// Profile.String(), vendored in $GOROOT/src/cmd/vendor/github.com/google/pprof/profile), so a
// test can compare what we decoded with what Go decoded from the same bytes, line by line.
// Go prints Time in the local zone: run it with TZ=UTC.
import type { Int64, Label, Location, Mapping, PprofFunction, Profile, Sample } from '../model';

const NANOS = BigInt(1_000_000_000);

/** time.Time.String() of time.Unix(0, nanos) in UTC: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
export function goTime(nanos: Int64): string {
  const ns = BigInt(nanos);
  let seconds = ns / NANOS;
  let frac = ns % NANOS;
  if (frac < 0) {
    frac += NANOS;
    seconds -= BigInt(1);
  }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // 2006-01-02T15:04:05.000Z
  const fraction = frac === BigInt(0) ? '' : `.${frac.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC`;
}

/** Digits of `value / 10^precision`'s fraction, trailing zeros dropped (Go's fmtFrac). */
function fraction(value: bigint, precision: number): { text: string; rest: bigint } {
  const scale = BigInt(10) ** BigInt(precision);
  const digits = (value % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  return { text: digits ? `.${digits}` : '', rest: value / scale };
}

/** time.Duration.String(). */
export function goDuration(nanos: Int64): string {
  let u = BigInt(nanos);
  const negative = u < 0;
  if (negative) u = -u;
  let text: string;
  if (u === BigInt(0)) return '0s';
  if (u < NANOS) {
    const [precision, unit] = u < BigInt(1000) ? [0, 'ns'] : u < BigInt(1_000_000) ? [3, 'µs'] : [6, 'ms'];
    const { text: frac, rest } = fraction(u, precision);
    text = `${rest}${frac}${unit}`;
  } else {
    const { text: frac, rest } = fraction(u, 9);
    const sixty = BigInt(60);
    text = `${rest % sixty}${frac}s`;
    const minutes = rest / sixty;
    if (minutes > 0) {
      text = `${minutes % sixty}m${text}`;
      const hours = minutes / sixty;
      if (hours > 0) text = `${hours}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}

const hex = (value: Int64): string => `0x${BigInt.asUintN(64, BigInt(value)).toString(16)}`;

/** Labels as Go's postDecode groups them (string and numeric ones per key) and Sample.string() prints them. */
function labelLines(labels: Label[]): string[] {
  const strs = new Map<string, string[]>();
  const nums = new Map<string, { values: Int64[]; units: string[] }>();
  for (const label of labels) {
    if (label.str !== '') {
      strs.set(label.key, [...(strs.get(label.key) ?? []), label.str]);
    } else if (label.num !== 0 || label.numUnit !== '') {
      const entry = nums.get(label.key) ?? { values: [], units: [] };
      if (label.numUnit !== '') {
        while (entry.units.length < entry.values.length) entry.units.push('');
        entry.units.push(label.numUnit);
      }
      entry.values.push(label.num);
      nums.set(label.key, entry);
    }
  }
  const lines: string[] = [];
  const header = ' '.repeat(16);
  if (strs.size > 0) {
    lines.push(header + [...strs].map(([key, values]) => `${key}:[${values.join(' ')}]`).sort(goLess).join(' '));
  }
  if (nums.size > 0) {
    const shown = [...nums].map(([key, { values, units }]) => {
      while (units.length > 0 && units.length < values.length) units.push('');
      return units.length === values.length
        ? `${key}:[${values.map((v, i) => `${v} ${units[i]}`).join(' ')}]`
        : `${key}:[${values.join(' ')}]`;
    });
    lines.push(header + shown.sort(goLess).join(' '));
  }
  return lines;
}

/** sort.Strings order: bytewise, which for these strings is UTF-16 code unit order. */
function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sampleText(sample: Sample): string {
  const values = sample.value.map((v) => ` ${String(v).padStart(10)}`).join('');
  const ids = sample.locationId.map((id) => `${id} `).join('');
  return [`${values}: ${ids}`, ...labelLines(sample.label)].join('\n');
}

function locationText(location: Location, functions: Map<number, PprofFunction>, mappings: Set<number>): string {
  let head = `${String(location.id).padStart(6)}: ${hex(location.address)} `;
  if (mappings.has(location.mappingId)) head += `M=${location.mappingId} `;
  if (location.isFolded) head += '[F] ';
  if (location.line.length === 0) return head;
  return location.line
    .map((line, i) => {
      const fn = functions.get(line.functionId);
      let text = '??';
      if (fn) {
        text = `${fn.name} ${fn.filename}:${line.line}:${line.column} s=${fn.startLine}`;
        if (fn.name !== fn.systemName) text += `(${fn.systemName})`;
      }
      return (i === 0 ? head : ' '.repeat(13)) + text;
    })
    .join('\n');
}

function mappingText(m: Mapping): string {
  const bits =
    (m.hasFunctions ? '[FN]' : '') +
    (m.hasFilenames ? '[FL]' : '') +
    (m.hasLineNumbers ? '[LN]' : '') +
    (m.hasInlineFrames ? '[IN]' : '');
  return `${m.id}: ${hex(m.memoryStart)}/${hex(m.memoryLimit)}/${hex(m.fileOffset)} ${m.filename} ${m.buildId} ${bits}`;
}

/** Profile.String() of google/pprof for our decoded profile. */
export function goRawText(p: Profile): string {
  const lines: string[] = p.comments.map((c) => `Comment: ${c}`);
  if (p.docUrl !== '') lines.push(`Doc: ${p.docUrl}`);
  lines.push(`PeriodType: ${p.periodType?.type ?? ''} ${p.periodType?.unit ?? ''}`);
  lines.push(`Period: ${p.period}`);
  if (p.timeNanos !== 0) lines.push(`Time: ${goTime(p.timeNanos)}`);
  if (p.durationNanos !== 0) lines.push(`Duration: ${[...goDuration(p.durationNanos)].slice(0, 4).join('')}`);
  lines.push('Samples:');
  lines.push(
    p.sampleType
      .map((t) => `${t.type}/${t.unit}${t.type === p.defaultSampleType ? '[dflt]' : ''}`)
      .join(' ')
      .trim(),
  );
  for (const sample of p.sample) lines.push(sampleText(sample));
  lines.push('Locations');
  const functions = new Map(p.function.map((f) => [f.id, f]));
  const mappings = new Set(p.mapping.map((m) => m.id));
  for (const location of p.location) lines.push(locationText(location, functions, mappings));
  lines.push('Mappings');
  for (const m of p.mapping) lines.push(mappingText(m));
  return `${lines.join('\n')}\n`;
}
