// Which files Nx leaves out of its file map: what .gitignore and .nxignore say, as the native
// walker reads them (cascading from each directory up, nested ignore files rooted where they
// are), by Nx's own checker. A file the build reads that Nx does not index is hashed only by
// an includeIgnored fileset: a real repository's `.gitignore: fbstatus` (meant for a binary)
// also covers the tracked sources in cmd/fbstatus/.
import path from 'node:path';
// Not from @nx/devkit (see create-nodes.ts); the module its generators use.
import { createAncestorAwareIgnoreChecker, createIgnoreChainResolver, isAlwaysIgnored } from 'nx/src/utils/ignore';
import type { DirEntry, GoFileReader } from '@go-pgo/core';

const IGNORE_FILES = ['.gitignore', '.nxignore'];

/** Whether Nx ignores a root-relative file, with ignore files read through `reader` (so a cache sees them). */
export function nxIgnoredFiles(root: string, reader: GoFileReader): (file: string) => boolean {
  const listings = new Map<string, readonly DirEntry[] | undefined>();
  const read = (rel: string): string | null => {
    const dir = path.posix.dirname(rel);
    let entries = listings.get(dir);
    if (!listings.has(dir)) listings.set(dir, (entries = reader.readDir(path.join(root, dir))));
    const name = path.posix.basename(rel);
    return entries?.some((entry) => entry.name === name && entry.kind === 'file') ? reader.readFile(path.join(root, rel)) : null;
  };
  // Merged as git and the native walker merge them: .nxignore last, so it outranks .gitignore.
  const checker = createAncestorAwareIgnoreChecker(createIgnoreChainResolver(read, IGNORE_FILES, true));
  return (file) => isAlwaysIgnored(file) || checker.isIgnoredFile(file);
}

/** The ignore files are among what the Go facts' listings must see. */
export function isIgnoreFile(entry: DirEntry): boolean {
  return IGNORE_FILES.includes(entry.name);
}
