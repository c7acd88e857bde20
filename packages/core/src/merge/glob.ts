// Shell-style globs for names (instances, Go function names): `*` any run of characters, `?`
// one character, everything else literal. Names are not paths, so `*` crosses '/' and '.'.
// A Go method name such as `pkg.(*T).M` is a glob that matches itself (its `*` matches "*").

export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

export function globMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (const char of pattern) {
    source += char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  }
  const regexp = new RegExp(`^${source}$`, 'su');
  return (name) => regexp.test(name);
}
