// rename on Go's symbol shapes (methods, closures, generic instantiations with the package in
// their type arguments), on rule validation, and on a real profile checked through
// `go tool preprofile`: the compiler sees the same edges under the new names.
import { pgoUsableCorpus } from '../../../tools/test-support/corpus';
import { decode } from './decode';
import type { Profile } from './model';
import { rename } from './rename';
import { buildProfile } from './test-support/build-profile';
import { catchError } from './test-support/catch-error';
import { preprofileEdges, preprofileOf, preprofileText } from './test-support/preprofile-of';
import { TransformError } from './transform-error';

const GO_TIMEOUT_MS = 120_000;

/** A profile with one function per name, and what rename makes of each name. */
function renamed(names: string[], rules: Parameters<typeof rename>[1]): Record<string, string> {
  const p = buildProfile({ samples: names.map((name) => ({ stack: [`${name}@1`], values: [1, 1] })) });
  const after = rename(p, rules);
  const byId = new Map(after.function.map((f) => [f.id, f]));
  return Object.fromEntries(p.function.map((f) => [f.name, byId.get(f.id)?.name ?? '(merged)']));
}

describe('rename', () => {
  it('moves a package by its prefix: functions, methods, closures, instantiations, type arguments', () => {
    const old = 'example.com/old/pkg';
    expect(
      renamed(
        [
          `${old}.F`,
          `${old}.(*T).M`,
          `${old}.T.M`,
          `${old}.F.func1`,
          `${old}.F[...]`,
          `${old}.Map[go.shape.string,go.shape.int]`,
          `other.F[${old}.T]`,
          `other.G[go.shape.*${old}.T,${old}.U]`,
          `other.H[map[string]${old}.T]`,
          `${old}2.F`,
          `${old}/sub.F`,
          `example.com/x/${old}.F`,
        ],
        [{ from: `${old}.`, to: 'example.com/new/pkg.' }],
      ),
    ).toEqual({
      [`${old}.F`]: 'example.com/new/pkg.F',
      [`${old}.(*T).M`]: 'example.com/new/pkg.(*T).M',
      [`${old}.T.M`]: 'example.com/new/pkg.T.M',
      [`${old}.F.func1`]: 'example.com/new/pkg.F.func1',
      [`${old}.F[...]`]: 'example.com/new/pkg.F[...]',
      [`${old}.Map[go.shape.string,go.shape.int]`]: 'example.com/new/pkg.Map[go.shape.string,go.shape.int]',
      [`other.F[${old}.T]`]: 'other.F[example.com/new/pkg.T]',
      [`other.G[go.shape.*${old}.T,${old}.U]`]: 'other.G[go.shape.*example.com/new/pkg.T,example.com/new/pkg.U]',
      [`other.H[map[string]${old}.T]`]: 'other.H[map[string]example.com/new/pkg.T]',
      // Another package whose path only starts the same, a sub-package, a path that contains the old one.
      [`${old}2.F`]: `${old}2.F`,
      [`${old}/sub.F`]: `${old}/sub.F`,
      [`example.com/x/${old}.F`]: `example.com/x/${old}.F`,
    });
  });

  it("moves a whole module with a prefix ending in '/', and picks the longest matching prefix", () => {
    expect(
      renamed(['example.com/old/a.F', 'example.com/old/b/c.G', 'example.com/old/special.H', 'example.com/older/x.F'], {
        'example.com/old/': 'example.com/new/',
        'example.com/old/special.': 'example.com/kept/special.',
      }),
    ).toEqual({
      'example.com/old/a.F': 'example.com/new/a.F',
      'example.com/old/b/c.G': 'example.com/new/b/c.G',
      'example.com/old/special.H': 'example.com/kept/special.H',
      'example.com/older/x.F': 'example.com/older/x.F',
    });
  });

  it('renames exact names only as a whole, before any prefix rule', () => {
    expect(
      renamed(['main.old', 'main.oldest', 'main.old.func1', 'pkg.F'], [
        { from: 'main.old', to: 'main.new' },
        { from: 'pkg.F', to: 'pkg.Exact' },
        { from: 'pkg.', to: 'moved.' },
      ]),
    ).toEqual({ 'main.old': 'main.new', 'main.oldest': 'main.oldest', 'main.old.func1': 'main.old.func1', 'pkg.F': 'pkg.Exact' });
  });

  it('rewrites system names, and merges functions that became identical into the first', () => {
    const p = buildProfile({
      samples: [
        { stack: ['old.F@1', 'main.main@2'], values: [1, 10] },
        { stack: ['new.F@1', 'main.main@2'], values: [2, 20] },
      ],
    });
    // Same file and start line: once renamed, the two functions are one.
    p.function = p.function.map((f) => ({ ...f, filename: 'f.go' }));
    const after = rename(p, { 'old.': 'new.' });
    expect(after.function.map((f) => [f.id, f.name, f.systemName])).toEqual([
      [1, 'new.F', 'new.F'],
      [2, 'main.main', 'main.main'],
    ]);
    expect(after.location.map((l) => l.line.map((x) => x.functionId))).toEqual([[1], [2], [1]]);
    expect(p.function.map((f) => f.name)).toEqual(['old.F', 'main.main', 'new.F']);
  });

  it.each<[string, unknown, string]>([
    ['an empty from', [{ from: '', to: 'x.' }], 'rules[0].from'],
    ['an empty to', { 'x.': '' }, 'rules[0].to'],
    ['a to that is not a string', [{ from: 'a.F', to: 'b.G' }, { from: 'x.', to: 3 }], 'rules[1].to'],
    ['one from renamed two ways', [{ from: 'a.F', to: 'b.F' }, { from: 'a.F', to: 'c.F' }], 'rules[1].from'],
    ['no rules object', null, 'rules'],
  ])('refuses %s', (_what, rules, option) => {
    const error = catchError(() => rename(buildProfile({ samples: [] }), rules as Record<string, string>));
    expect(error).toBeInstanceOf(TransformError);
    expect(error).toMatchObject({ code: 'invalid-option', option });
  });

  it('on a real profile: preprofile sees the same edges under the new names', () => {
    const gdu = pgoUsableCorpus().find((f) => f.name.includes('gdu'))!;
    const from = 'github.com/dundee/gdu/v5/';
    const to = 'example.com/gdu/';
    const edges = (text: string): string[] =>
      preprofileEdges(text)
        .map((e) => `${e.caller} -> ${e.callee} @${e.offset} ${e.weight}`)
        .sort();
    const before = edges(preprofileText(gdu.path));
    expect(before.filter((e) => e.includes(from)).length).toBeGreaterThan(30);
    const after = rename(decode(gdu.bytes), { [from]: to });
    expect(edges(preprofileOf(after))).toEqual(before.map((e) => e.replaceAll(from, to)).sort());
    expect(functionNames(after).filter((n) => n.includes(from))).toEqual([]);
  }, GO_TIMEOUT_MS);
});

function functionNames(p: Profile): string[] {
  return p.function.flatMap((f) => [f.name, f.systemName]);
}
