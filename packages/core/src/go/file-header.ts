// What the scanner reads of one source file, as go/build reads it: the build constraint lines
// and, for a .go file the build uses, the package clause, imports and //go:embed patterns.
// Only the start of the file is read unless the header runs past it. One definition for the
// scan and for the check that an edited file still has the header the scan read.
import { GoScanError, readError } from './go-error';
import { scanEmbedPatterns, type EmbedPattern } from './embed-directives';
import { scanConstraintHeader, scanPackageHeader, type GoConstraintLines, type GoPackageClause } from './go-source';
import type { GoFileReader } from './file-reader';
import { fsPath } from './rel-path';

/** Enough of a Go file for its header and imports; generated files run to megabytes. */
const HEAD_BYTES = 8192;

interface FileHead {
  text: string;
  /** The text is the whole file. */
  whole: boolean;
}

/** What the scanner reads of one source file; plain data, so a cache can keep it between scans. */
export interface GoFileHeader {
  constraints: GoConstraintLines;
  /** Read only once the file is known to count: go/build ignores syntax errors in excluded files. */
  clause?: GoFileClause;
}

export type GoFileClause = GoPackageClause & { embeds: EmbedPattern[] };

/**
 * One file's text for its header: the start is read once however many parts of the header
 * need it, the whole file only when a part runs past the start. Read errors are GoScanErrors
 * naming the file.
 */
export class HeaderSource {
  private start: FileHead | undefined;

  constructor(
    private readonly root: string,
    /** Root-relative. */
    readonly file: string,
    private readonly reader: GoFileReader,
  ) {}

  head(): FileHead {
    if (this.start !== undefined) return this.start;
    if (this.reader.readHead === undefined) return (this.start = { text: this.whole(), whole: true });
    try {
      return (this.start = this.reader.readHead(fsPath(this.root, this.file), HEAD_BYTES));
    } catch (error) {
      throw readError(this.file, error);
    }
  }

  /** Not kept: a file is read whole at most once per part of its header that needs it. */
  whole(): string {
    try {
      return this.reader.readFile(fsPath(this.root, this.file));
    } catch (error) {
      throw readError(this.file, error);
    }
  }
}

/** The //go:build and // +build lines of the file. */
export function readConstraints(source: HeaderSource): GoConstraintLines {
  const head = source.head();
  let scanned = scanConstraintHeader(head.text, source.file);
  // A header that runs past the bytes read (pages of comments): read on.
  if (!scanned.complete && !head.whole) scanned = scanConstraintHeader(source.whole(), source.file);
  return scanned.lines;
}

/** The package clause, imports and (for files importing "embed") //go:embed patterns of a .go file. */
export function readClause(source: HeaderSource): GoFileClause {
  let { text, whole } = source.head();
  let scanned: ReturnType<typeof scanPackageHeader> | undefined;
  if (!whole) {
    // Imports that run past the bytes read, or a literal cut in two there: read on.
    try {
      scanned = scanPackageHeader(text, source.file);
      if (!scanned.complete) scanned = undefined;
    } catch (error) {
      if (!(error instanceof GoScanError)) throw error;
    }
  }
  if (scanned === undefined) {
    if (!whole) ({ text, whole } = { text: source.whole(), whole: true });
    scanned = scanPackageHeader(text, source.file);
  }
  const { clause } = scanned;
  const embeds = clause.imports.some((imp) => imp.path === 'embed') ? scanEmbedPatterns(whole ? text : source.whole(), source.file) : [];
  return { ...clause, embeds };
}

/**
 * The header of `file` as a scan that reads all of it reads it (a .go file's clause too):
 * throws GoScanError when the file cannot be read or its header does not parse.
 */
export function readFileHeader(root: string, file: string, reader: GoFileReader): GoFileHeader {
  const source = new HeaderSource(root, file, reader);
  const constraints = readConstraints(source);
  return file.endsWith('.go') ? { constraints, clause: readClause(source) } : { constraints };
}
