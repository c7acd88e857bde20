// Directives that go.mod and go.work share: `go`, `toolchain` and `replace`, with the checks
// modfile applies to them.
import { syntaxError, type ModDirective } from './mod-syntax';

export interface GoReplace {
  /** The module being replaced. */
  path: string;
  /** Only this version is replaced; all versions when absent. */
  version?: string;
  /** A module path, or for a local replacement the directory as written. */
  newPath: string;
  newVersion?: string;
  /** The replacement is a directory on disk (`./x`, `../x`, `/abs`, `C:\x`). */
  local: boolean;
  line: number;
}

/** `go 1.22` / `go 1.21rc1`. */
const GO_VERSION = /^[1-9][0-9]*\.(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?(?:[a-z]+[0-9]+)?$/;
/** `toolchain go1.22.3` / `toolchain default`. */
const TOOLCHAIN = /^(?:default|go1(?:$|\.).*)$/;

/** The words of a directive, checked for count; punctuation is a syntax error. */
export function words(directive: ModDirective, file: string, min: number, max = min): string[] {
  const args = directive.args;
  const punct = args.find((arg) => arg.punct);
  if (punct !== undefined) throw syntaxError(file, directive.line, `unexpected "${punct.text}" in the "${directive.verb}" directive`);
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw syntaxError(file, directive.line, `the "${directive.verb}" directive takes ${want} argument(s), found ${args.length}`);
  }
  return args.map((arg) => arg.text);
}

export function parseGoDirective(directive: ModDirective, file: string): string {
  const [version] = words(directive, file, 1) as [string];
  if (!GO_VERSION.test(version)) throw syntaxError(file, directive.line, `invalid go version "${version}": write it as 1.N or 1.N.P`);
  return version;
}

export function parseToolchainDirective(directive: ModDirective, file: string): string {
  const [name] = words(directive, file, 1) as [string];
  if (!TOOLCHAIN.test(name)) throw syntaxError(file, directive.line, `invalid toolchain "${name}": write it as go1.N.P`);
  return name;
}

/** `replace old [version] => new [version]`. */
export function parseReplace(directive: ModDirective, file: string): GoReplace {
  const args = words(directive, file, 3, 5);
  const arrow = args.indexOf('=>');
  if (arrow !== 1 && arrow !== 2) {
    throw syntaxError(file, directive.line, 'expected "replace module [version] => replacement [version]"');
  }
  const [path, version] = args.slice(0, arrow) as [string, string | undefined];
  const [newPath, newVersion] = args.slice(arrow + 1) as [string | undefined, string | undefined];
  if (newPath === undefined || args.length - arrow - 1 > 2) {
    throw syntaxError(file, directive.line, 'expected "replace module [version] => replacement [version]"');
  }
  const local = isDirectoryPath(newPath);
  if (local && newVersion !== undefined) {
    throw syntaxError(file, directive.line, `the replacement directory "${newPath}" cannot have a version: remove "${newVersion}"`);
  }
  if (!local && newVersion === undefined) {
    throw syntaxError(file, directive.line, `the replacement "${newPath}" needs a version, or a path starting with ./ or ../ if it is a directory`);
  }
  return {
    path,
    ...(version !== undefined && { version }),
    newPath,
    ...(newVersion !== undefined && { newVersion }),
    local,
    line: directive.line,
  };
}

/** modfile.IsDirectoryPath: both Unix and Windows syntaxes, as go.mod files move between systems. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' ||
    p === '..' ||
    p.startsWith('./') ||
    p.startsWith('.\\') ||
    p.startsWith('../') ||
    p.startsWith('..\\') ||
    p.startsWith('/') ||
    p.startsWith('\\') ||
    /^[A-Za-z]:/.test(p)
  );
}
