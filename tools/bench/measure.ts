// Shared benchmark plumbing: run a command under tools/bench/measure (wall time and peak RSS
// of the whole process tree), and small statistics for reporting.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measurement {
  wallSeconds: number;
  maxRssBytes: number;
}

let measureBinary: string | undefined;

function measureTool(): string {
  if (!measureBinary) {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'go-pgo-bench-')), 'measure');
    execFileSync('go', ['build', '-o', out, '.'], { cwd: path.resolve(__dirname, '../../measure'), stdio: 'inherit' });
    measureBinary = out;
  }
  return measureBinary;
}

/** Runs `command args…` once and returns its wall time and peak RSS; throws if it fails. */
export function measure(command: string, args: string[]): Measurement {
  const stdout = execFileSync(measureTool(), ['--', command, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as Measurement & { exitCode: number };
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.exitCode}`);
  return result;
}

/** The sample standard deviation. */
export function stdev(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
export const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
export const ratio = (value: number, reference: number): string => `${(value / reference).toFixed(2)}×`;
