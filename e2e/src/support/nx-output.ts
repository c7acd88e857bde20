// Reads what `nx run` / `nx run-many` printed about each task: run, or restored from the cache.
// Nx prints one header per task, `> nx run <project>:<target> [--option=value…]` (or `✔  nx run …` in run-many),
// followed by `[local cache]` or `[existing outputs match the cache, left as is]` on a hit.

export type TaskOutcome = 'ran' | 'cache';

const TASK_LINE = /^\s*(?:>|✔|✖)?\s*nx run (\S+?)(?:\s+--\S+)*(?:\s+\[([^\]]+)\])?\s*$/;
const CACHE_MARKERS = ['local cache', 'existing outputs match the cache', 'remote cache'];

/** Outcome of every task the output reports, by task id (`project:target` or `project:target:configuration`). */
export function taskOutcomes(output: string): Map<string, TaskOutcome> {
  const outcomes = new Map<string, TaskOutcome>();
  for (const line of output.split('\n')) {
    const match = TASK_LINE.exec(line);
    if (!match) continue;
    const [, task, marker] = match;
    const cached = marker !== undefined && CACHE_MARKERS.some((m) => marker.startsWith(m));
    outcomes.set(task!, cached ? 'cache' : 'ran');
  }
  return outcomes;
}

/** The outcome of one task, failing with the whole output when Nx did not report it. */
export function taskOutcome(output: string, task: string): TaskOutcome {
  const outcome = taskOutcomes(output).get(task);
  if (!outcome) throw new Error(`Nx did not report task ${task}; output:\n${output}`);
  return outcome;
}
