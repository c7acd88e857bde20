// The dry-run check of the generator specs must be able to fail: a generator that writes to
// the disk behind the Tree's back, or starts a process, is caught.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dryRun } from './dry-run.spec-helper';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-dry-run-'));
  writeFileSync(path.join(root, 'nx.json'), '{}\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('dryRun', () => {
  it('passes a generator that only uses the Tree, and returns its changes', async () => {
    const { changes } = await dryRun(root, async (tree) => tree.write('a.txt', 'a'));
    expect(changes.map((change) => [change.type, change.path])).toEqual([['CREATE', 'a.txt']]);
  });

  it('fails a generator that writes to the disk', async () => {
    await expect(dryRun(root, async () => writeFileSync(path.join(root, 'nx.json'), '{"x":1}\n'))).rejects.toThrow(/toEqual/);
  });

  it('fails a generator that starts a process the way CommonJS dependencies do', async () => {
    const childProcess = require('node:child_process') as typeof import('node:child_process');
    await expect(dryRun(root, async () => childProcess.execFileSync('true'))).rejects.toThrow(/execFileSync/);
  });

  it('fails a generator that starts a process through an ES import binding', async () => {
    await expect(dryRun(root, async () => new Promise((resolve) => spawn('true').on('exit', resolve)))).rejects.toThrow(/ChildProcess#spawn/);
  });
});
