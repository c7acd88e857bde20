// The binary generator on a real workspace (a copy of the e2e Go fixture): a dry run writes
// nothing, the flushed files make a binary that core's scanner finds on disk, and the Go
// toolchain vets, formats, builds and runs the scaffolded main.go, which serves net/http/pprof
// where its default, PPROF_ADDR and -pprof-addr say.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GoWorkspaceScanner } from '@go-pgo/core';
import { flushChanges } from 'nx/src/generators/tree';
import { repoRoot } from '../../../../../tools/test-support/repo-root';
import { changeTypes, dryRun, filesOnDisk } from '../dry-run.spec-helper';
import { binaryGenerator } from './generator';

const FIXTURE = path.join(repoRoot, 'e2e', 'fixtures', 'go-monorepo');
/** A cold Go build cache on the shared 2-core machine compiles net/http from scratch. */
const GO_TIMEOUT_MS = 180_000;
const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' };

let root: string;
let binary: string;
let defaultPort: number;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-binary-'));
  cpSync(FIXTURE, root, { recursive: true });
  binary = path.join(root, 'billing-bin');
  defaultPort = await freePort();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('binary generator on disk', () => {
  it('--dry-run writes nothing and starts no process; flushed, its changes are the files on disk', async () => {
    const { changes } = await dryRun(root, (tree) => binaryGenerator(tree, { name: 'billing', directory: 'services', port: defaultPort }));
    // The fixture has no nx.json: init registers the plugin first.
    expect(changeTypes(changes)).toEqual({
      'nx.json': 'CREATE',
      '.gitattributes': 'CREATE',
      '.gitignore': 'CREATE',
      'services/cmd/billing/pgo.yaml': 'CREATE',
      'services/cmd/billing/main.go': 'CREATE',
    });
    flushChanges(root, changes);
    const after = filesOnDisk(root);
    for (const change of changes) expect(after.get(change.path)).toEqual(change.content);

    const binaries = new GoWorkspaceScanner(root).workspace().binaries.map((b) => `${b.dir} ${b.importPath}`);
    expect(binaries).toContain('services/cmd/billing example.com/acme/services/cmd/billing');
  });

  it(
    'main.go is gofmt-clean, passes go vet and builds inside the go.work workspace',
    () => {
      const pkg = './services/cmd/billing';
      expect(execFileSync('gofmt', ['-l', 'services/cmd/billing'], { cwd: root, encoding: 'utf8' })).toBe('');
      execFileSync('go', ['vet', pkg], { cwd: root, env: goEnv, stdio: 'pipe' });
      execFileSync('go', ['build', '-o', binary, pkg], { cwd: root, env: goEnv, stdio: 'pipe' });
    },
    GO_TIMEOUT_MS,
  );

  it('serves pprof on the generated default port, and the handler on -addr', async () => {
    const env = { ...process.env };
    delete env['PPROF_ADDR'];
    const running = await start(['-addr', '127.0.0.1:0'], env);
    try {
      expect(running.pprofAddr).toBe(`127.0.0.1:${defaultPort}`);
      expect(await text(`http://127.0.0.1:${defaultPort}/debug/pprof/`)).toContain('Types of profiles available');
      expect(await text(`http://${running.appAddr}/`)).toBe('hello from billing\n');
      // pprof is not exposed with the service: its mux answers every path with the handler.
      expect(await text(`http://${running.appAddr}/debug/pprof/`)).toBe('hello from billing\n');
    } finally {
      running.stop();
    }
  });

  it('takes the pprof address from PPROF_ADDR, and -pprof-addr over it', async () => {
    const [fromEnv, fromFlag] = [await freePort(), await freePort()];
    const byEnv = await start(['-addr', '127.0.0.1:0'], { ...process.env, PPROF_ADDR: `127.0.0.1:${fromEnv}` });
    try {
      expect(byEnv.pprofAddr).toBe(`127.0.0.1:${fromEnv}`);
      expect(await text(`http://${byEnv.pprofAddr}/debug/pprof/cmdline`)).toContain('billing-bin');
    } finally {
      byEnv.stop();
    }
    const byFlag = await start(['-addr', '127.0.0.1:0', '-pprof-addr', `127.0.0.1:${fromFlag}`], { ...process.env, PPROF_ADDR: `127.0.0.1:${fromEnv}` });
    try {
      expect(byFlag.pprofAddr).toBe(`127.0.0.1:${fromFlag}`);
    } finally {
      byFlag.stop();
    }
  });
});

interface Running {
  pprofAddr: string;
  appAddr: string;
  stop(): void;
}

/** Starts the built binary and waits for both "… on http://<addr>/" log lines. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Running> {
  const child: ChildProcess = spawn(binary, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = (): void => {
    child.kill();
  };
  return new Promise<Running>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`no listen lines after 10 s:\n${log}`)), 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      stop();
      reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`exited with ${code}:\n${log}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const pprofAddr = /pprof on http:\/\/([^/]+)\/debug\/pprof\//.exec(log)?.[1];
      const appAddr = /billing on http:\/\/([^/]+)\//.exec(log)?.[1];
      if (pprofAddr !== undefined && appAddr !== undefined) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ pprofAddr, appAddr, stop });
      }
    });
  });
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
