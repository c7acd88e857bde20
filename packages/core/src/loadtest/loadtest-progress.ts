// pgo-loadtest's progress on stderr: the two builds, the servers and the load, then
// `round i of n, about … left`; a terminal gets the round counter rewritten in place.
import type { TextSink } from '../text/text-sink';
import { progressLines, roundText, type ProgressLines } from '../text/progress-lines';
import type { LoadtestProgress } from './run-loadtest';

export function loadtestProgressPrinter(stderr: TextSink): { event: (e: LoadtestProgress) => void; done: ProgressLines['done'] } {
  const { line, done } = progressLines(stderr);
  const event = (e: LoadtestProgress): void => {
    switch (e.kind) {
      case 'build':
        line(`building the ${e.side === 'off' ? '-pgo=off' : 'PGO'} binary…`, true);
        break;
      case 'built':
        line(`built ${e.side}: ${e.seconds.toFixed(1)} s`, false);
        break;
      case 'servers':
        line(`servers: off ${e.urls.off}, pgo ${e.urls.pgo}; load: ${e.load}`, false);
        break;
      case 'warmup':
        line(`warming up: ${e.requests} requests each…`, true);
        break;
      case 'round':
        line(roundText(e.round, e.rounds, e.etaSeconds), true);
        break;
      case 'note':
        line(e.message, false);
        break;
    }
  };
  return { event, done };
}
