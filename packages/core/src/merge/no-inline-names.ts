// merge.noInline entries are function names or globs; pprof's noInline takes exact names, so
// globs are expanded against the functions of the merged profile.
import type { Profile } from '@go-pgo/pprof';
import { globMatcher, isGlob } from './glob';

export interface NoInlineNames {
  /** Exact function names of the profile to rename, sorted. */
  names: string[];
  /** Entries that matched no function of the profile. */
  unmatched: string[];
}

export function noInlineNames(profile: Profile, entries: string[]): NoInlineNames {
  const functions = new Set(profile.function.map((f) => f.name));
  const names = new Set<string>();
  const unmatched: string[] = [];
  for (const entry of entries) {
    const found = isGlob(entry) ? [...functions].filter(globMatcher(entry)) : functions.has(entry) ? [entry] : [];
    if (found.length === 0) unmatched.push(entry);
    found.forEach((name) => names.add(name));
  }
  return { names: [...names].sort(), unmatched };
}
