// Progress on stderr for long runs (pgo-bench, pgo-loadtest): on a terminal, transient lines (a
// round counter) are rewritten in place; in a log (CI) every line stays, one per event.
import type { TextSink } from './text-sink';
import { formatNanos } from './format';

export interface ProgressLines {
  /** Prints `text`; `transient` lines are replaced by the next one on a terminal. */
  line(text: string, transient: boolean): void;
  /** Ends the progress: prints `text` if given, else clears a transient line. */
  done(text?: string): void;
}

export function progressLines(stderr: TextSink): ProgressLines {
  const tty = (stderr as { isTTY?: boolean }).isTTY === true;
  let open = false;
  const line = (text: string, transient: boolean): void => {
    if (tty && transient) {
      stderr.write(`\r\x1b[2K${text}`);
      open = true;
      return;
    }
    stderr.write(`${open ? '\r\x1b[2K' : ''}${text}\n`);
    open = false;
  };
  const done = (text?: string): void => {
    if (text !== undefined) line(text, false);
    else if (open) stderr.write('\r\x1b[2K');
    open = false;
  };
  return { line, done };
}

/** `round 3 of 10, about 42 s left`: the ETA is absent before the first round has run. */
export function roundText(round: number, rounds: number, etaSeconds: number | undefined): string {
  return `round ${round} of ${rounds}${etaSeconds === undefined ? '' : `, about ${formatNanos(Math.round(etaSeconds) * 1e9)} left`}`;
}
