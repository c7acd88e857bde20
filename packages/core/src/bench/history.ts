// `.pgo/history/<project>.jsonl`: one JSON line per pgo-bench run, oldest first, committed with
// the code so the report can chart the trend and the gates can compare with the last accepted
// run. pgo-loadtest and pgo-canary append their rows to the same file, marked `kind: loadtest`
// or `kind: canary` (loadtest/service-history-row.ts); a row without a kind is pgo-bench's. Each
// reader gets its own kind's rows; appending keeps every line, whatever its kind.
//
// Reading tolerates a torn last line (a write cut short: invalid JSON with no newline after
// it), which is left out and reported; any other line that is not a history row is an error
// naming file:line, since silently skipping it would change which run the gates compare with.
// Appending rewrites the whole file atomically (it is small), so our own writes never tear;
// a torn last line found on append is dropped then, as nothing of it can be recovered.
// Confidence bounds that are infinite (too few rounds) are stored as null, as JSON has no
// Infinity, and read back as ±Infinity.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../fs/atomic-write';
import { BenchError } from './bench-error';
import { orderedServiceRow, SERVICE_ROW_KINDS, serviceRowProblems, type ServiceHistoryRow } from '../loadtest/service-history-row';
import type { HistoryRow } from './bench-types';

export interface HistoryRead {
  /** pgo-bench's rows. */
  rows: HistoryRow[];
  /** pgo-loadtest's and pgo-canary's rows. */
  service: ServiceHistoryRow[];
  /** A torn last line was found and left out. */
  tornLastLine: boolean;
}

type HistoryEntry = HistoryRow | ServiceHistoryRow;

function isServiceRow(entry: HistoryEntry): entry is ServiceHistoryRow {
  return 'kind' in entry;
}

/** The history file of a project: `<workspaceRoot>/.pgo/history/<project>.jsonl`. */
export function historyFile(workspaceRoot: string, project: string): string {
  return path.join(workspaceRoot, '.pgo', 'history', `${project.replace(/[^\w.-]+/g, '_')}.jsonl`);
}

/** Reads `file`; a missing file is an empty history. `shown` names it in messages. */
export async function readHistory(file: string, shown: string = file): Promise<HistoryRead> {
  const { entries, tornLastLine } = await readEntries(file, shown);
  return { rows: entries.filter((e): e is HistoryRow => !isServiceRow(e)), service: entries.filter(isServiceRow), tornLastLine };
}

async function readEntries(file: string, shown: string): Promise<{ entries: HistoryEntry[]; tornLastLine: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornLastLine: false };
    throw new BenchError('corrupt-history', `${shown}: cannot read the history (${(error as NodeJS.ErrnoException).code ?? String(error)}): make it a readable file`, { cause: error });
  }
  const lines = text.split('\n');
  // A file ending in a newline splits into a final empty string: not a line.
  const complete = text.endsWith('\n') || text === '';
  if (complete) lines.pop();
  const entries: HistoryEntry[] = [];
  let tornLastLine = false;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const isLast = index === lines.length - 1;
    const row = parseRow(line);
    if (typeof row === 'string') {
      if (isLast && !complete && row === NOT_JSON) {
        tornLastLine = true;
        continue;
      }
      throw new BenchError(
        'corrupt-history',
        `${shown}:${index + 1}: ${row}: fix or delete that line (each line is one pgo-bench, pgo-loadtest or pgo-canary run; git log shows what it was)`,
      );
    }
    entries.push(row);
  }
  return { entries, tornLastLine };
}

/** Appends `row` to `file` (creating it and its directory); says whether a torn last line was dropped. */
export async function appendHistory(file: string, row: HistoryEntry, shown: string = file): Promise<{ droppedTornLine: boolean }> {
  const { entries, tornLastLine } = await readEntries(file, shown);
  await mkdir(path.dirname(file), { recursive: true });
  await atomicWrite(file, [...entries, row].map((r) => `${serializeRow(r)}\n`).join(''));
  return { droppedTornLine: tornLastLine };
}

/** The last run whose gates all passed. */
export function lastAccepted(rows: readonly HistoryRow[]): HistoryRow | undefined {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.accepted) return rows[i];
  return undefined;
}

function serializeRow(row: HistoryEntry): string {
  if (isServiceRow(row)) return JSON.stringify(orderedServiceRow(row));
  // Fixed key order, so lines diff well in review.
  const ordered: HistoryRow = {
    ...(row.commit === undefined ? {} : { commit: row.commit }),
    profileSha256: row.profileSha256,
    date: row.date,
    goVersion: row.goVersion,
    geomeanDeltaPercent: row.geomeanDeltaPercent,
    geomeanCi: { lo: row.geomeanCi.lo, hi: row.geomeanCi.hi },
    binaryBytes: { off: row.binaryBytes.off, pgo: row.binaryBytes.pgo },
    buildSeconds: { off: row.buildSeconds.off, pgo: row.buildSeconds.pgo },
    accepted: row.accepted,
  };
  return JSON.stringify(ordered);
}

const NOT_JSON = 'not valid JSON';

/** A row, or what is wrong with the line. */
function parseRow(line: string): HistoryEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return NOT_JSON;
  }
  if (!isRecord(value)) return 'not a JSON object';
  if (value.kind !== undefined) return parseServiceRow(value);
  const problems = [
    value.commit === undefined || typeof value.commit === 'string' ? undefined : 'commit',
    typeof value.profileSha256 === 'string' ? undefined : 'profileSha256',
    typeof value.date === 'string' ? undefined : 'date',
    typeof value.goVersion === 'string' ? undefined : 'goVersion',
    typeof value.geomeanDeltaPercent === 'number' ? undefined : 'geomeanDeltaPercent',
    pairOf(value.geomeanCi, 'lo', 'hi', true) ? undefined : 'geomeanCi',
    pairOf(value.binaryBytes, 'off', 'pgo', false) ? undefined : 'binaryBytes',
    pairOf(value.buildSeconds, 'off', 'pgo', false) ? undefined : 'buildSeconds',
    typeof value.accepted === 'boolean' ? undefined : 'accepted',
  ].filter((p) => p !== undefined);
  if (problems.length > 0) return `not a history row (${problems.join(', ')} missing or of the wrong type)`;
  const row = value as unknown as HistoryRow;
  const ci = value.geomeanCi as { lo: number | null; hi: number | null };
  return { ...row, geomeanCi: { lo: ci.lo ?? -Infinity, hi: ci.hi ?? Infinity } };
}

function parseServiceRow(value: Record<string, unknown>): ServiceHistoryRow | string {
  if (!SERVICE_ROW_KINDS.includes(value.kind as ServiceHistoryRow['kind'])) {
    return `kind ${JSON.stringify(value.kind)} is not one of ${SERVICE_ROW_KINDS.join(', ')} (a row without a kind is pgo-bench's)`;
  }
  const problems = serviceRowProblems(value);
  if (problems.length > 0) return `not a ${String(value.kind)} row (${problems.join(', ')} missing or of the wrong type)`;
  const row = value as unknown as ServiceHistoryRow;
  const ci = value.geomeanCi as { lo: number | null; hi: number | null };
  return { ...row, geomeanCi: { lo: ci.lo ?? -Infinity, hi: ci.hi ?? Infinity } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pairOf(value: unknown, a: string, b: string, nullable: boolean): boolean {
  const ok = (v: unknown): boolean => typeof v === 'number' || (nullable && v === null);
  return isRecord(value) && ok(value[a]) && ok(value[b]);
}
