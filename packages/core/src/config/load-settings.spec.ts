import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import { PgoConfigError } from './config-error';
import { loadPgoSettings, parseConfiguredPgo, parsePgoSettings, type PgoDefaults } from './load-settings';
import { layer } from './schema';
import type { PgoSettings } from './pgo-settings';

const workspaceRoot = path.resolve('/ws');
const binaryDir = path.join(workspaceRoot, 'svc', 'cmd', 'api');
const file = path.join(binaryDir, 'pgo.yaml');
const location = { workspaceRoot, binaryDir };
const parse = (text: string, defaults?: PgoDefaults, label?: string): PgoSettings => parsePgoSettings(text, file, location, defaults, label);

function failure(run: () => unknown): PgoConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PgoConfigError);
    return error as PgoConfigError;
  }
  throw new Error('expected a PgoConfigError');
}

const BUILT_INS: Omit<PgoSettings, 'file'> = {
  profile: path.join(binaryDir, 'default.pgo'),
  profileSource: 'built-in',
  capture: { seconds: 30, quorum: 0.6, concurrency: 64, attempts: 4, sources: [] },
  merge: { normalize: 'duration', weights: {}, dropLabels: true, noInline: [], keepFrames: 5, compact: 'default' },
  validate: { minBytes: 10240, minSamples: 1000, minStartLineCoverage: 0.99, maxStaleRatio: 0.2, minCallSiteMatch: 0.8, minCoverage: 0.3, maxWrongBinaryRatio: 0.2 },
  bench: { packages: [], bench: '.', count: 8, gates: {} },
  loadtest: { args: [], env: {}, health: '/healthz', startSeconds: 30, rounds: 10, requests: 2000, warmup: 1000, concurrency: 4, gates: { cpuPerRequest: 0.05 } },
  canary: {
    from: 'now-1h',
    until: 'now',
    step: '1m',
    minSteps: 10,
    queries: { cpu: 'sum(rate(process_cpu_seconds_total{<selector>}[<step>]))', requests: 'sum(rate(http_requests_total{<selector>}[<step>]))' },
    gates: { cpuPerRequest: 0.05 },
  },
};

/** The ```yaml block of DESIGN.md's "Profile config" section. */
function designExample(): string {
  const design = readFileSync(path.resolve(repoRoot, '../shared/DESIGN.md'), 'utf8');
  const section = design.slice(design.indexOf('## Profile config'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('DESIGN.md has no pgo.yaml example under "## Profile config"');
  return match[1]!;
}

describe('parsePgoSettings', () => {
  test('an empty pgo.yaml gets every built-in default', () => {
    expect(parse('')).toEqual({ file, ...BUILT_INS });
  });

  test("DESIGN.md's full example", () => {
    const window = { from: 'now-1h', until: 'now' };
    expect(parse(designExample())).toEqual({
      file,
      profile: path.join(binaryDir, 'default.pgo'),
      profileSource: 'pgo.yaml',
      capture: {
        seconds: 30,
        quorum: 0.6,
        concurrency: 64,
        attempts: 4,
        sources: [
          { kind: 'http', name: 'http', urls: ['http://10.0.0.5:6060', 'http://10.0.0.6:6060'], path: '/debug/pprof/profile' },
          { kind: 'kubernetes', name: 'kubernetes', namespace: 'prod', selector: 'app=myapp', port: 6060, maxPods: 10, path: '/debug/pprof/profile' },
          {
            kind: 'pyroscope',
            name: 'pyroscope',
            url: 'https://pyroscope.example.com',
            query: '{service_name="myapp"}',
            profileType: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
            ...window,
          },
          { kind: 'parca', name: 'parca', url: 'https://parca.example.com', query: 'process_cpu:samples:count:cpu:nanoseconds:delta{job="myapp"}', ...window },
          { kind: 'gcp', name: 'gcp', project: 'my-project', service: 'myapp', maxProfiles: 20, ...window },
          { kind: 'bench', name: 'bench', packages: ['./bench/...'], bench: '.', benchtime: '10s' },
        ],
      },
      merge: { normalize: 'duration', weights: { 'prod-us': 2, 'prod-eu': 1 }, dropLabels: true, noInline: ['runtime.gopark'], keepFrames: 5, compact: 'default' },
      validate: { minBytes: 10240, minSamples: 1000, minStartLineCoverage: 0.99, maxStaleRatio: 0.2, minCallSiteMatch: 0.8, minCoverage: 0.3, maxWrongBinaryRatio: 0.2 },
      bench: { packages: ['./internal/svc/...'], bench: '.', count: 8, gates: { cpu: 0.05, binarySize: 0.05, buildTime: 0.25 } },
      loadtest: BUILT_INS.loadtest,
      canary: BUILT_INS.canary,
    });
  });

  test('source settings: names, paths made absolute, kind defaults', () => {
    const settings = parse(`capture:
  sources:
    - http: { name: prod-us, urls: [https://a.example.com:6060], path: /debug/pprof/cpu }
    - http: { name: prod-eu, urls: [http://10.0.0.7:6060] }
    - file: { paths: [profiles/*.pprof, ../../shared/p.pb.gz] }
    - kubernetes: { namespace: prod, selector: app=api, port: 6060, maxPods: 3, context: eu-1 }
    - gcp: { project: p, service: s, version: v1, zone: eu, from: 2024-05-01T12:00:00Z, until: now-5m, maxProfiles: 4 }
`);
    expect(settings.capture.sources).toEqual([
      { kind: 'http', name: 'prod-us', urls: ['https://a.example.com:6060'], path: '/debug/pprof/cpu' },
      { kind: 'http', name: 'prod-eu', urls: ['http://10.0.0.7:6060'], path: '/debug/pprof/profile' },
      { kind: 'file', name: 'file', paths: [path.join(binaryDir, 'profiles/*.pprof'), path.join(workspaceRoot, 'svc/shared/p.pb.gz')] },
      { kind: 'kubernetes', name: 'kubernetes', namespace: 'prod', selector: 'app=api', port: 6060, maxPods: 3, context: 'eu-1', path: '/debug/pprof/profile' },
      { kind: 'gcp', name: 'gcp', project: 'p', service: 's', version: 'v1', zone: 'eu', from: '2024-05-01T12:00:00Z', until: 'now-5m', maxProfiles: 4 },
    ]);
  });

  test.each([
    ['capture:\n  quorum: 60%\n', 0.6],
    ['capture:\n  quorum: 0.6\n', 0.6],
    ['capture:\n  quorum: "100 %"\n', 1],
    ['capture:\n  quorum: 0\n', 0],
  ])('%j: quorum %d', (text, quorum) => {
    expect(parse(text).capture.quorum).toBe(quorum);
  });

  test('gates: fractions or percentages, a percentage may pass 100%', () => {
    expect(parse('bench:\n  gates: { cpu: 5%, binarySize: 0.1, buildTime: 150% }\n').bench.gates).toEqual({ cpu: 0.05, binarySize: 0.1, buildTime: 1.5 });
  });

  const sources = (item: string): string => `capture:\n  sources:\n    - ${item}\n`;
  // [pgo.yaml, line, column, message after "svc/cmd/api/pgo.yaml:L:C: "]
  test.each([
    // types
    ['capture:\n  quorum: most\n', 2, 11, 'capture.quorum must be a number between 0 and 1 or a percentage like 60%, found the text "most"'],
    ['capture:\n  quorum: 1.5\n', 2, 11, 'capture.quorum must be a number between 0 and 1 or a percentage like 60%, found the number 1.5'],
    ['validate:\n  maxStaleRatio: 120%\n', 2, 18, 'validate.maxStaleRatio must be a number between 0 and 1 or a percentage like 60%, found the text "120%"'],
    ['bench:\n  gates: { cpu: 5 }\n', 2, 17, 'bench.gates.cpu must be a fraction between 0 and 1 or a percentage like 5%, found the number 5'],
    ['capture:\n  seconds: 1.5\n', 2, 12, 'capture.seconds must be a whole number ≥ 1, found the number 1.5'],
    ['capture:\n  seconds: "30"\n', 2, 12, 'capture.seconds must be a whole number ≥ 1, found the text "30"'],
    ['capture:\n  concurrency: 0\n', 2, 16, 'capture.concurrency must be a whole number ≥ 1, found the number 0'],
    ['merge:\n  keepFrames: 1\n', 2, 15, 'merge.keepFrames must be a whole number ≥ 2, found the number 1'],
    ['merge:\n  normalize: sum\n', 2, 14, 'merge.normalize must be duration or none, found the text "sum"'],
    ['merge:\n  dropLabels: yes\n', 2, 15, 'merge.dropLabels must be true or false, found the text "yes"'],
    ['merge:\n  weights: { a: -1 }\n', 2, 17, 'merge.weights.a must be a number ≥ 0, found the number -1'],
    ['merge:\n  weights: [a]\n', 2, 12, 'merge.weights must be key: value pairs, each key a source name or an instance glob, e.g. { prod-us: 2 }, found a list'],
    ['merge:\n  noInline: runtime.gopark\n', 2, 13, 'merge.noInline must be a list, e.g. [runtime.gopark], found the text "runtime.gopark"'],
    ['capture: 30\n', 1, 10, 'capture must be settings (key: value lines, e.g. "seconds: 30"), found the number 30'],
    ['bench:\n  benchtime: 10 seconds\n', 2, 14, 'bench.benchtime must be a go test -benchtime, a duration like 10s or a count like 100x, found the text "10 seconds"'],
    // unknown keys
    ['capture:\n  qourum: 0.5\n', 2, 3, 'capture.qourum is not a setting: did you mean quorum?'],
    ['cature:\n  seconds: 1\n', 1, 1, 'cature is not a setting: did you mean capture?'],
    ['capture:\n  zzz: 1\n', 2, 3, 'capture.zzz is not a setting: the settings here are seconds, quorum, concurrency, attempts, sources'],
    ['bench:\n  gates: { memory: 5% }\n', 2, 12, 'bench.gates.memory is not a setting: the settings here are cpu, binarySize, buildTime'],
    // sources
    [sources('http: { urls: [ftp://x] }'), 3, 22, 'capture.sources[0].http.urls[0] must be an http(s) URL like http://10.0.0.5:6060, found the text "ftp://x"'],
    [sources('http: { urls: [] }'), 3, 21, 'capture.sources[0].http.urls must list at least one item, e.g. "urls: [http://10.0.0.5:6060]"'],
    [sources('htp: { urls: [http://x] }'), 3, 7, 'capture.sources[0] has the unknown source kind "htp": did you mean http?'],
    [sources('ftp: {}'), 3, 7, 'capture.sources[0] has the unknown source kind "ftp": use one of http, kubernetes, pyroscope, parca, gcp, file, bench'],
    [sources('http: { urls: [http://x] }\n      name: a'), 3, 7,
      'capture.sources[0] must be a source written as one key naming its kind (http, kubernetes, pyroscope, parca, gcp, file, bench), found 2 keys (http, name): write e.g. "- http: { name: prod-us, urls: [http://10.0.0.5:6060] }"'],
    [sources('http://10.0.0.5:6060'), 3, 7,
      'capture.sources[0] must be a source written as one key naming its kind (http, kubernetes, pyroscope, parca, gcp, file, bench), found the text "http://10.0.0.5:6060": write e.g. "- http: { name: prod-us, urls: [http://10.0.0.5:6060] }"'],
    [`${sources('http: { urls: [http://x] }')}    - http: { urls: [http://y] }\n`, 4, 7, 'capture.sources[1] has the name "http" of capture.sources[0] too: give each a name of its own'],
    [sources('http: { name: "prod us", urls: [http://x] }'), 3, 21, `capture.sources[0].http.name must be a name of letters, digits, '.', '_' and '-', e.g. prod-us, found the text "prod us": write e.g. "name: prod-us"`],
    [sources('kubernetes: { namespace: prod, selector: a=b, port: 70000 }'), 3, 59, 'capture.sources[0].kubernetes.port must be a whole number between 1 and 65535, found the number 70000'],
    [sources('kubernetes: { namespace: prod, selector: a=b, port: 6060, maxPods: 0 }'), 3, 74, 'capture.sources[0].kubernetes.maxPods must be a whole number ≥ 1, found the number 0'],
    [sources('kubernetes: { namespace: prod, port: 6060 }'), 3, 19, 'capture.sources[0].kubernetes needs selector: write e.g. "selector: app=myapp"'],
    [sources('kubernetes: { namespace: 42, selector: a=b, port: 1 }'), 3, 32, 'capture.sources[0].kubernetes.namespace must be a text, found the number 42: quote it, e.g. namespace: "42"'],
    [sources('bench:'), 3, 13, 'capture.sources[0].bench needs packages: write e.g. "packages: [./bench/...]"'],
    [sources('gcp: { project: p }'), 3, 12, 'capture.sources[0].gcp needs service: write e.g. "service: myapp"'],
    [sources('pyroscope: { url: http://p, query: q, from: yesterday }'), 3, 51,
      'capture.sources[0].pyroscope.from must be now, now-<N><unit> (e.g. now-1h) or an RFC 3339 time (e.g. 2024-05-01T12:00:00Z), found the text "yesterday"'],
    [sources('http: { urls: [http://x], path: debug/pprof/profile }'), 3, 39, "capture.sources[0].http.path must be a URL path starting with '/', e.g. /debug/pprof/profile, found the text \"debug/pprof/profile\""],
    // paths
    ['profile: ../../../../x.pgo\n', 1, 10, `profile "../../../../x.pgo" is outside the workspace (${path.resolve('/x.pgo')}): keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content`],
    ['profile: "C:/profiles/x.pgo"\n', 1, 10, 'profile "C:/profiles/x.pgo" is outside the workspace (C:/profiles/x.pgo): keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content'],
    ['profile: "..\\\\..\\\\x.pgo"\n', 1, 10, `profile "..\\..\\x.pgo" has a '\\': write paths with '/' separators, so they mean the same on every OS`],
    [sources('file: { paths: [../../../../x/*.pprof] }'), 3, 23, `capture.sources[0].file.paths[0] "../../../../x/*.pprof" is outside the workspace (${path.resolve('/x/*.pprof')}): read profiles from inside the workspace`],
    [sources('file: { paths: [profiles/*/../../../../../../y] }'), 3, 23, `capture.sources[0].file.paths[0] "profiles/*/../../../../../../y" is outside the workspace (${path.resolve('/y')}): read profiles from inside the workspace`],
    ['bench:\n  packages: [../../../../x/...]\n', 2, 14, `bench.packages[0] "../../../../x/..." is outside the workspace (${path.resolve('/x/...')}): benchmark only packages of the workspace`],
  ])('%j → %d:%d', (text, line, column, message) => {
    const error = failure(() => parse(text));
    expect(error.file).toBe('svc/cmd/api/pgo.yaml');
    expect(error.position).toEqual({ line, column });
    expect(error.message).toBe(`svc/cmd/api/pgo.yaml:${line}:${column}: ${message}`);
  });

  test('import-path package patterns are not paths', () => {
    expect(parse('bench:\n  packages: [example.com/m/internal/..., ./internal/svc/...]\n').bench.packages).toEqual(['example.com/m/internal/...', './internal/svc/...']);
  });

  test('an alias is followed', () => {
    const settings = parse('capture:\n  sources:\n    - http: { urls: &fleet [http://a:1, http://b:2] }\n    - http: { name: again, urls: *fleet }\n');
    expect(settings.capture.sources.map((s) => (s.kind === 'http' ? s.urls : []))).toEqual([
      ['http://a:1', 'http://b:2'],
      ['http://a:1', 'http://b:2'],
    ]);
  });
});

test('without pgo.yaml (text undefined) the settings are the defaults, and no file is named', () => {
  expect(parsePgoSettings(undefined, file, location, { profile: 'x.pgo' })).toMatchObject({ file: undefined, profile: path.join(binaryDir, 'x.pgo'), profileSource: 'defaults' });
  expect(parsePgoSettings(undefined, file, location)).toEqual({ file: undefined, ...BUILT_INS });
});

describe('defaults', () => {
  const defaults: PgoDefaults = {
    profile: 'release.pgo',
    capture: { seconds: 10, quorum: '80%', sources: [{ http: { urls: ['http://default:6060'] } }] },
    merge: { weights: { canary: 0.5, 'prod-us': 3 }, noInline: ['a.F'] },
    bench: { gates: { cpu: '3%', buildTime: 0.5 } },
  };

  test('defaults fill what pgo.yaml leaves out; pgo.yaml wins; mappings merge, lists replace', () => {
    const settings = parse(
      'capture:\n  seconds: 20\n  sources:\n    - http: { urls: [http://mine:6060] }\nmerge:\n  weights: { prod-us: 2 }\n  noInline: [b.G]\nbench:\n  gates: { cpu: 5% }\n',
      defaults,
    );
    expect(settings.profile).toBe(path.join(binaryDir, 'release.pgo'));
    expect(settings.profileSource).toBe('defaults');
    expect(settings.capture).toEqual({
      seconds: 20,
      quorum: 0.8,
      concurrency: 64,
      attempts: 4,
      sources: [{ kind: 'http', name: 'http', urls: ['http://mine:6060'], path: '/debug/pprof/profile' }],
    });
    expect(settings.merge).toEqual({ normalize: 'duration', weights: { canary: 0.5, 'prod-us': 2 }, dropLabels: true, noInline: ['b.G'], keepFrames: 5, compact: 'default' });
    expect(settings.bench.gates).toEqual({ cpu: 0.05, buildTime: 0.5 });
  });

  test('with an empty pgo.yaml the defaults are the settings, built-ins below them', () => {
    expect(parse('', defaults)).toEqual({
      ...BUILT_INS,
      file,
      profile: path.join(binaryDir, 'release.pgo'),
      profileSource: 'defaults',
      capture: { ...BUILT_INS.capture, seconds: 10, quorum: 0.8, sources: [{ kind: 'http', name: 'http', urls: ['http://default:6060'], path: '/debug/pprof/profile' }] },
      merge: { ...BUILT_INS.merge, weights: { canary: 0.5, 'prod-us': 3 }, noInline: ['a.F'] },
      bench: { ...BUILT_INS.bench, gates: { cpu: 0.03, buildTime: 0.5 } },
    });
  });

  test.each([
    [{ capture: { quorum: 'most' } }, 'capture.quorum must be a number between 0 and 1 or a percentage like 60%, found the text "most"'],
    [{ merge: { wieghts: {} } }, 'merge.wieghts is not a setting: did you mean weights?'],
    [{ profile: '../../../../x.pgo' }, `profile "../../../../x.pgo" is outside the workspace (${path.resolve('/x.pgo')}): keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content`],
    [{ capture: { sources: [{ kubernetes: { namespace: 'p', selector: 's' } }] } }, 'capture.sources[0].kubernetes needs port: write e.g. "port: 6060"'],
  ] as [PgoDefaults, string][])('bad defaults %j are named by their label, without a position', (bad, message) => {
    const error = failure(() => parse('', bad));
    expect(error.position).toBeUndefined();
    expect(error.message).toBe(`nx.json plugin option defaults: ${message}`);
    expect(failure(() => parse('', bad, '--defaults d.json')).message).toBe(`--defaults d.json: ${message}`);
  });

  test('defaults that are not a mapping', () => {
    expect(failure(() => parse('', 'fast' as unknown as PgoDefaults)).message).toBe(
      'nx.json plugin option defaults: expected settings (key: value lines, e.g. "profile: default.pgo"), found the text "fast"',
    );
  });
});

describe('parseConfiguredPgo', () => {
  const defaults: PgoDefaults = { profile: 'release.pgo', capture: { seconds: 10, sources: [{ http: { urls: ['http://default:6060'] } }] }, bench: { gates: { cpu: '3%' } } };
  const cases: [string, string | undefined, PgoDefaults | undefined][] = [
    ['no pgo.yaml, no defaults', undefined, undefined],
    ['an empty pgo.yaml', '', undefined],
    ['defaults alone', undefined, defaults],
    ['pgo.yaml over defaults', 'capture:\n  seconds: 20\nbench:\n  packages: [./internal/x]\n  gates: { cpu: 5% }\n', defaults],
    ["DESIGN.md's full example", 'design', undefined],
  ];

  test.each(cases)('%s: the built-ins beneath it give exactly parsePgoSettings', (_, given, withDefaults) => {
    const text = given === 'design' ? designExample() : given;
    const { profileSource, ...configured } = parseConfiguredPgo(text, file, location, withDefaults);
    const { file: _file, profileSource: _source, ...builtIns } = BUILT_INS as PgoSettings;
    const settingsFile = text === undefined ? undefined : file;
    expect({ file: settingsFile, profileSource, ...(layer(builtIns, configured) as object) }).toEqual(parsePgoSettings(text, file, location, withDefaults));
  });

  test('a section neither pgo.yaml nor the defaults name is absent; errors are those of parsePgoSettings', () => {
    expect(parseConfiguredPgo(undefined, file, location)).toEqual({ profileSource: 'built-in' });
    expect(parseConfiguredPgo('bench: { packages: [./x] }\n', file, location)).toEqual({ profileSource: 'built-in', bench: { packages: ['./x'] } });
    const bad = 'merge:\n  wieghts: {}\n';
    expect(failure(() => parseConfiguredPgo(bad, file, location)).message).toBe(failure(() => parse(bad)).message);
  });
});

describe('loadPgoSettings', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-settings-'));
    dir = path.join(root, 'cmd', 'api');
    mkdirSync(dir, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('no pgo.yaml: built-ins and defaults; with one: its values and its file', async () => {
    expect(await loadPgoSettings({ workspaceRoot: root, binaryDir: dir }, { merge: { keepFrames: 3 } })).toEqual({
      ...BUILT_INS,
      file: undefined,
      profile: path.join(dir, 'default.pgo'),
      merge: { ...BUILT_INS.merge, keepFrames: 3 },
    });
    writeFileSync(path.join(dir, 'pgo.yaml'), 'merge:\n  keepFrames: 2\n');
    const settings = await loadPgoSettings({ workspaceRoot: root, binaryDir: dir }, { merge: { keepFrames: 3 } });
    expect(settings.file).toBe(path.join(dir, 'pgo.yaml'));
    expect(settings.merge.keepFrames).toBe(2);
  });

  test('bench package patterns resolve from the module root when it is known', async () => {
    writeFileSync(path.join(dir, 'pgo.yaml'), 'bench:\n  packages: [../sibling/...]\n');
    // From cmd/api, ../sibling stays inside; from a module at the root it would leave.
    expect((await loadPgoSettings({ workspaceRoot: root, binaryDir: dir })).bench.packages).toEqual(['../sibling/...']);
    const error = await loadPgoSettings({ workspaceRoot: root, binaryDir: dir, moduleRoot: root }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `cmd/api/pgo.yaml:2:14: bench.packages[0] "../sibling/..." is outside the workspace (${path.resolve(root, '../sibling/...')}): benchmark only packages of the workspace`,
    );
  });
});
