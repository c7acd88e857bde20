// Workspace package names for the binaries: `<name>` of cmd/<name> when no other binary has it,
// else the directory (`services-cmd-api`), so names stay unique and stable; both made valid npm
// names. A name the binary's package.json already has is kept: the user may have chosen it.
import type { TurboBinary } from './turbo-binaries';

/** Package name per binary directory; `existing` holds the names package.json files already have. */
export function packageNames(binaries: readonly TurboBinary[], existing: ReadonlyMap<string, string>): Map<string, string> {
  const count = new Map<string, number>();
  for (const b of binaries) count.set(npmName(b.name), (count.get(npmName(b.name)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const b of binaries) {
    names.set(b.dir, existing.get(b.dir) ?? (count.get(npmName(b.name)) === 1 ? npmName(b.name) : npmName(b.dir.replace(/\//g, '-'))));
  }
  return names;
}

/** Lower case, URL-safe characters, no leading dot or underscore (npm's rules for a name). */
export function npmName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]/g, '-').replace(/^[._]+/, '') || 'go-binary';
}
