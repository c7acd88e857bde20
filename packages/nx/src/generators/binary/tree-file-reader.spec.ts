// core's scanner reading through an Nx Tree must see what it sees through node:fs (its own
// reader, tested against `go list`), plus what the generator has written to the Tree only.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GoWorkspaceScanner } from '@go-pgo/core';
import { FsTree } from 'nx/src/generators/tree';
import { repoRoot } from '../../../../../tools/test-support/repo-root';
import { treeFileReader } from './tree-file-reader';

const FIXTURE = path.join(repoRoot, 'e2e', 'fixtures', 'go-monorepo');

function scanBoth(root: string, tree = new FsTree(root, false)) {
  const viaTree = new GoWorkspaceScanner(root, { reader: treeFileReader(tree) });
  const viaFs = new GoWorkspaceScanner(root);
  return { viaTree, viaFs };
}

describe('treeFileReader', () => {
  it('gives the scanner the same modules, binaries and closures as node:fs on the e2e fixture', () => {
    const { viaTree, viaFs } = scanBoth(FIXTURE);
    expect(viaTree.workspace()).toEqual(viaFs.workspace());
    expect(viaTree.workspace().binaries).toHaveLength(4);
    for (const binary of viaFs.workspace().binaries) expect(viaTree.closure(binary.dir)).toEqual(viaFs.closure(binary.dir));
  });

  describe('on a copy with links', () => {
    let root: string;

    beforeAll(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-tree-reader-'));
      cpSync(FIXTURE, root, { recursive: true });
      // A cycle, and a linked cmd directory: neither is followed, as by `go build ./...`.
      symlinkSync('..', path.join(root, 'services', 'loop'));
      symlinkSync(path.join(root, 'tools', 'cmd', 'report'), path.join(root, 'services', 'cmd', 'linked'));
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('does not follow linked directories, as node:fs does not', () => {
      const { viaTree, viaFs } = scanBoth(root);
      expect(viaTree.workspace()).toEqual(viaFs.workspace());
      expect(viaTree.workspace().binaries.map((binary) => binary.dir)).not.toContain('services/cmd/linked');
    });

    it('sees files that exist in the Tree only', () => {
      const tree = new FsTree(root, false);
      tree.write('services/cmd/billing/main.go', 'package main\n\nfunc main() {}\n');
      tree.write('extra/go.mod', 'module example.com/extra\n');
      const binaries = new GoWorkspaceScanner(root, { reader: treeFileReader(tree) }).workspace().binaries.map((binary) => binary.dir);
      expect(binaries).toContain('services/cmd/billing');
      // go.work lists the modules: a go.mod outside it is no module of the workspace.
      tree.delete('go.work');
      const modules = new GoWorkspaceScanner(root, { reader: treeFileReader(tree) }).workspace().modules.map((module) => module.dir);
      expect(modules).toEqual(['extra', 'libs', 'services', 'tools']);
    });
  });
});
