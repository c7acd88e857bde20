import { ProfileFormatError } from './errors';

// Position of an entity in its table from its id. Go writes ids 1..n, so a typed array serves
// the usual case; sparse ids (other producers) fall back to a Map.

export class IdIndex {
  private readonly dense: Int32Array | undefined;
  private readonly sparse: Map<number, number> | undefined;

  /** `table` names the table in errors, e.g. `location` or `profiles[2].function`. */
  constructor(entities: ReadonlyArray<{ id: number }>, table: string) {
    let maxId = 0;
    for (let i = 0; i < entities.length; i++) if (entities[i]!.id > maxId) maxId = entities[i]!.id;
    if (maxId <= 2 * entities.length + 64) {
      const dense = new Int32Array(maxId + 1).fill(-1);
      for (let i = 0; i < entities.length; i++) {
        const id = entities[i]!.id;
        if (dense[id] !== -1) throw duplicate(table, i, id);
        dense[id] = i;
      }
      this.dense = dense;
    } else {
      const sparse = new Map<number, number>();
      for (let i = 0; i < entities.length; i++) {
        const id = entities[i]!.id;
        if (sparse.has(id)) throw duplicate(table, i, id);
        sparse.set(id, i);
      }
      this.sparse = sparse;
    }
  }

  /** Index of the entity with this id, -1 when there is none. */
  get(id: number): number {
    if (this.dense !== undefined) return id >= 0 && id < this.dense.length ? this.dense[id]! : -1;
    return this.sparse!.get(id) ?? -1;
  }
}

function duplicate(table: string, index: number, id: number): ProfileFormatError {
  return new ProfileFormatError('duplicate-id', `${table}[${index}] repeats id ${id}: every id in a table must be unique; re-export the profile with its producer`, {
    where: `${table}[${index}].id`,
  });
}

/** The error for an id that names no entity, e.g. a sample's location id missing from the location table. */
export function danglingId(where: string, id: number, table: string): ProfileFormatError {
  return new ProfileFormatError('dangling-id', `${where} is ${id}, but no ${table} has that id: the profile is inconsistent; re-export it with its producer`, {
    where,
  });
}
