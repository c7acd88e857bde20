// The query window of a remote source: pgo.yaml's `from`/`until`, each `now`, `now-<n>(s|m|h|d)`
// or an RFC 3339 time, resolved against the run's clock (SourceContext.now) so that tests and
// re-runs see the same window.
import { RemoteSourceError } from './remote-source-error';

export interface TimeWindow {
  start: Date;
  end: Date;
}

const RELATIVE = /^now(?:-(\d+)([smhd]))?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The time `text` names, undefined when it is not one of the accepted forms. */
export function parseTime(text: string, now: Date): Date | undefined {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, amount, unit] = relative;
    return new Date(now.getTime() - (amount ? Number(amount) * UNIT_MS[unit!]! : 0));
  }
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(match[8] ?? 0), Number(match[9] ?? 0)];
  // Date.parse rolls 2024-02-31 over into March; a typo in a window must not move it silently.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
  const ms = Date.parse(text.toUpperCase());
  return valid && Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** Resolves `from`..`until`; `label` (e.g. `pyroscope https://…`) starts every error message. */
export function resolveWindow(label: string, from: string, until: string, now: Date): TimeWindow {
  const start = parseTime(from, now);
  if (!start) throw notATime(label, 'from', from);
  const end = parseTime(until, now);
  if (!end) throw notATime(label, 'until', until);
  if (start.getTime() >= end.getTime()) {
    throw new RemoteSourceError(
      `${label}: the window from '${from}' (${start.toISOString()}) to '${until}' (${end.toISOString()}) is empty: from must be before until`,
    );
  }
  return { start, end };
}

function notATime(label: string, key: string, value: string): RemoteSourceError {
  return new RemoteSourceError(
    `${label}: ${key} '${value}' is not a time: write now, now-<n>s/m/h/d (e.g. now-1h) or an RFC 3339 time such as 2024-05-01T12:00:00Z`,
  );
}

/** `2024-05-01T11:00:00.000Z..2024-05-01T12:00:00.000Z`, for notes and logs. */
export function showWindow(window: TimeWindow): string {
  return `${window.start.toISOString()}..${window.end.toISOString()}`;
}
