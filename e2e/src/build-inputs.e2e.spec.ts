// What `go build` reads, through real Nx (e2e/fixtures/go-inputs): editing one file of each
// kind a build reads rebuilds that binary and the new binary shows the edit, a file added to an
// embedded directory rebuilds, a file the target's build constraints leave out does not; nx
// affected follows vendor/ and replace; a bad import or a bad pgo.yaml costs one binary, never
// the graph.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../tools/test-support/repo-root';
import { taskOutcome } from './support/nx-output';
import { createWorkspace, Workspace } from './support/workspace';

const FIXTURE = path.join(repoRoot, 'e2e', 'fixtures', 'go-inputs');
const APP = { project: 'appsvc', binary: 'dist/go/app/cmd/appsvc/appsvc' };
const VEND = { project: 'vendsvc', binary: 'dist/go/vend/cmd/vendsvc/vendsvc' };
type Binary = typeof APP;

let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace('inputs', FIXTURE);
  await workspace.nx(['run-many', '-t', 'pgo-build']);
});

afterAll(async () => {
  await workspace?.dispose();
});

/** pgo-build of `binary`: whether it ran or came from the cache, and what the binary prints. */
async function build(binary: Binary): Promise<{ outcome: string; output: string }> {
  const run = await workspace.nx(['run', `${binary.project}:pgo-build`]);
  const output = execFileSync(workspace.path(binary.binary), { encoding: 'utf8' });
  return { outcome: taskOutcome(run.output, `${binary.project}:pgo-build`), output };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const text = (await workspace.read(file)).toString('utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  await workspace.write(file, changed);
}

test('both binaries build and are cache hits when nothing changed', async () => {
  expect(await build(APP)).toEqual({ outcome: 'cache', output: expect.stringContaining('marker: syso-v1') });
  expect(await build(VEND)).toEqual({ outcome: 'cache', output: expect.stringContaining('version: 1.0.0') });
});

test.each([
  ['appsvc', 'a .go file of a nested module through replace', 'app/client/client.go', (t: string) => t.replace('hello from app/client', 'hi from app/client'), 'client: hi from app/client'],
  ['appsvc', 'assembly', 'lib/sum/answer_amd64.s', (t: string) => t.replace('$42', '$43'), 'answer: 43'],
  ['appsvc', 'a cgo C file', 'app/internal/cgohash/hash.c', (t: string) => t.replace('x * HASH_FACTOR', 'x * HASH_FACTOR + 1'), 'hash: 63'],
  ['appsvc', 'a cgo header', 'app/internal/cgohash/hash.h', (t: string) => t.replace('HASH_FACTOR 31', 'HASH_FACTOR 37'), 'hash: 75'],
  ['vendsvc', 'a single embedded file', 'vend/internal/assets/VERSION.txt', () => '1.0.1\n', 'version: 1.0.1'],
  ['vendsvc', 'a file in an embedded directory', 'vend/internal/assets/static/site.css', () => 'body{color:red}\n', 'static/site.css=body{color:red}'],
  ['vendsvc', 'a file of a glob pattern', 'vend/internal/assets/pages/index.html', () => '<h1>home</h1>\n', 'pages/index.html=<h1>home</h1>'],
  ['vendsvc', 'a vendored .go file', 'vend/vendor/example.com/vend/client/v2/client.go', (t: string) => t.replace('hello from vend/client', 'hi from vendor'), 'client: hi from vendor'],
  ['vendsvc', 'a vendored embedded file', 'vend/vendor/example.com/lib/words/words.txt', () => 'omega\n', 'word: omega'],
])('%s: editing %s rebuilds it, and the binary shows the edit', async (project, _, file, change, shows) => {
  await edit(file, change);
  const result = await build(project === APP.project ? APP : VEND);
  expect(result.outcome).toBe('ran');
  expect(result.output).toContain(shows);
});

test('appsvc: replacing its .syso object rebuilds it, and the binary shows the new object', async () => {
  execFileSync('gcc', ['-c', '-x', 'c', '-o', workspace.path('app/internal/marker/marker_linux_amd64.syso'), '-'], {
    input: 'const char *gopgo_marker(void) { return "syso-v2"; }\n',
  });
  const result = await build(APP);
  expect(result).toEqual({ outcome: 'ran', output: expect.stringContaining('marker: syso-v2') });
});

test('editing files the linux build leaves out (a _windows.go, a _windows.c) stays a cache hit', async () => {
  await edit('app/internal/platform/name_windows.go', (t) => t.replace('"windows"', '"win"'));
  await edit('app/internal/cgohash/hash_windows.c', (t) => `${t}// edited\n`);
  expect((await build(APP)).outcome).toBe('cache');
});

test('vendsvc: a file added to an embedded directory rebuilds it; an _ file there does not', async () => {
  await workspace.write('vend/internal/assets/static/img/logo.svg', '<svg/>\n');
  const added = await build(VEND);
  expect(added).toEqual({ outcome: 'ran', output: expect.stringContaining('static/img/logo.svg=<svg/>') });
  await workspace.write('vend/internal/assets/static/_notes.txt', 'not embedded\n');
  expect((await build(VEND)).outcome).toBe('cache');
});

test('vendsvc reads its vendored copies: editing the replaced module itself or the vendored module\'s origin rebuilds nothing of it', async () => {
  await edit('lib/words/words.txt', () => 'zeta\n');
  await edit('vend/client/client.go', (t) => t.replace('return', '// edited\n\treturn'));
  expect((await build(VEND)).outcome).toBe('cache');
});

test('nx affected -t pgo-build follows what each build reads', async () => {
  await workspace.commitAll('edits');
  const affected = async (file: string): Promise<string[]> =>
    (JSON.parse((await workspace.nx(['show', 'projects', '--affected', '-t', 'pgo-build', `--files=${file}`, '--json'])).stdout) as string[]).sort();
  expect(await affected('app/internal/cgohash/hash.c')).toEqual(['appsvc']);
  // lib reaches appsvc through `replace`; vendsvc builds from its vendored copy.
  expect(await affected('lib/sum/answer_amd64.s')).toEqual(['appsvc']);
  expect(await affected('vend/vendor/example.com/lib/sum/answer_amd64.s')).toEqual(['vendsvc']);
});

test('a binary importing a package that exists nowhere: the graph stays up with a warning, and its build fails with go\'s error', async () => {
  await workspace.write('app/cmd/broken/main.go', 'package main\n\nimport _ "example.com/app/internal/nothere"\n\nfunc main() {}\n');
  const show = await workspace.nx(['show', 'projects']);
  expect(show.exitCode).toBe(0);
  expect(show.stdout.split('\n')).toEqual(expect.arrayContaining(['appsvc', 'vendsvc', 'broken']));
  expect(show.output).toContain('@go-pgo/nx warning: app/cmd/broken/main.go:3: imports "example.com/app/internal/nothere"');
  const broken = await workspace.nx(['run', 'broken:pgo-build'], { allowFailure: true });
  expect(broken.exitCode).not.toBe(0);
  expect(broken.output).toMatch(/package example\.com\/app\/internal\/nothere is not in std|cannot find|no required module provides/);
});

test('a pgo.yaml with an unknown key: the graph stays up with a warning, and that binary\'s pgo-build fails with file:line:col', async () => {
  await workspace.write('app/cmd/appsvc/pgo.yaml', 'profile: default.pgo\ncaptur:\n  seconds: 10\n');
  const show = await workspace.nx(['show', 'projects']);
  expect(show.exitCode).toBe(0);
  expect(show.output).toMatch(/@go-pgo\/nx warning: app\/cmd\/appsvc\/pgo\.yaml:2:1: .*captur.*capture/);
  const run = await workspace.nx(['run', 'appsvc:pgo-build'], { allowFailure: true });
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toMatch(/app\/cmd\/appsvc\/pgo\.yaml:2:1: .*capture/);
  expect((await workspace.nx(['run', 'vendsvc:pgo-build'])).exitCode).toBe(0);
});
