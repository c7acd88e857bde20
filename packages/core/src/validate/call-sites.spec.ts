// The call-site match against the compiler itself. Go's PGO finds an edge's call site by the
// caller and the line offset; the compiler's -d=pgodebug=3 prints, for every call it considers,
// the profile weight it matched there. (The workspace packages are compiled with
// `go tool compile -pgoprofile` against the export data `go list -export` gives, as go build
// -gcflags=-d=pgodebug=3 -pgo would, without rebuilding the standard library with the profile.)
// Our classification (edge-weights.ts:
// a line holding a `(` of a call in the caller's own body) must agree with it weight for weight,
// on the source the profile was taken from and after a line was inserted above a hot call. And on
// unchanged source, no edge of any fixture profile (the standard library's included) is moved.
import { promises as fs, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, pgoEdges } from '@go-pgo/pprof';
import { PackageDeclarations } from '../go/declarations';
import { nodeFileReader } from '../go/file-reader';
import { GoWorkspaceScanner } from '../go/scanner';
import { go } from '../../../../tools/test-support/go-tool';
import { FIXTURE_TIMEOUT_MS, fixtureProfiles, goFixturesDir } from '../../../../tools/test-support/go-fixtures';
import { weighEdges, type EdgeStatus } from './edge-weights';
import { copyWorkspace, fixtureWorkspaceDir, removeWorkspace, workspaceProfiles } from './fixture-workspace.spec-helper';
import { lookupFunctionSource, parseFunctionName } from './function-name';
import { WorkspacePackages } from './workspace-packages';

const goEnv = { ...process.env, GOWORK: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
const CHECKED: readonly EdgeStatus[] = ['matched', 'moved', 'no-call'];

/** The compiler's matched weight per caller: its CallStat weights, once per call line. */
function compilerMatches(root: string, profile: string): Map<string, number> {
  const format = '{{.ImportPath}}\t{{.Name}}\t{{.Export}}\t{{.Dir}}\t{{join .GoFiles " "}}';
  const packages = go(['list', '-deps', '-export', '-f', format, './cmd/alpha'], { cwd: root, env: goEnv })
    .trim()
    .split('\n')
    .map((line) => {
      const [importPath, name, exportFile, dir, files] = line.split('\t');
      return { importPath: importPath!, name: name!, exportFile: exportFile!, dir: dir!, files: files!.split(' ') };
    });
  const importcfg = path.join(root, 'importcfg');
  writeFileSync(importcfg, packages.filter((p) => p.exportFile !== '').map((p) => `packagefile ${p.importPath}=${p.exportFile}\n`).join(''));
  const matched = new Map<string, number>();
  const seen = new Set<string>();
  for (const pkg of packages.filter((p) => p.importPath.startsWith('example.com/pgo.ws/'))) {
    const args = ['tool', 'compile', '-p', pkg.name === 'main' ? 'main' : pkg.importPath, '-importcfg', importcfg, `-pgoprofile=${profile}`];
    const out = go([...args, '-d=pgodebug=3', '-o', path.join(root, 'out.a'), ...pkg.files], { cwd: pkg.dir, env: goEnv });
    for (const line of out.split('\n')) {
      if (!line.startsWith('{"Pkg"')) continue;
      const stat = JSON.parse(line) as { Pos: string; Caller: string; Weight: number };
      // Calls on one line share one offset, and so one weight.
      const site = `${stat.Caller}\n${stat.Pos.split(':').slice(0, -1).join(':')}`;
      if (seen.has(site)) continue;
      seen.add(site);
      matched.set(stat.Caller, (matched.get(stat.Caller) ?? 0) + stat.Weight);
    }
  }
  return matched;
}

/** Our matched weight per caller, for the callers whose call sites we check. */
function ourMatches(root: string, profile: string): Map<string, number> {
  const p = decode(readFileSync(profile));
  const weights = weighEdges(p, pgoEdges(p), new WorkspacePackages(new GoWorkspaceScanner(root), 'cmd/alpha', nodeFileReader));
  const matched = new Map<string, number>();
  for (const { edge, weight, status } of weights.edges) {
    if (!CHECKED.includes(status)) continue;
    matched.set(edge.caller, (matched.get(edge.caller) ?? 0) + (status === 'matched' ? weight : 0));
  }
  return matched;
}

describe("call-site match against the compiler's (-d=pgodebug=3)", () => {
  let profile: string;
  let root: string;
  beforeAll(async () => {
    profile = (await workspaceProfiles()).alpha;
    root = await copyWorkspace();
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => removeWorkspace(root));

  const expectAgreement = (): Map<string, number> => {
    const ours = ourMatches(root, profile);
    const compiler = compilerMatches(root, profile);
    expect(ours.size).toBeGreaterThan(5);
    for (const [caller, weight] of ours) expect({ caller, weight: compiler.get(caller) ?? 0 }).toEqual({ caller, weight });
    return ours;
  };

  it(
    'agrees caller by caller on the source the profile was taken from, and after a line is inserted above a hot call',
    async () => {
      const mixed = 'example.com/pgo.ws/internal/alpha.Mixed';
      const before = expectAgreement();
      expect(before.get(mixed)).toBeGreaterThan(0);
      const file = path.join(root, 'internal/alpha/alpha.go');
      await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('\treturn s + Crunch(2)', '\t// moved down\n\treturn s + Crunch(2)'));
      const after = expectAgreement();
      expect(after.get(mixed)).toBe(0);
    },
    FIXTURE_TIMEOUT_MS,
  );
});

describe('call sites on unchanged source', () => {
  it(
    "every call edge of the fixture profiles, the standard library's included, lands on a call line or is a call the compiler inserts",
    async () => {
      const packages = goPackages();
      const declarations = new Map<string, PackageDeclarations | undefined>();
      const declarationsOf = (pkg: string): PackageDeclarations | undefined => {
        if (!declarations.has(pkg)) {
          const found = packages.get(pkg);
          declarations.set(pkg, found && PackageDeclarations.fromSources(found.files.map((f) => ({ file: f, text: readFileSync(path.join(found.dir, f), 'utf8') }))));
        }
        return declarations.get(pkg);
      };
      const profiles = [...(await fixtureProfiles()).map((p) => p.bytes), ...Object.values(await workspaceProfiles()).map((f) => readFileSync(f))];
      const counts = { matched: 0, noCall: 0, moved: [] as string[] };
      for (const bytes of profiles) {
        const profile = decode(bytes);
        const files = new Map(profile.function.map((f) => [f.name, f.filename]));
        for (const edge of pgoEdges(profile).edges) {
          const caller = parseFunctionName(edge.caller);
          if (caller.kind !== 'qualified') continue;
          // main packages by their file: `<import path>/main.go` with -trimpath; cmd/beta of the workspace is built without.
          const file = files.get(edge.caller) ?? '';
          const pkg = caller.pkg !== 'main' ? caller.pkg : path.isAbsolute(file) ? 'example.com/pgo.ws/cmd/beta' : path.posix.dirname(file);
          const decls = declarationsOf(pkg);
          const source = decls && lookupFunctionSource(caller, decls);
          if (source === undefined) continue;
          if (source.callLines.includes(source.line + edge.offset)) counts.matched++;
          else if (/^(runtime|internal\/runtime)[./]/.test(edge.callee) || parseFunctionName(edge.callee).kind !== 'qualified') counts.noCall++;
          else counts.moved.push(`${edge.caller}:+${edge.offset} → ${edge.callee}`);
        }
      }
      expect(counts.moved).toEqual([]);
      expect(counts.matched).toBeGreaterThan(300);
      expect(counts.noCall).toBeLessThan(counts.matched / 5);
    },
    FIXTURE_TIMEOUT_MS,
  );
});

/** The files of every package the fixtures build (their own and the standard library), for this GOOS/GOARCH. */
function goPackages(): Map<string, { dir: string; files: string[] }> {
  const packages = new Map<string, { dir: string; files: string[] }>();
  for (const [dir, pattern] of [
    [goFixturesDir, './...'],
    [fixtureWorkspaceDir, './...'],
    [os.tmpdir(), 'std'],
  ] as const) {
    for (const line of go(['list', '-f', '{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles " "}}', pattern], { cwd: dir, env: goEnv }).trim().split('\n')) {
      const [importPath, packageDir, files] = line.split('\t');
      packages.set(importPath!, { dir: packageDir!, files: files!.split(' ') });
    }
  }
  return packages;
}
