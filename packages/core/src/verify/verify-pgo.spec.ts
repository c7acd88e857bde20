// verifyPgo and the go version -m reader on real Go binaries that need no build: the
// toolchain's own cmd/compile is built with PGO (its default.pgo), gofmt is not. go version -m,
// run here by the test itself, is the oracle for what they carry.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { go } from '../../../../tools/test-support/go-tool';
import { parseGoVersionM, readGoBuildInfo } from './go-version-m';
import { PgoVerifyError } from './verify-error';
import { verifyPgo, type VerifyPgoOptions } from './verify-pgo';

const exe = process.platform === 'win32' ? '.exe' : '';
const withPgo = path.join(go(['env', 'GOTOOLDIR']).trim(), `compile${exe}`);
const withoutPgo = path.join(go(['env', 'GOROOT']).trim(), 'bin', `gofmt${exe}`);
const toolDir = path.dirname(withPgo);
const settingLines = (binary: string): string[] => go(['version', '-m', binary]).split('\n').filter((l) => l.startsWith('\tbuild\t'));

test('the oracle agrees on the premise: cmd/compile has -pgo=default.pgo, gofmt has no -pgo', () => {
  expect(settingLines(withPgo)).toContain('\tbuild\t-pgo=default.pgo');
  expect(settingLines(withoutPgo).filter((l) => l.includes('-pgo'))).toEqual([]);
});

describe('readGoBuildInfo', () => {
  test.each([[withPgo], [withoutPgo]])('%s: path, Go version and every build setting', async (binary) => {
    const info = await readGoBuildInfo(binary, 'x');
    expect(info.goVersion).toBe(go(['env', 'GOVERSION']).trim());
    expect(info.path).toBe(binary === withPgo ? 'cmd/compile' : 'cmd/gofmt');
    const lines = settingLines(binary);
    expect(info.settings.size).toBe(lines.length);
    expect(info.settings.get('GOOS')).toBe(go(['env', 'GOOS']).trim());
    expect(info.settings.get('-trimpath')).toBe('true');
    // Every setting reads back to the line go printed (none of these needs quoting).
    expect([...info.settings].map(([key, value]) => `\tbuild\t${key}=${value}`)).toEqual(lines);
  });

  test.each([[0o755], [0o644]])('a file that is not a Go binary (mode %o)', async (mode) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-verify-'));
    try {
      const file = path.join(dir, 'script');
      writeFileSync(file, '#!/bin/sh\necho hi\n');
      chmodSync(file, mode);
      const error = await readGoBuildInfo(file, 'bin/script').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PgoVerifyError);
      expect(error).toMatchObject({
        code: 'not-go-binary',
        message: 'bin/script: go version -m finds no Go build information in it: give a binary built by go build',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('parseGoVersionM unquotes Go-quoted keys and values, as runtime/debug writes them', () => {
  const text = [
    '/x/bin/app: go1.26.0',
    '\tpath\texample.com/app',
    '\tmod\texample.com/app\t(devel)\t',
    '\tbuild\t-gcflags="-l -B"',
    '\tbuild\t"weird=key"="a\\tb"',
    '\tbuild\t-pgo=default.pgo',
    '',
  ].join('\n');
  const info = parseGoVersionM(text, 'app');
  expect(info).toEqual({
    goVersion: 'go1.26.0',
    path: 'example.com/app',
    settings: new Map([
      ['-gcflags', '-l -B'],
      ['weird=key', 'a\tb'],
      ['-pgo', 'default.pgo'],
    ]),
  });
  expect(() => parseGoVersionM('/x: go1.26.0\n\tbuild\tno-equals-sign\n', 'app')).toThrow(
    'app: go version -m printed a build setting go-pgo cannot read: "\\tbuild\\tno-equals-sign"',
  );
});

describe('verifyPgo', () => {
  const options = (binary: string, more: Partial<VerifyPgoOptions>): VerifyPgoOptions => ({
    binary,
    workspaceRoot: toolDir,
    profileConfigured: true,
    rebuildCommand: 'go-pgo build cmd/x',
    ...more,
  });
  async function failure(more: VerifyPgoOptions): Promise<PgoVerifyError> {
    const error = await verifyPgo(more).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgoVerifyError);
    return error as PgoVerifyError;
  }

  test('configured and built with that profile: passes', async () => {
    await expect(verifyPgo(options(withPgo, { profile: path.join(toolDir, 'src', 'default.pgo') }))).resolves.toEqual({
      pgo: 'default.pgo',
      message: `compile${exe}: built with -pgo=default.pgo (configured: src/default.pgo)`,
    });
  });

  test('configured, profile path unknown: any -pgo passes', async () => {
    await expect(verifyPgo(options(withPgo, {}))).resolves.toMatchObject({ pgo: 'default.pgo' });
  });

  test('configured but built without PGO: fails naming the binary, the profile and what to run', async () => {
    const error = await failure(options(withoutPgo, { workspaceRoot: path.dirname(withoutPgo), profile: path.join(path.dirname(withoutPgo), 'default.pgo') }));
    expect(error.code).toBe('no-pgo');
    expect(error.message).toBe(
      `gofmt${exe} was built without PGO (go version -m shows no -pgo build setting), but the profile default.pgo is configured for it: ` +
        'it was built with -pgo=off (e.g. by pgo-build:off or go-pgo build --off) or restored from a cache entry made before the profile existed; ' +
        'rebuild it: go-pgo build cmd/x',
    );
  });

  test('configured with another profile than the one built with: fails', async () => {
    const error = await failure(options(withPgo, { profile: path.join(toolDir, 'prod.pgo') }));
    expect(error.code).toBe('other-profile');
    expect(error.message).toBe(`compile${exe} was built with -pgo=default.pgo, but the profile prod.pgo is configured for it: rebuild it: go-pgo build cmd/x`);
  });

  test('no profile configured: passes either way and says so', async () => {
    await expect(verifyPgo(options(withoutPgo, { workspaceRoot: path.dirname(withoutPgo), profileConfigured: false }))).resolves.toEqual({
      pgo: undefined,
      message: `gofmt${exe}: built without PGO (no -pgo build setting); no profile is configured for it, so there is nothing to check`,
    });
    await expect(verifyPgo(options(withPgo, { profileConfigured: false }))).resolves.toEqual({
      pgo: 'default.pgo',
      message: `compile${exe}: built with -pgo=default.pgo; no profile is configured for it, so there is nothing to check`,
    });
  });

  test('a binary that is not there (or is a directory) was not built', async () => {
    for (const binary of [path.join(toolDir, 'no-such-binary'), toolDir]) {
      const error = await failure(options(binary, {}));
      expect(error.code).toBe('missing-binary');
      expect(error.message).toMatch(/^(no-such-binary|\.): no such binary: build it first \(go-pgo build cmd\/x\)$/);
    }
  });
});
