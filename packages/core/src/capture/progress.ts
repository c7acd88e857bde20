// The capture's progress line: `capture api: 3 instances · 2 profiling, 1 done · 12 s left`.
// On a terminal it is rewritten in place every second; in a log (CI) a plain line is printed
// when the states change, at most every few seconds, so logs stay short.
import type { TextSink } from '../text/text-sink';

export interface ProgressOutput {
  stream: TextSink;
  /** Rewrite one line in place (\r) instead of printing lines. */
  tty: boolean;
}

/** A log gets a line at most this often (the final line always). */
const LOG_INTERVAL_MS = 5000;
const TTY_INTERVAL_MS = 1000;
const TERMINAL = new Set(['done', 'failed']);
/** Up to this many instances, the line names each one's state. */
const EACH_INSTANCE_UP_TO = 4;

export class CaptureProgress {
  private readonly states = new Map<string, string>();
  /** When each live instance's profile will be ready, ms since the epoch. */
  private readonly ends = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | undefined;
  private lastLine = '';
  private lastPrinted = 0;

  constructor(
    private readonly label: string,
    private readonly output: ProgressOutput | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (output) {
      this.timer = setInterval(() => this.print(false), output.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** `seconds` is given when the instance starts a live profile of that length. */
  set(instance: string, state: string, seconds?: number): void {
    this.states.set(instance, state);
    if (seconds !== undefined) this.ends.set(instance, this.now() + seconds * 1000);
    else if (state !== 'profiling') this.ends.delete(instance);
    this.print(false);
  }

  /** Prints the final state and stops the timer. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.print(true);
    if (this.output?.tty && this.lastLine !== '') this.output.stream.write('\n');
  }

  /** The current line, without terminal control characters. */
  line(): string {
    const counts = new Map<string, number>();
    for (const state of this.states.values()) {
      const word = state.split(' ')[0]!;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    // Running states first, then the finished ones, so the line reads as progress.
    const words = [...counts.keys()].sort((a, b) => Number(TERMINAL.has(a)) - Number(TERMINAL.has(b)));
    const parts = [`capture ${this.label}: ${this.states.size} instance${this.states.size === 1 ? '' : 's'}`];
    if (words.length > 0) parts.push(words.map((word) => `${counts.get(word)} ${word}`).join(', '));
    // A small fleet fits on the line instance by instance; a large one only as the counts.
    if (this.states.size <= EACH_INSTANCE_UP_TO) {
      parts.push([...this.states].map(([instance, state]) => `${shortName(instance)} ${state}`).join(', '));
    }
    const left = this.secondsLeft();
    if (left !== undefined) parts.push(`${left} s left`);
    return parts.join(' · ');
  }

  private secondsLeft(): number | undefined {
    if (this.ends.size === 0) return undefined;
    return Math.max(0, Math.ceil((Math.max(...this.ends.values()) - this.now()) / 1000));
  }

  private print(final: boolean): void {
    if (!this.output) return;
    const line = this.line();
    if (line === this.lastLine) return;
    if (this.output.tty) {
      this.output.stream.write(`\r${line}\x1b[K`);
    } else {
      // A log gets the first line at once, then a line per interval only when the states
      // changed (not for every tick of the countdown), and the final line.
      const first = this.lastLine === '';
      const changed = withoutCountdown(line) !== withoutCountdown(this.lastLine);
      if (!final && !first && !(changed && this.now() - this.lastPrinted >= LOG_INTERVAL_MS)) return;
      this.output.stream.write(`${line}\n`);
    }
    this.lastLine = line;
    this.lastPrinted = this.now();
  }
}

/** `local http://127.0.0.1:6060` → `local 127.0.0.1:6060`: the scheme says nothing on a progress line. */
function shortName(instance: string): string {
  return instance.replace(/\b[a-z]+:\/\//gi, '');
}

function withoutCountdown(line: string): string {
  return line.replace(/ · \d+ s left$/, '');
}
