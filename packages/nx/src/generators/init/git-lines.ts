// Lines init adds to .gitattributes and .gitignore. A line is appended only when nothing in the
// file does its job already, below the existing content, which is kept byte for byte (its line
// endings too), so running init again changes nothing.
import type { Tree } from '@nx/devkit';
import { gitignoreCovers } from './gitignore-match';

export interface WantedLine {
  line: string;
  /** Whether the file's current text already does what `line` would. */
  present(text: string): boolean;
}

/** Appends the missing lines under `comment`, creating the file if needed; returns whether it changed. */
export function appendMissingLines(tree: Tree, file: string, comment: string, wanted: readonly WantedLine[]): boolean {
  const existing = tree.read(file, 'utf-8') ?? '';
  const missing = wanted.filter((entry) => !entry.present(existing)).map((entry) => entry.line);
  if (missing.length === 0) return false;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let text = existing;
  if (text !== '' && !text.endsWith('\n')) text += eol;
  // One blank line between the existing content and our block.
  if (text !== '' && text !== eol && !/\n\r?\n$/.test(text)) text += eol;
  tree.write(file, text + [comment, ...missing].join(eol) + eol);
  return true;
}

/** `*.pgo binary`: no diffs, merges or line-ending conversion of profiles. */
export const PGO_ATTRIBUTES: WantedLine = {
  line: '*.pgo binary',
  present: (text) =>
    text.split(/\r?\n/).some((line) => {
      const [pattern, ...attributes] = line.trim().split(/\s+/);
      return pattern === '*.pgo' && (attributes.includes('binary') || ['-diff', '-merge', '-text'].every((a) => attributes.includes(a)));
    }),
};

/** A .gitignore line for a root-relative directory, present when the file ignores it already. */
export function ignoredDir(line: string, dir: string): WantedLine {
  return { line, present: (text) => gitignoreCovers(text, dir) };
}
