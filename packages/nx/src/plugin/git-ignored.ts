// Which files Nx leaves out of its file map: what .gitignore and .nxignore say, as the native
// walker reads them (cascading from each directory up, nested ignore files rooted where they
// are), by Nx's own checker. A file the build reads that Nx does not index is hashed only by
// an includeIgnored fileset: a real repository's `.gitignore: fbstatus` (meant for a binary)
// also covers the tracked sources in cmd/fbstatus/.
import path from 'node:path';
// Not from @nx/devkit (see create-nodes.ts); the module its generators use.
import { createAncestorAwareIgnoreChecker, createIgnoreChainResolver, isAlwaysIgnored } from 'nx/src/utils/ignore';
import { goSourceKind, NON_GO_SOURCE_EXTENSIONS, type DirEntry, type GoFileReader } from '@go-pgo/core';

const IGNORE_FILES = ['.gitignore', '.nxignore'];
const SOURCE_EXTENSIONS = ['.go', ...NON_GO_SOURCE_EXTENSIONS.map((ext) => `.${ext}`)];

/**
 * Whether Nx ignores a root-relative source file, with ignore files read through `reader` (so
 * a cache sees them). Whole directories are checked once; single files only where an ignore
 * file holds a rule that could match a source file's name there (most hold none: `*.exe`,
 * `bin/`), as asking every file costs ~10 µs of rule matching, a tenth of a large scan.
 */
export function nxIgnoredFiles(root: string, reader: GoFileReader): (file: string) => boolean {
  const listings = new Map<string, readonly DirEntry[] | undefined>();
  const texts = new Map<string, string | null>();
  const read = (rel: string): string | null => {
    let text = texts.get(rel);
    if (text !== undefined) return text;
    const dir = path.posix.dirname(rel);
    let entries = listings.get(dir);
    if (!listings.has(dir)) listings.set(dir, (entries = reader.readDir(path.join(root, dir))));
    const name = path.posix.basename(rel);
    text = entries?.some((entry) => entry.name === name && entry.kind === 'file') ? reader.readFile(path.join(root, rel)) : null;
    texts.set(rel, text);
    return text;
  };
  // Merged as git and the native walker merge them: .nxignore last, so it outranks .gitignore.
  const checker = createAncestorAwareIgnoreChecker(createIgnoreChainResolver(read, IGNORE_FILES, true));
  const scopes = new Map<string, RuleScope>();
  /** Where the rules of the ignore files in `dir` could exclude a source file. */
  const scopeOf = (dir: string): RuleScope => {
    let scope = scopes.get(dir);
    if (scope === undefined) {
      scope = { anywhere: false, dirs: new Set() };
      for (const name of IGNORE_FILES) {
        for (const line of (read(dir === '.' ? name : `${dir}/${name}`) ?? '').split('\n')) addSourceFileScope(scope, dir, line);
      }
      scopes.set(dir, scope);
    }
    return scope;
  };
  const fileRules = new Map<string, boolean>();
  /** Whether an ignore file of `dir` or above has a rule that could exclude a source file in `dir`. */
  const hasFileRules = (dir: string): boolean => {
    let known = fileRules.get(dir);
    if (known === undefined) {
      known = false;
      for (let d = dir; ; d = path.posix.dirname(d)) {
        const scope = scopeOf(d);
        if (scope.anywhere || scope.dirs.has(dir)) known = true;
        if (known || d === '.') break;
      }
      fileRules.set(dir, known);
    }
    return known;
  };
  const dirIgnored = new Map<string, boolean>();
  return (file) => {
    const dir = path.posix.dirname(file);
    let ignored = dirIgnored.get(dir);
    if (ignored === undefined) dirIgnored.set(dir, (ignored = dir !== '.' && (isAlwaysIgnored(`${dir}/`) || checker.isIgnoredDirectory(dir))));
    return ignored || (hasFileRules(dir) && (isAlwaysIgnored(file) || checker.isIgnoredFile(file)));
  };
}

/** The ignore files are among what the Go facts' listings must see. */
export function isIgnoreFile(entry: DirEntry): boolean {
  return IGNORE_FILES.includes(entry.name);
}

/** The directories in which an ignore file's rules could exclude a source file. */
interface RuleScope {
  /** In its own directory and every one below. */
  anywhere: boolean;
  /** Root-relative directories its anchored rules (`/cmd/dockerd/*.syso`) name. */
  dirs: Set<string>;
}

/**
 * Adds where an ignore-file line of `dir` could exclude a source file (couldMatchSourceFile): a
 * rule with a directory part free of wildcards (`/cmd/dockerd/*.syso`) applies there alone.
 */
function addSourceFileScope(scope: RuleScope, dir: string, line: string): void {
  const rule = positiveRule(line);
  if (rule === undefined || !matchesSourceName(rule)) return;
  const slash = rule.lastIndexOf('/');
  const dirPart = rule.slice(rule.startsWith('/') ? 1 : 0, Math.max(slash, 0));
  if ((slash <= 0 && !rule.startsWith('/')) || /[*?[\\]/.test(dirPart)) scope.anywhere = true;
  else scope.dirs.add(dirPart === '' ? dir : dir === '.' ? dirPart : `${dir}/${dirPart}`);
}

/**
 * Whether an ignore-file line could exclude a file whose name ends in a source extension:
 * not a comment, a negation or a directory-only rule (`bin/`), and its last path segment ends
 * in text such a name can end in (`*.pb.go`, `*`, `gen_*`), not only in other text (`*.exe`).
 */
export function couldMatchSourceFile(line: string): boolean {
  const rule = positiveRule(line);
  return rule !== undefined && matchesSourceName(rule);
}

/** The rule of a line that can exclude files, unescaped and trimmed; undefined for comments, negations, directory-only rules. */
function positiveRule(line: string): string | undefined {
  if (line.startsWith('#') || line.startsWith('!')) return undefined;
  const rule = line.replace(/(?<!\\)\s+$/, '').replace(/^\\(?=[#!])/, '');
  return rule === '' || rule.endsWith('/') ? undefined : rule;
}

function matchesSourceName(rule: string): boolean {
  const last = rule.slice(rule.lastIndexOf('/') + 1);
  const wildcard = Math.max(last.lastIndexOf('*'), last.lastIndexOf('?'), last.lastIndexOf(']'), last.lastIndexOf('\\'));
  if (wildcard < 0) return goSourceKind(last) !== undefined;
  const suffix = last.slice(wildcard + 1);
  return SOURCE_EXTENSIONS.some((ext) => suffix.endsWith(ext) || ext.endsWith(suffix));
}
