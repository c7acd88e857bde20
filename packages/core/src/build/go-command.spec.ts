import os from 'node:os';
import { go } from '../../../../tools/test-support/go-tool';
import { GoCommandError, runGo } from './go-command';

const cwd = os.tmpdir();

test('returns go\'s stdout and streams its output as it comes', async () => {
  const chunks: string[] = [];
  const out = await runGo(['env', 'GOVERSION'], { cwd, onOutput: (chunk) => chunks.push(chunk) });
  expect(out).toBe(go(['env', 'GOVERSION']).trim());
  expect(chunks.join('')).toBe(`${out}\n`);
});

test('a failing go command: exit code, stderr and its first message in one line', async () => {
  const error = await runGo(['version', '-m', '/no/such/binary'], { cwd }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GoCommandError);
  expect(error).toMatchObject({ code: 'go-failed', exitCode: 1 });
  expect((error as GoCommandError).message).toMatch(/^go version exited with 1: stat \/no\/such\/binary: no such file or directory$/);
});

test('go missing from PATH says how to fix it', async () => {
  const error = await runGo(['version'], { cwd, env: { PATH: '' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GoCommandError);
  expect(error).toMatchObject({
    code: 'go-not-found',
    message: 'go version: the go command was not found on PATH: install Go (https://go.dev/dl/) and put its bin directory on PATH',
  });
});

test('a working directory that does not exist is not mistaken for go missing', async () => {
  const error = await runGo(['version'], { cwd: '/no/such/dir' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GoCommandError);
  expect(error).toMatchObject({ code: 'no-directory', message: 'go version: cannot run in /no/such/dir: the directory does not exist' });
});
