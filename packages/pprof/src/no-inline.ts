import type { Profile } from './model';
import { TransformError } from './transform-error';

// datadog-pgo's workaround for golang/go#65532 (PGO inlining a function whose frame is large,
// e.g. grpc's loopyWriter.processData, multiplies goroutine stack sizes): the function is renamed
// in the profile to `DO NOT INLINE: <name>`. The compiler matches profile edges to its IR by name,
// so no call edge reaches the function any more and PGO never treats it as hot; the total weight
// (and so every other hot/cold threshold) stays the same. datadog-pgo renames a function only
// when it is some sample's leaf; here every function of that name is renamed, so that the named
// functions get no hot edge even when they only appear inlined or as callers.

export const NO_INLINE_PREFIX = 'DO NOT INLINE: ';

export function noInline(profile: Profile, names: string[]): Profile {
  if (!Array.isArray(names)) throw new TransformError('invalid-option', `noInline needs a list of function names, got ${typeof names}`, 'names');
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') {
      throw new TransformError('invalid-option', `names[${i}] is ${JSON.stringify(name) ?? String(name)}: every name must be a non-empty function name`, `names[${i}]`);
    }
  });
  const targets = new Set(names);
  return {
    ...profile,
    function: profile.function.map((f) => (targets.has(f.name) ? { ...f, name: NO_INLINE_PREFIX + f.name } : f)),
  };
}
