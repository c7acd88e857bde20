// Whether a directory is already a package of the root package.json's `workspaces`: npm, yarn
// and bun take globs there (`apps/*`, `services/**/cmd/*`, `!legacy/*`), matched against
// directories relative to the root. Only what those globs use is supported: `*`, `?`, `**`
// segments and leading `!` negations; a later pattern wins over an earlier one.

/** `dir` is root-relative and '/'-separated. */
export function coveredByWorkspaces(patterns: readonly string[], dir: string): boolean {
  let covered = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    if (globRegExp(normalize(negated ? raw.slice(1) : raw)).test(dir)) covered = !negated;
  }
  return covered;
}

function normalize(pattern: string): string {
  return pattern.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

function globRegExp(glob: string): RegExp {
  const parts = glob.split('/');
  const source = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      const segment = part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return last ? segment : `${segment}/`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}
