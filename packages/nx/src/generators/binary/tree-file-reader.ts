// core's Go workspace scanner reading through an Nx Tree: files the generator has just written
// are seen, and nothing is read that a dry run would not show. The scanner asks for absolute
// paths under the tree's root; the Tree wants them relative to it.
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Tree } from '@nx/devkit';
import type { DirEntry, GoFileReader } from '@go-pgo/core';

export function treeFileReader(tree: Tree): GoFileReader {
  const relative = (absolute: string): string => path.relative(tree.root, absolute).split(path.sep).join('/');
  const isDir = (rel: string): boolean => rel === '' || (tree.exists(rel) && !tree.isFile(rel));
  return {
    readFile(absolute) {
      const text = tree.read(relative(absolute), 'utf-8');
      if (text === null) throw Object.assign(new Error(`ENOENT: no such file, open '${absolute}'`), { code: 'ENOENT' });
      return text;
    },
    readDir(absolute) {
      const rel = relative(absolute);
      if (!isDir(rel)) return undefined;
      return tree.children(rel).map((name): DirEntry => {
        const child = rel === '' ? name : `${rel}/${name}`;
        if (tree.isFile(child)) return { name, kind: 'file' };
        // The Tree follows links; the scanner must not descend into linked directories (as
        // `go build ./...` does not), and a link cycle would never end.
        return { name, kind: isLinkOnDisk(tree, child) ? 'symlink' : 'dir' };
      });
    },
    stat(absolute) {
      const rel = relative(absolute);
      if (tree.isFile(rel)) return 'file';
      return isDir(rel) ? 'dir' : undefined;
    },
  };
}

function isLinkOnDisk(tree: Tree, rel: string): boolean {
  try {
    return lstatSync(path.join(tree.root, rel)).isSymbolicLink();
  } catch {
    return false;
  }
}
