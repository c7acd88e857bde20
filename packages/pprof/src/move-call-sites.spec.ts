// moveCallSites changes one call site's offset in Go's view and nothing else: go tool preprofile
// lists the same edges before and after, the moved ones at their new offset.
import { catchError } from './test-support/catch-error';
import { buildProfile } from './test-support/build-profile';
import { preprofileEdges, preprofileOf } from './test-support/preprofile-of';
import { moveCallSites } from './move-call-sites';

const GO_TIMEOUT_MS = 60_000;

describe('moveCallSites', () => {
  // main.f starts on line 10; its calls of g and h are on lines 12 and 15.
  const profile = buildProfile({
    startLines: { 'main.f': 10, 'main.g': 20, 'main.h': 30, 'main.main': 40 },
    samples: [
      { stack: ['main.g@21', 'main.f@12', 'main.main@41'], values: [5, 50] },
      { stack: ['main.h@31', 'main.f@15', 'main.main@41'], values: [3, 30] },
      { stack: ['main.f@12', 'main.main@41'], values: [2, 20] },
    ],
  });

  it('moves the call site of one function from one offset to another, in every frame', () => {
    const before = preprofileEdges(preprofileOf(profile));
    const moved = moveCallSites(profile, [{ caller: 'main.f', from: 2, to: 4 }]);
    const after = preprofileEdges(preprofileOf(moved));
    expect(after).toEqual(before.map((e) => (e.caller === 'main.f' && e.offset === 2 ? { ...e, offset: 4 } : e)));
    expect(after.filter((e) => e.caller === 'main.f').map((e) => [e.callee, e.offset])).toEqual([
      ['main.g', 4],
      ['main.h', 5],
    ]);
    // The input is unchanged; locations of other functions are shared, not copied.
    expect(preprofileEdges(preprofileOf(profile))).toEqual(before);
    expect(moved.location.filter((l, i) => l !== profile.location[i]).flatMap((l) => l.line.map((x) => x.line))).toEqual([14]);
  }, GO_TIMEOUT_MS);

  it('leaves a profile without the function as it is', () => {
    expect(moveCallSites(profile, [{ caller: 'main.gone', from: 2, to: 4 }])).toEqual(profile);
  });

  it.each([
    [[{ caller: '', from: 1, to: 2 }], 'moves[0].caller'],
    [[{ caller: 'main.f', from: 1.5, to: 2 }], 'moves[0].from'],
    [[{ caller: 'main.f', from: 1, to: Number.NaN }], 'moves[0].to'],
    [
      [
        { caller: 'main.f', from: 1, to: 2 },
        { caller: 'main.f', from: 1, to: 3 },
      ],
      'moves[1].from',
    ],
  ])('refuses %j', (moves, option) => {
    expect(catchError(() => moveCallSites(profile, moves))).toMatchObject({ code: 'invalid-option', option });
  });
});
