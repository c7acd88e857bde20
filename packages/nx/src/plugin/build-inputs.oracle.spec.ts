// pgo-build's inputs against the go command on e2e/fixtures/go-inputs, which holds one of each
// trap: vendor mode with a replaced local module and a vendored nested module path, a nested
// module path through replace, every kind of //go:embed pattern (a vendored one too), GOARCH
// assembly, //go:build lines, a cgo package with .c and .h files, and a .syso object. For every
// binary and build, each file `go list -deps -json` reports must match the plugin's inputs, as
// Nx's own matcher expands them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import { checkBuildInputs, type BinaryVerdict, type OracleBuild } from '../../../../tools/test-support/go-inputs-oracle';
import { projectsByRoot, runCreateNodes } from './go-workspace.spec-helper';

const FIXTURE = path.join(repoRoot, 'e2e', 'fixtures', 'go-inputs');

const BUILDS: OracleBuild[] = [
  { label: 'linux/amd64 cgo', goos: 'linux', goarch: 'amd64', cgoEnabled: true },
  { label: 'linux/amd64 no cgo, -tags gopgo_tuned', goos: 'linux', goarch: 'amd64', cgoEnabled: false, tags: ['gopgo_tuned'] },
  { label: 'linux/arm64', goos: 'linux', goarch: 'arm64', cgoEnabled: false },
  { label: 'windows/amd64', goos: 'windows', goarch: 'amd64', cgoEnabled: false },
  { label: 'darwin/arm64 -tags gopgo_tuned', goos: 'darwin', goarch: 'arm64', cgoEnabled: false, tags: ['gopgo_tuned'] },
];

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'go-pgo-inputs-')));
  cpSync(FIXTURE, root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const byDir = (binaries: BinaryVerdict[]): Record<string, BinaryVerdict> => Object.fromEntries(binaries.map((b) => [b.dir, b]));

describe.each(BUILDS)('$label', (build) => {
  let binaries: Record<string, BinaryVerdict>;
  beforeAll(async () => (binaries = byDir(await checkBuildInputs(root, build))));

  test('both binaries, exactly, with exact inputs', () => {
    expect(Object.keys(binaries).sort()).toEqual(['app/cmd/appsvc', 'vend/cmd/vendsvc']);
    for (const binary of Object.values(binaries)) expect(binary.conservative).toBe(false);
  });

  test('no file the build reads is missed', () => {
    for (const binary of Object.values(binaries)) expect({ dir: binary.dir, misses: binary.misses }).toEqual({ dir: binary.dir, misses: [] });
  });
});

describe('what the fixture exercises (linux/amd64 with cgo)', () => {
  let binaries: Record<string, BinaryVerdict>;
  beforeAll(async () => (binaries = byDir(await checkBuildInputs(root, BUILDS[0]!))));

  test('vendsvc reads vendored copies (asm and an embed among them) and every kind of embedded file', () => {
    expect(binaries['vend/cmd/vendsvc']!.reads).toEqual([
      'vend/cmd/vendsvc/main.go',
      'vend/internal/assets/VERSION.txt',
      'vend/internal/assets/assets.go',
      'vend/internal/assets/pages/index.html',
      'vend/internal/assets/static/css/more.css',
      'vend/internal/assets/static/site.css',
      'vend/internal/assets/templates/_partial.tmpl',
      'vend/internal/assets/templates/page.tmpl',
      'vend/vendor/example.com/lib/sum/answer.go',
      'vend/vendor/example.com/lib/sum/answer_amd64.s',
      'vend/vendor/example.com/lib/sum/answer_decl.go',
      'vend/vendor/example.com/lib/words/words.go',
      'vend/vendor/example.com/lib/words/words.txt',
      'vend/vendor/example.com/vend/client/v2/client.go',
    ]);
  });

  test('appsvc reads the nested module through its replacement, C sources and headers, the .syso', () => {
    expect(binaries['app/cmd/appsvc']!.reads).toEqual([
      'app/client/client.go',
      'app/cmd/appsvc/main.go',
      'app/internal/cgohash/hash.c',
      'app/internal/cgohash/hash.go',
      'app/internal/cgohash/hash.h',
      'app/internal/marker/marker.go',
      'app/internal/marker/marker_linux_amd64.syso',
      'app/internal/platform/name_linux.go',
      'app/internal/platform/platform.go',
      'lib/sum/answer.go',
      'lib/sum/answer_amd64.s',
      'lib/sum/answer_decl.go',
    ]);
  });

  test('extras: none; files left out by build constraints, and _ and . files below an embedded directory, are not inputs', () => {
    expect(binaries['app/cmd/appsvc']!.extras).toEqual([]);
    expect(binaries['vend/cmd/vendsvc']!.extras).toEqual([]);
  });
});

describe('a package whose files .gitignore covers, as a real repository\'s `.gitignore: fbstatus` covers cmd/fbstatus/', () => {
  let repo: string;
  beforeAll(() => {
    repo = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'go-pgo-inputs-git-')));
    cpSync(FIXTURE, repo, { recursive: true });
    // `marker`, meant for a built binary, also matches the directory app/internal/marker/; a
    // nested ignore file leaves out files by name.
    writeFileSync(path.join(repo, '.gitignore'), '*.exe\nbin/\nmarker\n');
    writeFileSync(path.join(repo, 'app/internal/platform/.gitignore'), 'name_*.go\n');
    for (const args of [['init', '-q'], ['add', '-A', '-f'], ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'fixture']]) {
      execFileSync('git', args, { cwd: repo });
    }
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  test('its sources are read from disk (includeIgnored), so nothing is missed', async () => {
    const app = byDir(await checkBuildInputs(repo, BUILDS[0]!))['app/cmd/appsvc']!;
    expect(app.reads).toContain('app/internal/marker/marker_linux_amd64.syso');
    expect(app.misses).toEqual([]);
    const inputs = projectsByRoot(await runCreateNodes(repo, undefined, ['app/go.mod', 'app/client/go.mod', 'lib/go.mod', 'vend/go.mod', 'vend/client/go.mod']))['app/cmd/appsvc']!.targets!['pgo-build']!.inputs;
    expect(inputs).toContainEqual({ fileset: '{workspaceRoot}/app/internal/marker/*.go', includeIgnored: true });
    expect(inputs).toContainEqual({ fileset: '{workspaceRoot}/app/internal/platform/*.go', includeIgnored: true });
    expect(inputs).toContain('{workspaceRoot}/app/internal/cgohash/*.go');
  });
});
