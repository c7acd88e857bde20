// pgo-bench's progress on stderr: packages, builds, `round i of n, about … left`; a terminal
// gets the round counter rewritten in place, a log (CI) one line per event.
import type { TextSink } from '../text/text-sink';
import { formatBytes } from '../text/format';
import { progressLines, roundText } from '../text/progress-lines';
import type { BenchProgress } from './run-bench';

/** Progress lines on stderr; a terminal gets the round counter rewritten in place. */
export function benchProgressPrinter(stderr: TextSink, workspaceRoot: string): { event: (e: BenchProgress) => void; done: (line?: string) => void } {
  const { line, done } = progressLines(stderr);
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
        line(roundText(e.round, e.rounds, e.etaSeconds), true);
        break;
      case 'run':
        break;
      case 'note':
        line(e.message.replace(`${workspaceRoot}/`, ''), false);
        break;
    }
  };
  return { event, done };
}
