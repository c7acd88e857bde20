// `go-pgo turbo init|check` through the command objects, on a copy of the e2e Go monorepo
// fixture: what they print, --dry-run, usage errors, and check failing on stale files.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GO_MONOREPO } from '../build/go-monorepo.spec-helper';
import { UsageError } from './args';
import type { CliIo } from './command';
import { turboCommand } from './turbo';
import { TurboConfigError } from '../turbo/turbo-error';

let root: string;
let out: { stdout: string; stderr: string };
let io: CliIo;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-cli-turbo-'));
  cpSync(GO_MONOREPO, root, { recursive: true });
  out = { stdout: '', stderr: '' };
  io = { stdout: { write: (c: string) => (out.stdout += c) }, stderr: { write: (c: string) => (out.stderr += c) }, cwd: root };
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const FILES = ['package.json', 'turbo.json', ...['services/cmd/api', 'services/cmd/worker', 'tools/cmd/api', 'tools/cmd/report'].flatMap((d) => [`${d}/package.json`, `${d}/turbo.json`])];

test('init --dry-run lists the files it would create and writes none', async () => {
  expect(await turboCommand.run(['init', '--dry-run'], io)).toBe(0);
  expect(out.stdout).toBe(
    [
      'go-pgo turbo init: 4 binaries: services/cmd/api (services-cmd-api), services/cmd/worker (worker), tools/cmd/api (tools-cmd-api), tools/cmd/report (report)',
      ...FILES.map((file) => `  would create ${file}`),
      'dry run: nothing written',
      '',
    ].join('\n'),
  );
  expect(FILES.filter((file) => existsSync(path.join(root, file)))).toEqual([]);
});

test('init writes the files and says what is left to do; a second init and check find them up to date', async () => {
  expect(await turboCommand.run(['init', '--root', '.'], io)).toBe(0);
  expect(out.stdout).toContain('  created      services/cmd/worker/turbo.json\n');
  expect(out.stdout).toContain('note: the scripts run go-pgo: add it to the root, npm install -D @go-pgo/core');
  expect(out.stdout).toContain('note: run npm install to link the new workspace packages');
  expect(out.stdout).toContain('note: re-run go-pgo turbo init after changing imports or adding a binary');

  out.stdout = '';
  expect(await turboCommand.run(['init', '--root', '..'], { ...io, cwd: path.join(root, 'services') })).toBe(0);
  expect(out.stdout).toMatch(/\n {2}every file is up to date\n$/);
  out.stdout = '';
  expect(await turboCommand.run(['check'], io)).toBe(0);
  expect(out.stdout).toBe('go-pgo turbo check: the files of 4 binaries are up to date\n');
});

test('check fails naming the stale files after an import change', async () => {
  await turboCommand.run(['init'], io);
  const main = path.join(root, 'tools/cmd/api/main.go');
  writeFileSync(main, readFileSync(main, 'utf8').replace('import (', 'import (\n\t_ "example.com/acme/tools/internal/tabulate"'));
  await expect(turboCommand.run(['check'], io)).rejects.toThrow(
    new TurboConfigError('the Turborepo files of 1 file are stale (tools/cmd/api/turbo.json): run go-pgo turbo init and commit the result'),
  );
});

test('help, and usage errors', async () => {
  expect(await turboCommand.run(['init', '--help'], io)).toBe(0);
  expect(out.stdout).toMatch(/^Usage: go-pgo turbo init \[--root <dir>\] \[--dry-run\]/);
  expect(out.stdout).toContain('$TURBO_ROOT$');
  await expect(turboCommand.run(['init', 'extra'], io)).rejects.toThrow(new UsageError("unexpected argument 'extra'", 'go-pgo turbo init'));
  await expect(turboCommand.run(['check', '--dry-run'], io)).rejects.toThrow(UsageError);
  await expect(turboCommand.run(['int'], io)).rejects.toThrow("unknown command 'int' (did you mean 'init'?)");
});
