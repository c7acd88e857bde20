// `go-pgo profile rename` end to end: the call edges `go tool preprofile` reads from the renamed
// file are the original's with the names moved, and nothing else changes.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { decode, type Profile } from '@go-pgo/pprof';
import { wellFormedCorpus, type CorpusFile } from '../../../../../tools/test-support/corpus';
import { preprofile, preprofileEdges, type PreprofileEdge } from '../../../../../tools/test-support/go-tool';
import { plural } from '../../text/format';
import { listDir, runCli, scratchDir } from '../run-cli.spec-helper';

let dir: string;
beforeEach(() => {
  dir = scratchDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `go tool preprofile` call edges as sorted "caller → callee @offset weight" (ties sort by name in Go). */
function callEdges(file: string): string[] {
  const lines = execFileSync('go', ['tool', 'preprofile', '-i', file], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  expect(lines[0]).toBe('GO PREPROFILE V1');
  const edges: string[] = [];
  for (let i = 1; i + 2 < lines.length; i += 3) edges.push(`${lines[i]} → ${lines[i + 1]} @${lines[i + 2]}`);
  return edges.sort();
}

/** A package prefix as rename applies it: at the start of a symbol, or after type syntax. */
function movePackage(name: string, from: string, to: string): string {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return name.replace(new RegExp(`(^|[\\[\\](){}, *;])${escaped}`, 'g'), `$1${to}`);
}

const functionNames = (profile: Profile): string[] => profile.function.map((f) => f.name);

describe.each(wellFormedCorpus().map((f) => [f.name, f] as const))('%s', (_name, file: CorpusFile) => {
  test('--map runtime.=rt. moves the runtime package: the count printed, every name, and Go’s call edges', async () => {
    const before = decode(file.bytes);
    const moved = functionNames(before).filter((n) => movePackage(n, 'runtime.', 'rt.') !== n).length;
    const run = await runCli(['profile', 'rename', file.path, '-o', 'renamed.pgo', '--map', 'runtime.=rt.'], dir);
    expect(run).toEqual({ code: 0, stdout: `renamed ${plural(moved, 'function')}: ${file.path} -> renamed.pgo\n`, stderr: '' });
    const after = decode(readFileSync(path.join(dir, 'renamed.pgo')));
    expect(new Set(functionNames(after))).toEqual(new Set(functionNames(before).map((n) => movePackage(n, 'runtime.', 'rt.'))));
    expect(after.sample.length).toBe(before.sample.length);
    if (file.pgoUsable) {
      const expected = callEdges(file.path).map((edge) => edge.split(' → ').map((n) => movePackage(n, 'runtime.', 'rt.')).join(' → '));
      expect(callEdges(path.join(dir, 'renamed.pgo'))).toEqual(expected.sort());
    }
    expect(listDir(dir)).toEqual(['renamed.pgo']);
  });
});

describe('on the gdu profile', () => {
  const gdu = wellFormedCorpus().find((f) => f.name.includes('dundee__gdu'))!;
  const module = 'github.com/dundee/gdu/v5/';

  test('a module path prefix (ending in /) and an exact name, together', async () => {
    const before = decode(gdu.bytes);
    const exact = 'main.main';
    expect(functionNames(before)).toContain(exact);
    const argv = ['profile', 'rename', gdu.path, '-o', 'moved.pgo', '--map', `${module}=example.com/gdu/`, '--map', `${exact}=main.run`];
    const run = await runCli(argv, dir);
    const expectedNames = functionNames(before).map((n) => (n === exact ? 'main.run' : movePackage(n, module, 'example.com/gdu/')));
    const changed = expectedNames.filter((n, i) => n !== functionNames(before)[i]).length;
    expect(changed).toBeGreaterThan(10);
    expect(run).toEqual({ code: 0, stdout: `renamed ${plural(changed, 'function')}: ${gdu.path} -> moved.pgo\n`, stderr: '' });
    const after = decode(readFileSync(path.join(dir, 'moved.pgo')));
    expect(new Set(functionNames(after))).toEqual(new Set(expectedNames));
    const edges = callEdges(gdu.path).map((e) =>
      e
        .split(' → ')
        .map((n) => (n === exact ? 'main.run' : movePackage(n, module, 'example.com/gdu/')))
        .join(' → '),
    );
    expect(callEdges(path.join(dir, 'moved.pgo'))).toEqual(edges.sort());
  });

  test('--move puts one call site of a function at another offset: that edge alone moves in Go\'s view', async () => {
    const edges = (file: string): PreprofileEdge[] => preprofileEdges(preprofile(file).toString('utf8'));
    const { caller, offset } = edges(gdu.path).find((e) => e.caller.startsWith(module))!;
    const run = await runCli(['profile', 'rename', gdu.path, '-o', 'moved.pgo', '--move', `${caller}:+${offset}=+${offset + 100}`], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^renamed 0 functions and moved [1-9]\d* call-site lines?: /);
    const key = (e: PreprofileEdge): string => `${e.caller}\n${e.offset}\n${e.callee} ${e.weight}`;
    const expected = edges(gdu.path).map((e) => (e.caller === caller && e.offset === offset ? { ...e, offset: offset + 100 } : e));
    expect(edges(path.join(dir, 'moved.pgo')).map(key).sort()).toEqual(expected.map(key).sort());
  });

  test('a map that matches nothing renames 0 functions and still writes the output', async () => {
    const run = await runCli(['profile', 'rename', gdu.path, '-o', 'same.pgo', '--map', 'nosuchpkg.=other.'], dir);
    expect(run.stdout).toBe(`renamed 0 functions: ${gdu.path} -> same.pgo\n`);
    expect(callEdges(path.join(dir, 'same.pgo'))).toEqual(callEdges(gdu.path));
  });

  test.each([
    [['--map', 'main.main'], "--map expects <old>=<new>, got 'main.main'"],
    [['--map', '=main.run'], "--map expects <old>=<new>, got '=main.run'"],
    [['--map', 'main.main='], "--map expects <old>=<new>, got 'main.main='"],
    [['--map', 'a.=b.', '--map', 'a.=c.'], "--map renames 'a.' twice"],
    [['--mpa', 'a=b'], "unknown option '--mpa' (did you mean '--map'?)"],
    [[], 'missing --map <old>=<new> or --move <function>:+<old>=+<new>'],
    [['--move', 'main.main=+3'], "--move expects <function>:+<old>=+<new> (line offsets, e.g. pkg.F:+12=+14), got 'main.main=+3'"],
    [['--move', 'main.main:+x=+3'], "--move expects <function>:+<old>=+<new> (line offsets, e.g. pkg.F:+12=+14), got 'main.main:+x=+3'"],
  ])('%j is a usage error; nothing is written', async (flags, message) => {
    const run = await runCli(['profile', 'rename', gdu.path, '-o', 'x.pgo', ...flags], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `go-pgo profile rename: ${message}\nRun 'go-pgo profile rename --help' for usage.\n`,
    });
    expect(listDir(dir)).toEqual([]);
  });
});
