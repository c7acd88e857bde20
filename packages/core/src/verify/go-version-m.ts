// `go version -m <binary>`: the Go version and build settings embedded in a Go binary. The
// format is runtime/debug.BuildInfo.String() indented by a tab under a "<file>: <go version>"
// line; keys and values holding spaces, tabs, quotes or (for keys) '=' are Go-quoted.
import path from 'node:path';
import { GoCommandError, runGo } from '../build/go-command';
import { unquoteGoString } from '../go/go-string';
import { PgoVerifyError } from './verify-error';

export interface GoBuildInfo {
  goVersion: string;
  /** The main package's import path. */
  path: string;
  /** `build` lines in order: -pgo, -trimpath, GOOS, CGO_ENABLED, … */
  settings: Map<string, string>;
}

/** Runs `go version -m` on `binary` (absolute); `shown` names it in messages. */
export async function readGoBuildInfo(binary: string, shown: string, env?: NodeJS.ProcessEnv): Promise<GoBuildInfo> {
  let text: string;
  try {
    // From the binary's directory, so go picks the same toolchain (go.work/go.mod lines) as the build.
    text = await runGo(['version', '-m', binary], { cwd: path.dirname(binary), env });
  } catch (error) {
    // For an existing file (verifyPgo checks that first), go fails only when it finds no build
    // information: silently for a non-executable file, with a message for an executable one.
    if (error instanceof GoCommandError && error.code === 'go-failed') {
      throw new PgoVerifyError('not-go-binary', `${shown}: go version -m finds no Go build information in it: give a binary built by go build`, {
        cause: error,
      });
    }
    throw error;
  }
  return parseGoVersionM(text, shown);
}

export function parseGoVersionM(text: string, shown: string): GoBuildInfo {
  const [head = '', ...lines] = text.split('\n');
  const info: GoBuildInfo = { goVersion: head.slice(head.lastIndexOf(': ') + 2), path: '', settings: new Map() };
  for (const line of lines) {
    if (!line.startsWith('\t')) continue;
    const tab = line.indexOf('\t', 1);
    const word = line.slice(1, tab < 0 ? undefined : tab);
    const rest = tab < 0 ? '' : line.slice(tab + 1);
    if (word === 'path') info.path = rest;
    if (word !== 'build') continue;
    const setting = parseSetting(rest);
    if (setting === undefined) {
      throw new PgoVerifyError('not-go-binary', `${shown}: go version -m printed a build setting go-pgo cannot read: ${JSON.stringify(line)}`);
    }
    info.settings.set(setting[0], setting[1]);
  }
  return info;
}

/** `key=value`, either side possibly Go-quoted. */
function parseSetting(text: string): [string, string] | undefined {
  let key: string | undefined;
  let rest: string;
  if (text.startsWith('"')) {
    const end = closingQuote(text);
    key = end < 0 ? undefined : unquoteGoString(text.slice(0, end + 1));
    rest = end < 0 ? '' : text.slice(end + 1);
  } else {
    const eq = text.indexOf('=');
    key = eq < 0 ? undefined : text.slice(0, eq);
    rest = eq < 0 ? '' : text.slice(eq);
  }
  if (key === undefined || !rest.startsWith('=')) return undefined;
  const raw = rest.slice(1);
  const value = raw.startsWith('"') ? unquoteGoString(raw) : raw;
  return value === undefined ? undefined : [key, value];
}

/** Index of the quote ending the Go string literal that starts `text`, or -1. */
function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
