// The gain pgo-roi works with: the latest accepted pgo-bench run of the project (its geomean
// delta and 95% interval, as .pgo/history/<project>.jsonl records them), or a figure the user
// gives. History records time with PGO relative to -pgo=off (−6.2% = 6.2% less CPU), so the
// gain is the negated delta, and the interval's ends swap.
import { historyFile, lastAccepted, readHistory } from '../bench/history';
import { workspaceRelative } from '../config/workspace-path';
import { RoiError } from './roi-error';

export interface MeasuredGain {
  /** Share of CPU saved, in percent (positive: PGO is faster). */
  percent: number;
  /** 95% interval of `percent`; ±Infinity when the run had too few rounds for one; absent for a given figure. */
  ci?: { lo: number; hi: number };
  /** Where it comes from: `history` (with the run's date, commit and file) or `option` (--gain). */
  source: 'history' | 'option';
  date?: string;
  commit?: string;
  /** Workspace-relative history file. */
  file?: string;
}

/** The latest accepted run of `project` in its history; a RoiError saying what to run when there is none. */
export async function gainFromHistory(workspaceRoot: string, project: string): Promise<MeasuredGain> {
  const file = historyFile(workspaceRoot, project);
  const shown = workspaceRelative(workspaceRoot, file);
  const { rows } = await readHistory(file, shown);
  const row = lastAccepted(rows);
  if (row === undefined) {
    const why = rows.length === 0 ? `${shown} holds no pgo-bench run of ${project}` : `none of the ${rows.length} pgo-bench runs in ${shown} passed its gates`;
    throw new RoiError('no-gain', `${why}: run nx run ${project}:pgo-bench (or go-pgo bench <binary-dir>) to measure the gain, or pass --gain <percent>`);
  }
  return {
    percent: -row.geomeanDeltaPercent,
    ci: { lo: -row.geomeanCi.hi, hi: -row.geomeanCi.lo },
    source: 'history',
    date: row.date,
    ...(row.commit !== undefined && { commit: row.commit }),
    file: shown,
  };
}

/** A gain the user states (--gain 6.2), with no interval. */
export function givenGain(percent: number): MeasuredGain {
  if (!Number.isFinite(percent) || percent <= -100 || percent >= 100) {
    throw new RoiError('bad-number', `--gain ${percent}: give the share of CPU PGO saves, in percent, between -100 and 100 (e.g. 6.2)`);
  }
  return { percent, source: 'option' };
}
