// go.mod: the module path, the go and toolchain lines, requirements and replacements. Other
// directives (exclude, retract, godebug, tool, ignore, and verbs newer than this parser) do
// not affect which local directories a build reads, so they are skipped.
import { GoScanError } from './go-error';
import { parseGoDirective, parseReplace, parseToolchainDirective, words, type GoReplace } from './mod-directives';
import { parseModSyntax, syntaxError } from './mod-syntax';

export interface GoRequire {
  path: string;
  version: string;
}

export interface GoModFile {
  module: string;
  /** The `go` line, e.g. `1.22`; absent in very old files. */
  goVersion?: string;
  /** The `toolchain` line, e.g. `go1.26.1`. */
  toolchain?: string;
  requires: GoRequire[];
  replaces: GoReplace[];
}

/** Parses go.mod text; `file` names it in errors. */
export function parseGoMod(text: string, file: string): GoModFile {
  let module: string | undefined;
  let goVersion: string | undefined;
  let toolchain: string | undefined;
  const requires: GoRequire[] = [];
  const replaces: GoReplace[] = [];
  for (const directive of parseModSyntax(text, file)) {
    switch (directive.verb) {
      case 'module':
        if (module !== undefined) throw syntaxError(file, directive.line, 'repeated "module" directive: keep one');
        // A trailing `// Deprecated: …` comment is dropped by the lexer; one word remains.
        [module] = words(directive, file, 1) as [string];
        break;
      case 'go':
        if (goVersion !== undefined) throw syntaxError(file, directive.line, 'repeated "go" directive: keep one');
        goVersion = parseGoDirective(directive, file);
        break;
      case 'toolchain':
        toolchain = parseToolchainDirective(directive, file);
        break;
      case 'require': {
        const [path, version] = words(directive, file, 2) as [string, string];
        requires.push({ path, version });
        break;
      }
      case 'replace':
        replaces.push(parseReplace(directive, file));
        break;
    }
  }
  if (module === undefined || module === '') {
    throw new GoScanError('syntax', file, 'no "module" directive: add "module <path>" as the first line');
  }
  return {
    module,
    ...(goVersion !== undefined && { goVersion }),
    ...(toolchain !== undefined && { toolchain }),
    requires,
    replaces,
  };
}
