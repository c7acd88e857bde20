// go.work: the modules of a workspace (`use`) and its replacements, which override those of
// the modules' go.mod files.
import { parseGoDirective, parseReplace, parseToolchainDirective, words, type GoReplace } from './mod-directives';
import { parseModSyntax, syntaxError } from './mod-syntax';

export interface GoWorkUse {
  /** The directory as written, relative to the go.work file unless absolute. */
  dir: string;
  line: number;
}

export interface GoWorkFile {
  goVersion?: string;
  toolchain?: string;
  uses: GoWorkUse[];
  replaces: GoReplace[];
}

/** Parses go.work text; `file` names it in errors. */
export function parseGoWork(text: string, file: string): GoWorkFile {
  let goVersion: string | undefined;
  let toolchain: string | undefined;
  const uses: GoWorkUse[] = [];
  const replaces: GoReplace[] = [];
  // A go.work without `use` is valid (`go work init` writes one): a workspace of no modules.
  for (const directive of parseModSyntax(text, file)) {
    switch (directive.verb) {
      case 'go':
        if (goVersion !== undefined) throw syntaxError(file, directive.line, 'repeated "go" directive: keep one');
        goVersion = parseGoDirective(directive, file);
        break;
      case 'toolchain':
        toolchain = parseToolchainDirective(directive, file);
        break;
      case 'use': {
        const [dir] = words(directive, file, 1) as [string];
        uses.push({ dir, line: directive.line });
        break;
      }
      case 'replace':
        replaces.push(parseReplace(directive, file));
        break;
    }
  }
  return {
    ...(goVersion !== undefined && { goVersion }),
    ...(toolchain !== undefined && { toolchain }),
    uses,
    replaces,
  };
}
