// `go-pgo profile inspect`: what is in a profile, and whether `go build -pgo` can use it.
import { edgeListFloor, pgoEdges, summarize, TransformError, type FunctionWeight, type Profile, type ProfileSummary } from '@go-pgo/pprof';
import { readProfile } from '../../profile/read-profile';
import { expectPositionals, parseCommandArgs, parseIntegerOption } from '../args';
import { leafCommand } from '../command';
import { alignColumns, formatBytes, formatCount, formatNanos, formatPercent } from '../../text/format';

const COMMAND = 'go-pgo profile inspect';
const DEFAULT_TOP = 10;

const OPTIONS = {
  json: { type: 'boolean' },
  top: { type: 'string' },
} as const;

export const inspectCommand = leafCommand({
  name: 'inspect',
  summary: 'summarize a profile and say whether Go PGO can use it',
  help: `Usage: ${COMMAND} <file> [--json] [--top N]

Prints sample types, sample count, totals, duration, time, table sizes, start_line coverage, the
call edges Go's PGO reads and the floor (those edges as 'go tool preprofile' prints them,
gzipped: about the least any profile with the same PGO decisions can take) with how many times
the floor the file is, the functions with the most flat and cumulative weight, and the PGO
verdict ("PGO-usable: yes/no") with every problem found and its severity (error: go build -pgo
rejects the profile; warning: it accepts it, but the profile is a poor guide).

Options:
  --json       print the summary as JSON (64-bit values beyond 2^53 as strings)
  --top <N>    functions listed by flat and by cumulative weight (default ${DEFAULT_TOP}; 0 for none)

The exit code is 0 for any profile that decodes, usable by PGO or not (read the verdict, or
"pgoUsable" in the JSON); 1 when the file cannot be read or decoded; 2 for wrong usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, COMMAND);
    expectPositionals(positionals, { min: 1, max: 1 }, 'the profile to inspect', COMMAND);
    const top = values.top === undefined ? DEFAULT_TOP : parseIntegerOption(values.top, '--top', 0, COMMAND);
    const file = positionals[0];
    const { profile, size } = await readProfile(file, io.cwd);
    const summary = summarize(profile, { top });
    const edges = edgeFigures(profile, size);
    io.stdout.write(values.json ? `${toJson({ ...summary, pgoEdges: edges })}\n` : formatSummary(file, size, summary, edges));
    return 0;
  },
});

/** The call edges PGO reads and the floor; null when PGO cannot use the profile. */
interface EdgeFigures {
  edges: number;
  /** Bytes of the edge list as preprofile prints it, gzipped as small as it goes. */
  floorBytes: number;
  /** The file's size over the floor. */
  timesFloor: number;
}

function edgeFigures(profile: Profile, size: number): EdgeFigures | null {
  try {
    const list = pgoEdges(profile);
    const floorBytes = edgeListFloor(list);
    return { edges: list.edges.length, floorBytes, timesFloor: size / floorBytes };
  } catch (error) {
    if (error instanceof TransformError) return null;
    throw error;
  }
}

function toJson(summary: ProfileSummary & { pgoEdges: EdgeFigures | null }): string {
  return JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}

function formatSummary(file: string, size: number, s: ProfileSummary, edges: EdgeFigures | null): string {
  const unitOf = (type: string | null): string => type?.slice(type.indexOf('/') + 1) ?? '';
  const totals = alignColumns(Object.entries(s.totals).map(([type, total]) => [type, formatAmount(total, unitOf(type))]));
  const rows: string[][] = [
    ['file', `${file} (${formatBytes(size)})`],
    ['sample types', s.sampleTypes.join(', ') || 'none'],
    ['samples', formatCount(s.samples)],
    ...totals.map((line, i) => [i === 0 ? 'totals' : '', line]),
    ['duration', s.durationNanos === 0 ? 'unknown' : formatNanos(s.durationNanos)],
    ['time', s.time ?? 'unknown'],
    ['period', s.periodType === null ? 'none' : `${formatAmount(s.period, unitOf(s.periodType))} (${s.periodType})`],
    ['functions', formatCount(s.functions)],
    ['locations', formatCount(s.locations)],
    ['mappings', formatCount(s.mappings)],
    [
      'start_line',
      `${formatPercent(s.startLineCoverage.functions)} of functions, ${formatPercent(s.startLineCoverage.weight)} of PGO weight`,
    ],
    ['call edges', edges === null ? 'none PGO can read' : `${formatCount(edges.edges)} (what go build -pgo reads)`],
    ...(edges === null
      ? []
      : [['floor', `${formatBytes(edges.floorBytes)} (the edge list gzipped); this file is ${formatTimes(edges.timesFloor)} the floor`]]),
  ];
  const lines = alignColumns(rows);
  const rankedBy = s.pgoSampleType ?? 'the default sample type';
  const rankedUnit = unitOf(s.pgoSampleType);
  lines.push(...topList(`top ${s.topFlat.length} by flat ${rankedBy}`, s.topFlat, rankedUnit));
  lines.push(...topList(`top ${s.topCum.length} by cumulative ${rankedBy}`, s.topCum, rankedUnit));
  lines.push('', `PGO-usable: ${s.pgoUsable ? 'yes' : 'no'}`);
  lines.push(...alignColumns(s.problems.map((p) => [`  ${p.severity}`, p.code, p.message])));
  return `${lines.join('\n')}\n`;
}

function topList(title: string, weights: FunctionWeight[], unit: string): string[] {
  if (weights.length === 0) return [];
  const rows = weights.map((w) => [`  ${formatPercent(w.share)}`, formatAmount(w.value, unit), w.name]);
  return ['', `${title}:`, ...alignColumns(rows, ['right', 'right', 'left'])];
}

/** A value in `unit`: durations read as time, everything else as a count with its unit. */
function formatAmount(value: number, unit: string): string {
  return unit === 'nanoseconds' ? formatNanos(value) : `${formatCount(Math.round(value))}${unit && unit !== 'count' ? ` ${unit}` : ''}`;
}

/** `3.4×`, with one decimal below 10. */
function formatTimes(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}×`;
}
