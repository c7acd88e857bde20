// Whether a root .gitignore already ignores a directory, so init does not add a line that is
// already covered (most Nx workspaces ignore `dist`). Only plain spellings are understood: a
// literal name or path, with or without a leading or trailing '/', with `**/` in front or `/*`
// or `/**` behind. Lines with other wildcards or escapes are skipped, and a negation that
// re-includes the directory or an ancestor undoes coverage (git would still ignore it when an
// ancestor stays excluded): when unsure the answer is "not covered", and init adds its own
// line, which is harmless when redundant.

interface PlainPattern {
  negated: boolean;
  segments: string[];
  /** Has a '/' at the start or in the middle: matches from the root only. */
  anchored: boolean;
  /** Ends in `/*` or `/**`: matches what is below the path, not the path itself. */
  below: boolean;
}

/** `dir` is root-relative and '/'-separated, without a leading or trailing '/'. */
export function gitignoreCovers(text: string, dir: string): boolean {
  const dirSegments = dir.split('/');
  let covered = false;
  for (const line of text.split(/\r?\n/)) {
    const pattern = parsePlain(line);
    if (pattern !== undefined && matchesDirOrAncestor(pattern, dirSegments)) covered = !pattern.negated;
  }
  return covered;
}

function parsePlain(line: string): PlainPattern | undefined {
  // Trailing spaces are not part of a pattern; leading ones are, and no plain path has them.
  let text = line.replace(/[ \t]+$/, '');
  if (text === '' || text.startsWith('#') || /^\s/.test(text) || text.includes('\\')) return undefined;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  if (text.endsWith('/')) text = text.slice(0, -1);
  // A '/' at the start or in the middle anchors (a trailing one does not); `**/` floats.
  let anchored: boolean;
  if (text.startsWith('**/')) {
    text = text.slice(3);
    anchored = false;
  } else if (text.startsWith('/')) {
    text = text.slice(1);
    anchored = true;
  } else {
    anchored = text.includes('/');
  }
  let below = false;
  for (const suffix of ['/**', '/*']) {
    if (text.endsWith(suffix)) {
      text = text.slice(0, -suffix.length);
      below = true;
      break;
    }
  }
  if (text === '' || /[*?[]/.test(text)) return undefined;
  const segments = text.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  return { negated, segments, anchored, below };
}

/** Ignoring a directory ignores everything below it, so an ancestor match covers `dir`. */
function matchesDirOrAncestor(pattern: PlainPattern, dir: string[]): boolean {
  // Candidates are `dir` and its ancestors, as segment counts from the root.
  const longest = pattern.below ? dir.length - 1 : dir.length;
  for (let length = 1; length <= longest; length++) {
    const start = length - pattern.segments.length;
    if (start < 0 || (pattern.anchored && start !== 0)) continue;
    if (pattern.segments.every((segment, i) => dir[start + i] === segment)) return true;
  }
  return false;
}
