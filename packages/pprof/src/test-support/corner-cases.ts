// Profiles for the corners of Go's NewGraph (pgo-edges.ts), shared by the edge and compaction
// tests: each must come out of `go tool preprofile` exactly as from pgoEdges, before and after
// compaction.
import type { SampleSpec } from './build-profile';

export const CORNER_START_LINES = { 'main.fib': 10, 'main.main': 20, 'main.a': 30, 'main.b': 40, 'main.c': 50, 'main.inl': 60 };
export const CORNER_CASES: [string, SampleSpec[]][] = [
  [
    // fib's leaf runs on line 12, where fib calls itself: two nodes only because the addresses differ.
    'a recursion on one line, told apart by address',
    [
      { stack: [{ lines: ['main.fib@12'], address: 0x1010 }, { lines: ['main.fib@12'], address: 0x1020 }, 'main.main@22'], values: [7, 70] },
      { stack: [{ lines: ['main.fib@12'], address: 0x1020 }, { lines: ['main.fib@12'], address: 0x1020 }, 'main.main@22'], values: [5, 50] },
    ],
  ],
  [
    'inlined frames: every adjacent pair of lines of the two leaf-most locations',
    [
      { stack: [{ lines: ['main.inl@61', 'main.a@33'] }, { lines: ['main.b@42', 'main.c@51'] }, 'main.main@21'], values: [3, 30] },
      { stack: [{ lines: ['main.a@34'] }, { lines: ['main.inl@62', 'main.b@42', 'main.c@51'] }], values: [2, 20] },
    ],
  ],
  [
    // main.a appears in both locations: NewGraph counts the a -> b -> a pairs once each.
    'a function twice in a sample, through inlining',
    [{ stack: [{ lines: ['main.a@31'] }, { lines: ['main.b@41', 'main.a@32'] }], values: [4, 40] }],
  ],
  [
    'values that cancel out: zero-weight edges stay listed, nodes with nothing left are dropped',
    [
      { stack: ['main.a@31', 'main.b@41'], values: [5, 50] },
      { stack: ['main.c@51', 'main.b@41'], values: [-5, -50] },
      { stack: ['main.a@31', 'main.b@41', 'main.main@21'], values: [-5, -50] },
      { stack: ['main.a@32', 'main.c@52'], values: [2, 20] },
    ],
  ],
  [
    'zero values and one-frame samples carry no edge',
    [
      { stack: ['main.a@31', 'main.b@41'], values: [0, 0] },
      { stack: ['main.a@31'], values: [9, 90] },
      { stack: ['main.b@43', 'main.c@53'], values: [1, 10] },
    ],
  ],
  [
    'lines without functions and locations without lines are nodes of their own',
    [
      { stack: [{ lines: [], address: 0x77 }, 'main.a@31'], values: [3, 30] },
      { stack: ['main.a@31', { lines: [], address: 0x88 }], values: [2, 20] },
    ],
  ],
  [
    'ties in weight sort by caller, callee and offset, in byte order',
    [
      { stack: ['main.b@41', 'main.a@33'], values: [1, 10] },
      { stack: ['main.b@41', 'main.a@31'], values: [1, 10] },
      { stack: ['main.a@31', 'main.b@42'], values: [1, 10] },
      { stack: ['main.c@51', 'main.a@31'], values: [1, 10] },
    ],
  ],
  [
    'sums beyond 2^53 wrap around 2^64 as Go int64 does',
    [
      { stack: ['main.a@31', 'main.b@41'], values: [1, 2n ** 62n] },
      { stack: ['main.a@31', 'main.b@41'], values: [1, 2n ** 62n] },
      { stack: ['main.c@51', 'main.b@41'], values: [1, 2n ** 53n + 1n] },
    ],
  ],
  ['a total weight of zero gives no edges at all', [{ stack: ['main.a@31', 'main.b@41'], values: [3, 30] }, { stack: ['main.c@51', 'main.b@41'], values: [-3, -30] }]],
];
