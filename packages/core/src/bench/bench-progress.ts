// pgo-bench's progress on stderr: packages, builds, `round i of n, about … left`; a terminal
// gets the round counter rewritten in place, a log (CI) one line per event.
import type { TextSink } from '../text/text-sink';
import { formatBytes, formatNanos } from '../text/format';
import type { BenchProgress } from './run-bench';

/** Progress lines on stderr; a terminal gets the round counter rewritten in place. */
export function benchProgressPrinter(stderr: TextSink, workspaceRoot: string): { event: (e: BenchProgress) => void; done: (line?: string) => void } {
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
  const event = (e: BenchProgress): void => {
    switch (e.kind) {
      case 'packages':
        line(`benchmarking ${e.packages.join(', ')}`, false);
        break;
      case 'build':
        line(`compiling the ${e.side} test binaries (${e.mode === 'cold' ? 'fresh GOCACHE' : 'warm GOCACHE'})…`, true);
        break;
      case 'built':
        line(`compiled ${e.side}: ${e.cost.buildSeconds.toFixed(1)} s, ${formatBytes(e.cost.binaryBytes)}`, false);
        break;
      case 'round':
        line(`round ${e.round} of ${e.rounds}${e.etaSeconds === undefined ? '' : `, about ${formatNanos(Math.round(e.etaSeconds) * 1e9)} left`}`, true);
        break;
      case 'run':
        break;
      case 'note':
        line(e.message.replace(`${workspaceRoot}/`, ''), false);
        break;
    }
  };
  const done = (text?: string): void => {
    if (text !== undefined) line(text, false);
    else if (open) stderr.write('\r\x1b[2K');
    open = false;
  };
  return { event, done };
}
