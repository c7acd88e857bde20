// Mapping profile function names to declarations: every shape the compiler prints, then every
// name in real profiles (fixture programs made by this toolchain: all must resolve; the corpus,
// made by other Go versions: the resolution rate is measured against this GOROOT).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decode } from '@go-pgo/pprof';
import { PackageDeclarations } from '../go/declarations';
import { go } from '../../../../tools/test-support/go-tool';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles, goFixturesDir } from '../../../../tools/test-support/go-fixtures';
import { wellFormedCorpus } from '../../../../tools/test-support/corpus';
import { fixtureWorkspaceDir, workspaceProfiles } from './fixture-workspace.spec-helper';
import { lookupDeclaration, lookupFunctionSource, parseFunctionName, type GoFunctionName } from './function-name';

describe('parseFunctionName', () => {
  it.each<[string, GoFunctionName]>([
    ['example.com/app/pkg.F', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['F'] }],
    ['example.com/app/pkg.(*T).M', { kind: 'qualified', pkg: 'example.com/app/pkg', receiver: { type: 'T', pointer: true }, path: ['M'] }],
    ['example.com/app/pkg.T.M', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['T', 'M'] }],
    ['example.com/app/pkg.F[...]', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['F'] }],
    ['example.com/app/pkg.(*T[...]).M', { kind: 'qualified', pkg: 'example.com/app/pkg', receiver: { type: 'T', pointer: true }, path: ['M'] }],
    ['pkg.Map[go.shape.struct { x example.com/a/b.T },go.shape.[2]int]', { kind: 'qualified', pkg: 'pkg', path: ['Map'] }],
    ['internal/sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).Load', { kind: 'qualified', pkg: 'internal/sync', receiver: { type: 'HashTrieMap', pointer: true }, path: ['Load'] }],
    ['example.com/app/pkg.F.func1', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['F', 'func1'] }],
    ['example.com/app/pkg.F.func1.2', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['F', 'func1', '2'] }],
    ['example.com/app/pkg.(*T).M.func3', { kind: 'qualified', pkg: 'example.com/app/pkg', receiver: { type: 'T', pointer: true }, path: ['M', 'func3'] }],
    ['example.com/app/pkg.init.0', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['init', '0'] }],
    ['example.com/app/pkg.init', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['init'] }],
    ['example.com/app/pkg.glob..func1', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['glob', '', 'func1'] }],
    ['example.com/app/pkg.T.M-fm', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['T', 'M'], suffixed: true }],
    ['example.com/app/pkg.(*T).M-fm', { kind: 'qualified', pkg: 'example.com/app/pkg', receiver: { type: 'T', pointer: true }, path: ['M'], suffixed: true }],
    ['example.com/app/pkg.F-range1.1', { kind: 'qualified', pkg: 'example.com/app/pkg', path: ['F', '1'], suffixed: true }],
    ['example.com/a.b/pkg.F', { kind: 'qualified', pkg: 'example.com/a.b/pkg', path: ['F'] }],
    ['example.com/a.b/mult%2epkg.T.M.func1', { kind: 'qualified', pkg: 'example.com/a.b/mult.pkg', path: ['T', 'M', 'func1'] }],
    ['gopkg.in/yaml%2ev3.(*parser).parse', { kind: 'qualified', pkg: 'gopkg.in/yaml.v3', receiver: { type: 'parser', pointer: true }, path: ['parse'] }],
    ['main.main.func1', { kind: 'qualified', pkg: 'main', path: ['main', 'func1'] }],
    ['runtime.gcMarkDone.forEachP.func5', { kind: 'qualified', pkg: 'runtime', path: ['gcMarkDone', 'forEachP', 'func5'] }],
    ['type:.eq.[2]interface {}', { kind: 'generated' }],
    ['type:.eq.example.com/app/pkg.T', { kind: 'generated' }],
    ['go:buildid', { kind: 'generated' }],
    ['aeshashbody', { kind: 'unqualified' }],
    ['__libc_start_main', { kind: 'unqualified' }],
  ])('%s', (name, expected) => {
    expect(parseFunctionName(name)).toEqual(expected);
  });
});

describe('lookupDeclaration', () => {
  const decls = PackageDeclarations.fromSources([
    {
      file: 'p.go',
      text: [
        'package p',
        'func init() {}',
        'func F() {}',
        'func (t *T) M() {}',
        'func (v V) N() {}',
        'func (s *Set[T]) Add(v T) {}',
        'func Generic[T any](v T) {}',
      ].join('\n'),
    },
  ]);
  const lookup = (name: string) => {
    const parsed = parseFunctionName(`example.com/a.b/p.${name}`);
    if (parsed.kind !== 'qualified') throw new Error(`not qualified: ${name}`);
    return lookupDeclaration(parsed, decls);
  };

  it.each([
    ['F', 'F'],
    ['F.func1', 'F'],
    ['F.func1.2', 'F'],
    ['F.G.func1', 'F'],
    ['(*T).M', '(*T).M'],
    ['(*T).M.func3', '(*T).M'],
    ['(*T).M-fm', '(*T).M'],
    ['V.N', 'V.N'],
    ['V.N-fm', 'V.N'],
    ['V.N.func2', 'V.N'],
    ['(*V).N', '(*V).N'],
    ['(*Set[...]).Add', '(*Set).Add'],
    ['(*Set[go.shape.int]).Add.func1', '(*Set).Add'],
    ['Generic[...]', 'Generic'],
    ['Generic[go.shape.string].func1', 'Generic'],
    ['init', 'init'],
    ['init.0', 'init.0'],
    ['init.0.func1', 'init.0'],
    ['init.func1', 'init'],
    ['glob..func1', 'package-level variables'],
  ])('%s resolves to %s', (name, declaration) => {
    expect(lookup(name)).toEqual({ found: true, declaration });
  });

  it.each([
    ['Renamed', 'Renamed'],
    ['Renamed.func1', 'Renamed'],
    ['(*T).Gone', '(*T).Gone'],
    ['(*Missing).M', '(*Missing).M'],
    ['V.Gone', 'V'],
    ['init.1', 'init.1'],
  ])('%s is missing (%s)', (name, declaration) => {
    expect(lookup(name)).toEqual({ found: false, declaration });
  });
});

describe('lookupFunctionSource', () => {
  const decls = PackageDeclarations.fromSources([
    {
      file: 'p.go',
      text: [
        'package p', //                          1
        'func init() { a() }', //                2
        'func init() {', //                      3
        '\tgo func() { b() }()', //               4: init.1.func1
        '}',
        'func F() {', //                          6
        '\tf := func() {', //                    7: F.func1
        '\t\tg := func() { c() }', //             8: F.func1.1
        '\t\tg()',
        '\t}',
        '\tf()', //                              11
        '}',
        'func (t *T) M() { t.n() }', //          13
        'func (v V) N() int { return v.m() }', // 14
        'func Asm()', //                         15
      ].join('\n'),
    },
  ]);
  const source = (name: string) => {
    const parsed = parseFunctionName(`example.com/a.b/p.${name}`);
    if (parsed.kind !== 'qualified') throw new Error(`not qualified: ${name}`);
    return lookupFunctionSource(parsed, decls);
  };

  it.each([
    ['F', { line: 6, callLines: [11] }],
    ['F.func1', { line: 7, callLines: [9] }],
    ['F.func1.1', { line: 8, callLines: [8] }],
    ['init.0', { line: 2, callLines: [2] }],
    ['init.1.func1', { line: 4, callLines: [4] }],
    ['(*T).M', { line: 13, callLines: [13] }],
    ['V.N', { line: 14, callLines: [14] }],
    ['(*V).N', { line: 14, callLines: [14] }],
    ['F[go.shape.int].func1', { line: 7, callLines: [9] }],
  ])('%s: its start line and call lines', (name, expected) => {
    expect(source(name)).toEqual(expected);
  });

  it.each(['F.func2', 'F.func1.2', 'F.G.func1', 'F-range1', '(*T).M-fm', 'F.gowrap1', 'init', 'init.func1', 'glob..func1', 'Asm', 'Gone', 'init.2'])(
    '%s: no source of its own',
    (name) => {
      expect(source(name)).toBeUndefined();
    },
  );
});

/** Resolves names against package directories: a module prefix → its source dir, else GOROOT/src. */
class SourceTree {
  private readonly decls = new Map<string, PackageDeclarations | undefined>();
  private readonly linknames = new Map<string, Set<string>>();

  constructor(
    private readonly goroot: string,
    private readonly modules: Record<string, string>,
  ) {}

  /** The directory of `pkg` (for `main`, found from the file name), undefined when unknown. */
  dirOf(pkg: string, filename: string): string | undefined {
    let importPath = pkg;
    if (pkg === 'main') {
      const dir = path.posix.dirname(filename);
      // Without -trimpath the file is absolute (a temp copy of the workspace): keep cmd/<name>.
      importPath = path.posix.isAbsolute(dir) ? `example.com/pgo.ws/${dir.slice(dir.lastIndexOf('/cmd/') + 1)}` : dir;
    }
    for (const [prefix, dir] of Object.entries(this.modules)) {
      if (importPath.startsWith(`${prefix}/`)) return path.join(dir, importPath.slice(prefix.length + 1));
    }
    const std = path.join(this.goroot, 'src', importPath);
    return existsSync(std) ? std : undefined;
  }

  /** Whether a .go file beside `filename` (a GOROOT file) pushes `name` with //go:linkname. */
  linknamedIn(name: string, filename: string): boolean {
    const dir = path.posix.isAbsolute(filename) ? path.dirname(filename) : path.join(this.goroot, 'src', path.posix.dirname(filename));
    let targets = this.linknames.get(dir);
    if (targets === undefined) {
      targets = new Set();
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.go')) : [];
      for (const f of files) {
        for (const match of readFileSync(path.join(dir, f), 'utf8').matchAll(/^\/\/go:linkname \S+ (\S+)$/gm)) targets.add(match[1]!);
      }
      this.linknames.set(dir, targets);
    }
    return targets.has(name);
  }

  /** Every non-test .go file of the directory: a superset of any one build's, fine for names. */
  declarations(dir: string): PackageDeclarations | undefined {
    if (!this.decls.has(dir)) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
      this.decls.set(
        dir,
        files.length === 0 ? undefined : PackageDeclarations.fromSources(files.map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }))),
      );
    }
    return this.decls.get(dir);
  }
}

interface Resolution {
  resolved: number;
  /** Defined under another package's name by a //go:linkname in the package of its file. */
  linknamed: string[];
  missing: string[];
  /** Names with no package (assembly-only symbols) or made by the compiler. */
  unqualified: string[];
  /** Packages not in this source tree (external modules, packages of other Go versions). */
  elsewhere: number;
}

function resolveAll(functions: Iterable<{ name: string; filename: string }>, tree: SourceTree): Resolution {
  const result: Resolution = { resolved: 0, linknamed: [], missing: [], unqualified: [], elsewhere: 0 };
  for (const { name, filename } of functions) {
    const parsed = parseFunctionName(name);
    if (parsed.kind !== 'qualified' || filename === '<autogenerated>') {
      result.unqualified.push(`${name} (${filename})`);
      continue;
    }
    const dir = tree.dirOf(parsed.pkg, filename);
    const decls = dir === undefined ? undefined : tree.declarations(dir);
    if (decls === undefined) result.elsewhere++;
    else if (lookupDeclaration(parsed, decls).found) result.resolved++;
    else if (tree.linknamedIn(name, filename)) result.linknamed.push(name);
    else result.missing.push(name);
  }
  return result;
}

function uniqueFunctions(files: Iterable<Uint8Array>): { name: string; filename: string }[] {
  const seen = new Map<string, { name: string; filename: string }>();
  for (const bytes of files) {
    for (const f of decode(bytes).function) seen.set(`${f.name}\0${f.filename}`, { name: f.name, filename: f.filename });
  }
  return [...seen.values()];
}

describe('every function of real profiles maps to a declaration', () => {
  const goroot = go(['env', 'GOROOT']).trim();
  const tree = new SourceTree(goroot, { 'example.com/pgo.ws': fixtureWorkspaceDir, 'gopgo.test/fixtures': goFixturesDir });
  let fixtureBytes: Uint8Array[];

  beforeAll(async () => {
    const workspace = await workspaceProfiles();
    fixtureBytes = [...(await fixtureProfiles()).map((p) => p.bytes), ...Object.values(workspace).map((file) => readFileSync(file))];
  }, FIXTURE_TIMEOUT_MS);

  it('in the fixture profiles made by this toolchain: all of them', () => {
    const result = resolveAll(uniqueFunctions(fixtureBytes), tree);
    expect(result.missing).toEqual([]);
    expect(result.elsewhere).toBe(0);
    expect(result.linknamed.length).toBeLessThan(5);
    expect(result.resolved).toBeGreaterThan(300);
    // What has no declaration: assembly-only symbols, from .s files.
    expect(result.unqualified.filter((u) => !u.endsWith('.s)'))).toEqual([]);
  });

  it('in the corpus (other Go versions): the standard library names of this GOROOT, mostly', () => {
    const rates: string[] = [];
    let resolved = 0;
    let checked = 0;
    for (const file of wellFormedCorpus()) {
      // Only the standard library: the corpus programs' own sources are not here.
      const std = uniqueFunctions([file.bytes]).filter(({ name }) => {
        const parsed = parseFunctionName(name);
        return parsed.kind === 'qualified' && !parsed.pkg.includes('.') && parsed.pkg !== 'main';
      });
      const result = resolveAll(std, tree);
      const found = result.resolved + result.linknamed.length;
      const total = found + result.missing.length;
      if (total === 0) continue;
      resolved += found;
      checked += total;
      rates.push(`${file.name}: ${found}/${total}`);
    }
    process.stdout.write(`standard library names resolved in the corpus: ${resolved}/${checked}\n  ${rates.join('\n  ')}\n`);
    expect(checked).toBeGreaterThan(1000);
    // Functions are renamed and removed between Go versions, but most survive.
    expect(resolved / checked).toBeGreaterThan(0.8);
  });
});
