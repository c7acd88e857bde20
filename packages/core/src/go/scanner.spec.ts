import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from '@swc/core';
import { nodeFileReader, type GoFileReader } from './file-reader';
import { GoWorkspaceScanner } from './scanner';

const fixture = path.resolve(__dirname, '../../../../e2e/fixtures/go-monorepo');

/** Everything the scanner says about the fixture: workspace and every binary's closure. */
function scanAll(scanner: GoWorkspaceScanner): unknown {
  const workspace = scanner.workspace();
  return { workspace, closures: workspace.binaries.map((binary) => scanner.closure(binary.dir)) };
}

describe('the scanner never needs the go command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-nogo-'));
    // The scanner's sources (and the error base they extend), compiled as they are (no test
    // files), into a plain CommonJS tree of the same shape.
    const lib = path.join(dir, 'lib');
    for (const folder of ['go', 'errors']) {
      const from = path.join(__dirname, '..', folder);
      mkdirSync(path.join(lib, folder), { recursive: true });
      for (const file of readdirSync(from)) {
        if (!file.endsWith('.ts') || file.includes('.spec')) continue;
        const { code } = transformSync(readFileSync(path.join(from, file), 'utf8'), {
          filename: file,
          jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
          module: { type: 'commonjs' },
        });
        writeFileSync(path.join(lib, folder, file.replace(/\.ts$/, '.js')), code);
      }
    }
    // A PATH holding node and nothing else.
    mkdirSync(path.join(dir, 'bin'));
    symlinkSync(process.execPath, path.join(dir, 'bin', 'node'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('in a process whose PATH has no go, and where starting any child process throws, it gives the same answers', () => {
    const script = `
      const childProcess = require('node:child_process');
      for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
        childProcess[name] = () => { throw new Error('the scanner started a process: ' + name); };
      }
      const { GoWorkspaceScanner } = require('./lib/go/index.js');
      const scanner = new GoWorkspaceScanner(process.argv[2]);
      const workspace = scanner.workspace();
      const closures = workspace.binaries.map((binary) => scanner.closure(binary.dir));
      process.stdout.write(JSON.stringify({ workspace, closures }));
    `;
    writeFileSync(path.join(dir, 'run.js'), script);
    const run = spawnSync(path.join(dir, 'bin', 'node'), [path.join(dir, 'run.js'), fixture], {
      env: { PATH: path.join(dir, 'bin') },
      encoding: 'utf8',
    });
    expect(spawnSync('go', ['version'], { env: { PATH: path.join(dir, 'bin') } }).error).toMatchObject({ code: 'ENOENT' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(scanAll(new GoWorkspaceScanner(fixture)));
  });
});

describe('caching', () => {
  test('scanning the workspace and every closure reads each file and directory once', () => {
    const reads = new Map<string, number>();
    const count = (p: string): void => void reads.set(p, (reads.get(p) ?? 0) + 1);
    const reader: GoFileReader = {
      readFile: (p) => (count(`file ${p}`), nodeFileReader.readFile(p)),
      readDir: (p) => (count(`dir ${p}`), nodeFileReader.readDir(p)),
      stat: (p) => nodeFileReader.stat(p),
    };
    scanAll(new GoWorkspaceScanner(fixture, { reader }));
    expect([...reads.entries()].filter(([, n]) => n > 1)).toEqual([]);
    // Test files and files of packages no binary imports are never read.
    const files = [...reads.keys()].filter((k) => k.startsWith('file ')).map((k) => path.relative(fixture, k.slice(5)));
    expect(files).not.toContain('services/cmd/api/main_test.go');
    expect(files).not.toContain('services/internal/testutil/testutil.go');
    expect(files).toContain('services/cmd/worker/gen.go');
  });

  test('a closure is computed once per directory, however the directory is written', () => {
    const scanner = new GoWorkspaceScanner(fixture);
    const closure = scanner.closure('services/cmd/api');
    expect(scanner.closure('./services/cmd/api/')).toBe(closure);
    expect(scanner.closure(path.join(fixture, 'services/cmd/api'))).toBe(closure);
  });
});
