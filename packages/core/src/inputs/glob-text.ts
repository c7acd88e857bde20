// Literal text inside a glob: Nx's matcher (and Turborepo's) give `* ? [ ] { } , ! \` a meaning,
// which a backslash takes away, so a directory named `x{1,2}` matches only itself.
const SPECIAL = /[*?[\]{}!,\\]/g;

export function globLiteral(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}
