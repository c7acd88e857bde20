// Whether a build reads its dependencies from a vendor directory, decided as the go command
// decides (modload's setDefaultBuildMod): -mod in GOFLAGS wins; otherwise a main module with a
// vendor/ directory and `go` >= 1.14 builds in vendor mode, and so does a go.work whose
// directory holds a vendor/ made by `go work vendor` (its modules.txt says "## workspace").
// A vendor/ of the other kind (a module's under go.work, a workspace's without it) is ignored.
import { GoScanError } from './go-error';
import type { PackageLoader } from './go-package';
import { readOptionalFile, type GoFileReader } from './file-reader';
import { joinRel } from './rel-path';

/** `-mod` as GOFLAGS (or the build flags) set it. */
export type ModFlag = 'mod' | 'readonly' | 'vendor';

export interface VendorDirectory {
  /** Root-relative `…/vendor`. */
  dir: string;
  /** Root-relative `…/vendor/modules.txt` (an input of every build that reads vendor/). */
  modulesTxt: string;
  /** Package import path → the module path modules.txt lists it under. */
  moduleOf: ReadonlyMap<string, string>;
}

export interface MainModules {
  /** Root-relative directory of go.work, or of the main module without go.work. */
  dir: string;
  /** The `go` line of go.work, or of the main module. */
  goVersion?: string;
  workspace: boolean;
}

export function vendorDirectory(main: MainModules, modFlag: ModFlag | undefined, packages: PackageLoader, reader: GoFileReader, root: string): VendorDirectory | undefined {
  if (modFlag === 'mod' || modFlag === 'readonly') return undefined;
  const dir = joinRel(main.dir, 'vendor');
  if (packages.entries(dir) === undefined) return undefined;
  const modulesTxt = joinRel(dir, 'modules.txt');
  const text = readOptionalFile(reader, root, modulesTxt);
  if (modFlag !== 'vendor') {
    if (main.goVersion === undefined || !atLeast114(main.goVersion)) return undefined;
    if (isWorkspaceList(text ?? '') !== main.workspace) return undefined;
  }
  return { dir, modulesTxt, moduleOf: packageModules(text ?? '') };
}

/** `-mod=…` in GOFLAGS-style flags, the last one winning; undefined when none. */
export function modFlagOf(flags: readonly string[]): ModFlag | undefined {
  let mod: ModFlag | undefined;
  for (const flag of flags) {
    const match = /^--?mod=(\S*)$/.exec(flag);
    if (match === null) continue;
    const value = match[1];
    if (value !== 'mod' && value !== 'readonly' && value !== 'vendor') {
      throw new GoScanError('bad-option', undefined, `invalid -mod=${value}: use mod, readonly or vendor`);
    }
    mod = value;
  }
  return mod;
}

function atLeast114(version: string): boolean {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  return major! > 1 || (major === 1 && (minor ?? 0) >= 14);
}

/** modules.txt's first line: `## workspace` (among `;`-separated annotations) marks `go work vendor`'s. */
function isWorkspaceList(text: string): boolean {
  const first = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  return first.startsWith('## ') && first.slice(3).split(';').some((entry) => entry.trim() === 'workspace');
}

/** `# module version [=> replacement]` starts a module; the plain lines after it are its packages. */
function packageModules(text: string): Map<string, string> {
  const moduleOf = new Map<string, string>();
  let module: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('# ')) module = line.slice(2).split(/\s+/)[0];
    else if (line !== '' && !line.startsWith('#') && module !== undefined) moduleOf.set(line, module);
  }
  return moduleOf;
}
