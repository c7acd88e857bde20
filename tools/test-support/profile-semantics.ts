// A canonical, id-free view of a profile, for comparing two profiles that should mean the same
// (ours against `go tool pprof`'s, before against after a transform): totals per sample type,
// the multiset of stacks with their values and labels, and the set of functions. Ids, table
// order, sample order and label order do not show; everything a merge must keep does.
import { addInt64 } from '../../packages/pprof/src/int64';
import type { Int64, Label, Location, Profile } from '../../packages/pprof/src/model';

export interface ProfileSemantics {
  /** `type/unit` → sum of that type's values over all samples. */
  totals: Record<string, Int64>;
  /**
   * One entry per sample, sorted; identical entries stay separate (a multiset). An entry is
   * `frames {labels} = values`: frames leaf first, `name@line` per line with inlined lines
   * expanded innermost first (`0x<address>` for a location without lines), joined by ` < `;
   * labels sorted, `key=value` or `key=#number unit`; values in sample type order.
   * Strings, so that comparing two views of 100 000 samples takes milliseconds.
   */
  stacks: string[];
  /** Sorted, unique `name|startLine`. */
  functions: string[];
}

export function profileSemantics(profile: Profile): ProfileSemantics {
  const names = new Map<number, string>();
  for (const f of profile.function) names.set(f.id, f.name);
  const frames = new Map<number, string>();
  for (const l of profile.location) frames.set(l.id, locationFrames(l, names));

  const typeNames = profile.sampleType.map((t) => `${t.type}/${t.unit}`);
  const totals: Record<string, Int64> = {};
  for (const name of typeNames) totals[name] = 0;
  const stacks: string[] = [];
  for (const s of profile.sample) {
    s.value.forEach((v, i) => (totals[typeNames[i]!] = addInt64(totals[typeNames[i]!]!, v)));
    const labels = s.label.filter((l) => !isVoidLabel(l)).map(showLabel).sort();
    const stack = s.locationId.map((id) => frames.get(id) ?? `missing-location-${id}`).join(' < ');
    stacks.push(`${stack}${labels.length > 0 ? ` {${labels.join(', ')}}` : ''} = ${s.value.map(String).join(' ')}`);
  }
  const functions = [...new Set(profile.function.map((f) => `${f.name}|${f.startLine}`))].sort();
  return { totals, stacks: stacks.sort(), functions };
}

function locationFrames(l: Location, names: Map<number, string>): string {
  if (l.line.length === 0) return `0x${l.address.toString(16)}`;
  return l.line
    .map((line) => `${line.functionId === 0 ? '?' : (names.get(line.functionId) ?? `missing-function-${line.functionId}`)}@${line.line}`)
    .join(' < ');
}

/** pprof's decoder drops a label with no string, no number and no unit. */
function isVoidLabel(l: Label): boolean {
  return l.str === '' && (l.num === 0 || l.num === BigInt(0)) && l.numUnit === '';
}

function showLabel(l: Label): string {
  return l.str !== '' ? `${l.key}=${l.str}` : `${l.key}=#${String(l.num)}${l.numUnit === '' ? '' : ` ${l.numUnit}`}`;
}

export interface Difference {
  /** In the expected view, not (or fewer times) in the actual one; the first few. */
  missing: string[];
  /** In the actual view, not (or fewer times) in the expected one; the first few. */
  extra: string[];
}

export interface SemanticDifference {
  totals: Difference;
  stacks: Difference;
  functions: Difference;
}

/** Nothing differs: what compareSemantics returns for two views that mean the same. */
export const NO_DIFFERENCE: SemanticDifference = {
  totals: { missing: [], extra: [] },
  stacks: { missing: [], extra: [] },
  functions: { missing: [], extra: [] },
};

/**
 * What differs between two views, as short lists a failing test can print (a deep equality
 * diff of 100 000 stacks would take minutes).
 */
export function compareSemantics(actual: ProfileSemantics, expected: ProfileSemantics, limit = 10): SemanticDifference {
  const totals = (s: ProfileSemantics): string[] => Object.entries(s.totals).map(([type, total]) => `${type} ${String(total)}`).sort();
  return {
    totals: multisetDifference(totals(actual), totals(expected), limit),
    stacks: multisetDifference(actual.stacks, expected.stacks, limit),
    functions: multisetDifference(actual.functions, expected.functions, limit),
  };
}

/** Difference of two sorted string multisets. */
export function multisetDifference(actual: readonly string[], expected: readonly string[], limit = 10): Difference {
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while ((i < actual.length || j < expected.length) && (missing.length < limit || extra.length < limit)) {
    if (j >= expected.length || (i < actual.length && actual[i]! < expected[j]!)) {
      if (extra.length < limit) extra.push(actual[i]!);
      i++;
    } else if (i >= actual.length || expected[j]! < actual[i]!) {
      if (missing.length < limit) missing.push(expected[j]!);
      j++;
    } else {
      i++;
      j++;
    }
  }
  return { missing, extra };
}
