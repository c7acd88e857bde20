import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgoConfigError } from './config-error';
import { parsePgoConfig, readPgoConfig } from './pgo-config';
import { locateProfile } from './resolve-profile';

const workspaceRoot = path.resolve('/ws');
const binaryDir = path.join(workspaceRoot, 'services', 'cmd', 'api');
const file = path.join(binaryDir, 'pgo.yaml');
const parse = (text: string): ReturnType<typeof parsePgoConfig> => parsePgoConfig(text, file, { workspaceRoot, binaryDir });

function configError(text: string): PgoConfigError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PgoConfigError);
    return error as PgoConfigError;
  }
  throw new Error(`expected a PgoConfigError for ${JSON.stringify(text)}`);
}

describe('parsePgoConfig', () => {
  test('profile resolves against the binary directory; values come back as written', () => {
    const text = `# profile config of api
profile: ../../profiles/api.pgo
capture:
  seconds: 30
  sources:
    - http: { urls: [http://10.0.0.5:6060] }
`;
    expect(parse(text)).toEqual({
      file,
      profile: path.join(workspaceRoot, 'services', 'profiles', 'api.pgo'),
      values: {
        profile: '../../profiles/api.pgo',
        capture: { seconds: 30, sources: [{ http: { urls: ['http://10.0.0.5:6060'] } }] },
      },
    });
  });

  // The graph (Nx) reads pgo.yaml through parsePgoConfig: a mistake anywhere in it must fail there too.
  test('the whole file is validated, not only profile', () => {
    const error = configError('profile: p.pgo\nmerge:\n  normalise: none\n');
    expect(error.message).toBe('services/cmd/api/pgo.yaml:3:3: merge.normalise is not a setting: did you mean normalize?');
  });

  test.each([[''], ['# only a comment\n'], ['---\n']])('%j: no settings, no profile', (text) => {
    expect(parse(text)).toEqual({ file, profile: undefined, values: {} });
  });

  test('without a profile key the other keys still come back', () => {
    expect(parse('capture:\n  seconds: 10\n')).toEqual({ file, profile: undefined, values: { capture: { seconds: 10 } } });
  });

  const notAPath = (found: string, advice = 'write e.g. "profile: default.pgo"'): string =>
    `profile must be the path of the profile file relative to services/cmd/api, found ${found}: ${advice}`;

  test.each([
    ['profile: 123\n', 1, 10, notAPath('the number 123', 'quote it, e.g. profile: "123"')],
    ['profile: true\n', 1, 10, notAPath('the boolean true', 'quote it, e.g. profile: "true"')],
    ['capture:\n  seconds: 3\nprofile:\n', 3, 9, notAPath('nothing')],
    ["profile: ''\n", 1, 10, notAPath('an empty string')],
    ['profile: "   "\n', 1, 10, notAPath('an empty string')],
    ['profile: [a.pgo]\n', 1, 10, notAPath('a list')],
    ['profile:\n  path: a.pgo\n', 2, 3, notAPath('a mapping')],
    ['profile: !!binary aGk=\n', 1, 19, notAPath('binary data')],
    [
      '# up and out\nprofile: ../../../../outside.pgo\n',
      2,
      10,
      `profile "../../../../outside.pgo" is outside the workspace (${path.resolve('/outside.pgo')}): keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content`,
    ],
    [
      'profile: /etc/passwd\n',
      1,
      10,
      `profile "/etc/passwd" is outside the workspace (${path.resolve('/etc/passwd')}): keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content`,
    ],
    ['profile: [a\n', 2, 1, 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['profile: a.pgo\nprofile: b.pgo\n', 2, 1, 'not valid YAML: Map keys must be unique'],
    ['- a\n- b\n', 1, 1, 'expected settings (key: value lines, e.g. "profile: default.pgo"), found a list'],
    ['just text\n', 1, 1, 'expected settings (key: value lines, e.g. "profile: default.pgo"), found the text "just text"'],
  ])('%j → %d:%d', (text, line, column, message) => {
    const error = configError(text);
    expect(error.file).toBe('services/cmd/api/pgo.yaml');
    expect(error.position).toEqual({ line, column });
    expect(error.message).toBe(`services/cmd/api/pgo.yaml:${line}:${column}: ${message}`);
  });

  test('a path that goes up but stays inside the workspace is fine', () => {
    expect(parse('profile: ../../../shared/p.pgo\n').profile).toBe(path.join(workspaceRoot, 'shared', 'p.pgo'));
  });

  test('an alias bomb is refused, not expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c']]) {
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(configError(`${levels.join('\n')}\n`).message).toMatch(
      /^services\/cmd\/api\/pgo\.yaml: cannot be expanded: .*: write the values out instead of using aliases$/,
    );
  });
});

describe('reading pgo.yaml and locating the profile', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-config-'));
    dir = path.join(root, 'svc', 'cmd', 'api');
    mkdirSync(dir, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('no pgo.yaml: an empty configuration, and default.pgo is used only when it exists', async () => {
    expect(await readPgoConfig({ workspaceRoot: root, binaryDir: dir })).toEqual({ file: undefined, profile: undefined, values: {} });
    const absent = await locateProfile({ workspaceRoot: root, binaryDir: dir });
    expect(absent).toEqual({ path: path.join(dir, 'default.pgo'), source: 'default', configFile: undefined, configured: false, exists: false });
    writeFileSync(path.join(dir, 'default.pgo'), 'x');
    expect(await locateProfile({ workspaceRoot: root, binaryDir: dir })).toMatchObject({ source: 'default', exists: true });
  });

  test('pgo.yaml names the profile; an explicit option wins over it', async () => {
    writeFileSync(path.join(dir, 'pgo.yaml'), 'profile: prod.pgo\n');
    writeFileSync(path.join(dir, 'default.pgo'), 'x');
    expect(await locateProfile({ workspaceRoot: root, binaryDir: dir })).toEqual({
      path: path.join(dir, 'prod.pgo'),
      source: 'pgo.yaml',
      configFile: path.join(dir, 'pgo.yaml'),
      configured: true,
      exists: false,
    });
    expect(await locateProfile({ workspaceRoot: root, binaryDir: dir, profile: 'svc/cmd/api/default.pgo' })).toEqual({
      path: path.join(dir, 'default.pgo'),
      source: 'option',
      configFile: undefined,
      configured: true,
      exists: true,
    });
  });

  test('a pgo.yaml that cannot be read is an error naming it', async () => {
    mkdirSync(path.join(dir, 'pgo.yaml'));
    const error = await readPgoConfig({ workspaceRoot: root, binaryDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgoConfigError);
    expect((error as PgoConfigError).message).toBe('svc/cmd/api/pgo.yaml: cannot read it (EISDIR): make it a readable file');
  });
});
