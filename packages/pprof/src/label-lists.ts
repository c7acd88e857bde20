import type { Label } from './model';
import { SequenceTable } from './sequence-table';

// Shared, frozen label lists. Most samples have no labels, and those that have some repeat a few
// lists (pprof.Do labels, a fleet's `instance`): one array per distinct list instead of one per
// sample takes an allocation off every sample, and lets merge recognize a list by identity.
// Frozen, so that an in-place edit throws instead of changing every sample that shares it.

/** The label list of every sample without labels. */
export const NO_LABELS: Label[] = Object.freeze([] as Label[]) as Label[];

/** A label that can be shared: frozen. */
export function sharedLabel(key: string, str: string, num: Label['num'], numUnit: string): Label {
  return Object.freeze({ key, str, num, numUnit });
}

/** Label lists by the ids of their labels (ids the caller gives its distinct labels). */
export class LabelLists {
  private readonly table = new SequenceTable();
  private readonly lists: Label[][] = [];

  /**
   * Index of the list of `labels[0..count)`, whose ids are `ids[0..count)`; `>= 0` when it was
   * there already, `~index` when added now. `count` must be > 0. `adopt`, a frozen list with
   * those very labels, is stored instead of a copy.
   */
  findOrAdd(ids: ArrayLike<number>, labels: readonly Label[], count: number, adopt?: Label[]): number {
    const found = this.table.findOrAdd(ids, count);
    if (found < 0) this.lists.push(adopt ?? (Object.freeze(labels.slice(0, count)) as Label[]));
    return found;
  }

  /** The shared list `index`. */
  list(index: number): Label[] {
    return this.lists[index]!;
  }
}
