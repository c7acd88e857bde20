// What an executor's options override of a binary's settings: the options among `keys` that
// the target or the command line sets, and no key for the others, so pgo.yaml's value stands.
export function setOptions<T extends object, K extends keyof T>(options: T, keys: readonly K[]): { [P in K]?: Exclude<T[P], undefined> } {
  const set: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const key of keys) {
    if (options[key] !== undefined) set[key] = options[key] as Exclude<T[K], undefined>;
  }
  return set;
}
