// Number and table formatting for human-readable command output. Fixed to en-US style so the
// output is the same on every machine (CI logs, tests).
import { toNumber, type Int64 } from '@go-pgo/pprof';

/** 1234567 → "1,234,567"; exact for bigint. */
export function formatCount(value: Int64): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1 → "1 profile", 3 → "3 profiles". */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB'];

/** 261857 → "255.7 KiB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** 0.1234 → "12.3%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Nanoseconds as "30.01 s", "250 ms", "1h 2m 3.0s". */
export function formatNanos(nanos: Int64): string {
  const ns = toNumber(nanos);
  if (ns < 1e3) return `${ns} ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)} µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)} ms`;
  const seconds = ns / 1e9;
  if (seconds < 60) return `${trim(seconds)} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = (seconds % 60).toFixed(1);
  return h > 0 ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`;
}

/** Three significant digits at most, without trailing zeros. */
function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/**
 * Pads cells so columns line up. `align[i]` is 'right' for numeric columns; the last column is
 * never padded (no trailing spaces).
 */
export function alignColumns(rows: string[][], align: ('left' | 'right')[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = widths[i] - [...cell].length;
        if (align[i] === 'right') return ' '.repeat(pad) + cell;
        return i === row.length - 1 ? cell : cell + ' '.repeat(pad);
      })
      .join('  '),
  );
}
