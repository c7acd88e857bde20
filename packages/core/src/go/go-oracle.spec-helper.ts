// The Go toolchain's own answers for the scanner's tests: testdata/oracle.go runs go/build's
// MatchFile, go/build/constraint and go/parser on inputs the tests send. It is built once per
// content and Go version, into os.tmpdir(), and reused by every test file and run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildContext } from './build-context';

const source = path.join(__dirname, 'testdata', 'oracle.go');
/** Keeps a go.work or go.mod around the repository from changing how the oracle is built. */
export const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };

export interface OracleContext {
  goos: string;
  goarch: string;
  cgoEnabled: boolean;
  buildTags: string[];
  toolTags: string[];
  releaseTags: string[];
}

export interface OracleFile {
  name: string;
  package?: string;
  imports?: { line: number; path: string }[];
  parseErr?: string;
  /** MatchFile per context, in the order given. */
  match: boolean[];
  matchErr: string[];
}

let binary: string | undefined;

/** `go version`'s minor, e.g. 26 for go1.26.8. */
export function goMinor(): number {
  const version = execFileSync('go', ['env', 'GOVERSION'], { env: goEnv, encoding: 'utf8' }).trim();
  return Number(/^go1\.(\d+)/.exec(version)![1]);
}

/** go1.1 … go1.<minor>, as go/build's ReleaseTags. */
export function releaseTags(minor: number): string[] {
  return Array.from({ length: minor }, (_, i) => `go1.${i + 1}`);
}

/** Evaluates //go:build or // +build lines with the given tags set. */
export function oracleConstraints(lines: string[], tags: string[]): { err?: string; value: boolean }[] {
  return run('constraint', { lines, tags }) as { err?: string; value: boolean }[];
}

/** go/parser and MatchFile on in-memory files. */
export function oracleFiles(files: { name: string; content: string }[], contexts: OracleContext[]): OracleFile[] {
  return run('files', { files, contexts }) as OracleFile[];
}

/** go/parser and MatchFile on every .go file under `dir`; names are '/'-relative to it. */
export function oracleTree(dir: string, contexts: OracleContext[]): OracleFile[] {
  return run('goroot', { dir, contexts }) as OracleFile[];
}

function run(command: string, request: unknown): unknown {
  const out = execFileSync(oracleBinary(), [command], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

function oracleBinary(): string {
  if (binary !== undefined) return binary;
  const version = execFileSync('go', ['version'], { env: goEnv, encoding: 'utf8' });
  const hash = createHash('sha256').update(readFileSync(source)).update(version).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'go-pgo-scanner-oracle');
  const target = path.join(dir, `oracle-${hash}${process.platform === 'win32' ? '.exe' : ''}`);
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true });
    // Built under a private name and renamed, so concurrent Jest workers never run half a file.
    const temp = `${target}.${process.pid}.tmp`;
    execFileSync('go', ['build', '-o', temp, source], { env: goEnv, cwd: path.dirname(source), stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(temp, target);
  }
  binary = target;
  return binary;
}

/**
 * `go mod edit -json` / `go work edit -json` on `text` written to a temporary go.mod / go.work:
 * the go command's own parse, or its error message (stderr) when it rejects the file.
 */
export function goEditJson(kind: 'mod' | 'work', text: string): { json?: unknown; error?: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-modfile-'));
  try {
    const file = path.join(dir, kind === 'mod' ? 'go.mod' : 'go.work');
    writeFileSync(file, text);
    const out = spawnSync('go', [kind, 'edit', '-json', ...(kind === 'work' ? [file] : [])], { cwd: dir, env: goEnv, encoding: 'utf8' });
    return out.status === 0 ? { json: JSON.parse(out.stdout) } : { error: out.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The go/build context equivalent to ours (user and level tags passed as build tags). */
export function oracleContext(context: BuildContext, releaseMinor: number): OracleContext {
  return {
    goos: context.goos,
    goarch: context.goarch,
    cgoEnabled: context.cgoEnabled,
    buildTags: [...context.tags],
    toolTags: [],
    releaseTags: releaseTags(releaseMinor),
  };
}
