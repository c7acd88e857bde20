import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeFileReader } from '@go-pgo/core';
import { MEMORY_ROOT, memoryReader } from '../../../core/src/go/memory-reader.spec-helper';
import { couldMatchSourceFile, nxIgnoredFiles } from './git-ignored';

test.each([
  ['*.pb.go', true],
  ['zz_generated*.go', true],
  ['*', true],
  ['gen_*', true],
  ['internal/**', true],
  ['/bindata.go', true],
  ['assets/*.[ch]', true],
  ['*o', true],
  ['*.exe', false],
  ['*.test', false],
  ['fbstatus', false],
  ['bin/', false],
  ['cmd/tailscale/tailscale', false],
  ['# *.go', false],
  ['!keep.go', false],
  ['', false],
  ['*.go   ', true],
])('%j could exclude a source file: %s', (line, could) => {
  expect(couldMatchSourceFile(line)).toBe(could);
});

describe('nxIgnoredFiles', () => {
  const files = {
    '.gitignore': '*.exe\nbin/\nmarker\n/cmd/tool/*.syso\n',
    'cmd/tool/res.syso': '',
    'cmd/tool/main.go': '',
    'cmd/other/res.syso': '',
    'internal/marker/m.go': '',
    'gen/.gitignore': 'zz_*.go\n',
    'gen/zz_types.go': '',
    'gen/types.go': '',
    'gen/sub/zz_more.go': '',
  };
  const ignored = nxIgnoredFiles(MEMORY_ROOT, memoryReader(files));

  test.each([
    ['cmd/tool/res.syso', true],
    ['cmd/tool/main.go', false],
    ['cmd/other/res.syso', false],
    ['internal/marker/m.go', true],
    ['gen/zz_types.go', true],
    ['gen/types.go', false],
    ['gen/sub/zz_more.go', true],
  ])('%s is ignored: %s', (file, expected) => {
    expect(ignored(file)).toBe(expected);
  });

  test('git agrees, file by file', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-ignored-'));
    try {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      execFileSync('git', ['init', '-q'], { cwd: root });
      const onDisk = nxIgnoredFiles(root, nodeFileReader);
      for (const file of Object.keys(files).filter((f) => !f.endsWith('.gitignore'))) {
        const git = spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: root }).status === 0;
        expect([file, onDisk(file)]).toEqual([file, git]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
