import type { Location, PprofFunction, Profile } from './model';
import { TransformError } from './transform-error';

// Renaming functions after code moved, so an old profile keeps steering PGO. A rule whose `from`
// ends in '.' or '/' is a package prefix: it moves every symbol of the package (or of the
// packages below the path), wherever the package path starts a symbol — the function itself
// (`pkg.F`, `pkg.(*T).M`, `pkg.T.M`, `pkg.F.func1`, `pkg.F[...]`) and the type arguments of
// generic instantiations (`other.F[example.com/old/pkg.T]`). Other rules rename one function by
// its exact name. Names and system names are rewritten; functions that become identical are
// merged into the first of them (ids of the others disappear; the remaining ids do not change).

export interface RenameRule {
  from: string;
  to: string;
}

export function rename(profile: Profile, rules: RenameRule[] | Record<string, string>): Profile {
  const renamer = new Renamer(checkRules(rules));
  let changed = false;
  const renamed = profile.function.map((f) => {
    const name = renamer.rename(f.name);
    const systemName = renamer.rename(f.systemName);
    if (name === f.name && systemName === f.systemName) return f;
    changed = true;
    return { ...f, name, systemName };
  });
  if (!changed) return { ...profile };
  return { ...profile, ...withoutDuplicates(renamed, profile.location) };
}

function checkRules(rules: RenameRule[] | Record<string, string>): RenameRule[] {
  if (rules === null || typeof rules !== 'object') {
    throw new TransformError('invalid-option', `rename rules must be a list of { from, to } or an object of from: to, got ${String(rules)}`, 'rules');
  }
  const list: RenameRule[] = Array.isArray(rules) ? rules : Object.entries(rules).map(([from, to]) => ({ from, to }));
  const seen = new Map<string, string>();
  list.forEach((rule, i) => {
    for (const field of ['from', 'to'] as const) {
      const value: unknown = rule?.[field];
      if (typeof value !== 'string' || value === '') {
        throw new TransformError(
          'invalid-option',
          `rename rule ${i} has ${field} ${JSON.stringify(value) ?? String(value)}: both from and to must be non-empty strings`,
          `rules[${i}].${field}`,
        );
      }
    }
    const other = seen.get(rule.from);
    if (other !== undefined && other !== rule.to) {
      throw new TransformError('invalid-option', `rename rules rename '${rule.from}' both to '${other}' and to '${rule.to}': keep one`, `rules[${i}].from`);
    }
    seen.set(rule.from, rule.to);
  });
  return list;
}

/** Characters after which a package path can start inside a symbol: its start, and type syntax. */
const BOUNDARY = new Set(['[', ']', '(', ')', '{', '}', ',', ' ', '*', ';']);

class Renamer {
  private readonly exact = new Map<string, string>();
  /** Longest first, so the most specific prefix wins. */
  private readonly prefixes: RenameRule[];

  constructor(rules: RenameRule[]) {
    const prefixes: RenameRule[] = [];
    for (const rule of rules) {
      if (rule.from.endsWith('.') || rule.from.endsWith('/')) prefixes.push(rule);
      else this.exact.set(rule.from, rule.to);
    }
    this.prefixes = prefixes.sort((a, b) => b.from.length - a.from.length);
  }

  rename(name: string): string {
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    if (this.prefixes.length === 0 || name === '') return name;
    let out = '';
    let copied = 0;
    for (let i = 0; i < name.length; i++) {
      if (i > 0 && !BOUNDARY.has(name[i - 1]!)) continue;
      const rule = this.prefixAt(name, i);
      if (rule === undefined) continue;
      out += name.slice(copied, i) + rule.to;
      copied = i + rule.from.length;
      i = copied - 1;
    }
    return copied === 0 ? name : out + name.slice(copied);
  }

  private prefixAt(name: string, at: number): RenameRule | undefined {
    for (const rule of this.prefixes) if (name.startsWith(rule.from, at)) return rule;
    return undefined;
  }
}

/** Functions with one entry per distinct {name, system name, file name, start line}, and locations pointing at them. */
function withoutDuplicates(functions: PprofFunction[], locations: Location[]): { function: PprofFunction[]; location: Location[] } {
  const firstId = new Map<string, number>();
  const replacedBy = new Map<number, number>();
  const kept: PprofFunction[] = [];
  for (const f of functions) {
    const key = `${f.startLine}\u0000${f.name}\u0000${f.systemName}\u0000${f.filename}`;
    const first = firstId.get(key);
    if (first === undefined) {
      firstId.set(key, f.id);
      kept.push(f);
    } else {
      replacedBy.set(f.id, first);
    }
  }
  if (replacedBy.size === 0) return { function: kept, location: locations };
  const location = locations.map((l) =>
    l.line.some((line) => replacedBy.has(line.functionId))
      ? { ...l, line: l.line.map((line) => ({ ...line, functionId: replacedBy.get(line.functionId) ?? line.functionId })) }
      : l,
  );
  return { function: kept, location };
}
