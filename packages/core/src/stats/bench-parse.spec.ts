import { parseBenchOutput, tidyValue } from './bench-parse';

const OUTPUT = `goos: linux
goarch: amd64
pkg: example.com/app
cpu: Some CPU @ 2.00GHz
BenchmarkParse
BenchmarkParse-8   	  123456	      9734 ns/op	  12.50 MB/s	    4096 B/op	      12 allocs/op
BenchmarkParse/small=1-8  1000  1.5e3 ns/op  3 widgets/op  7 ns/call
--- BENCH: BenchmarkParse-8
    parse_test.go:12: a log line
PASS
ok  	example.com/app	2.345s
pkg: example.com/other
note:no-space-so-not-config
Uppercase: not config
BenchmarkBroken-8   notanumber   12 ns/op
BenchmarkNoUnit-8   10   12
cpu:
BenchmarkOther-4   10   2 ns/op
`;

describe('parseBenchOutput', () => {
  const { results, syntaxErrors } = parseBenchOutput(OUTPUT);

  test('reads results with names as benchstat prints them, tidying units', () => {
    expect(results.map((r) => r.name)).toEqual(['Parse-8', 'Parse/small=1-8', 'Other-4']);
    expect(results[0]).toMatchObject({
      iterations: 123456,
      line: 6,
      values: [
        { value: 9734 * 1e-9, unit: 'sec/op' },
        { value: 12.5 * 1e6, unit: 'B/s' },
        { value: 4096, unit: 'B/op' },
        { value: 12, unit: 'allocs/op' },
      ],
    });
    expect(results[1].values).toEqual([
      { value: 1500 * 1e-9, unit: 'sec/op' },
      { value: 3, unit: 'widgets/op' },
      { value: 7 * 1e-9, unit: 'sec/call' },
    ]);
  });

  test('keeps the configuration each result was measured under; an empty value deletes a key', () => {
    expect(results[0].config).toEqual([
      ['goos', 'linux'],
      ['goarch', 'amd64'],
      ['pkg', 'example.com/app'],
      ['cpu', 'Some CPU @ 2.00GHz'],
    ]);
    expect(results[2].config).toEqual([
      ['goos', 'linux'],
      ['goarch', 'amd64'],
      ['pkg', 'example.com/other'],
    ]);
  });

  test('reports malformed result lines and skips everything else', () => {
    expect(syntaxErrors).toEqual([
      { line: 15, message: 'parsing iteration count: invalid syntax' },
      { line: 16, message: 'missing units' },
    ]);
  });
});

describe('tidyValue', () => {
  test.each([
    [5, 'ns/op', 5 * 1e-9, 'sec/op'],
    [2, 'MB/s', 2e6, 'B/s'],
    [3, 'ns/GC', 3 * 1e-9, 'sec/GC'],
    [4, 'B/ns', 4, 'B/ns'],
    [1, 'MB*ns/op', (1e6 / 1e9) * 1, 'B*sec/op'],
    [6, 'allocs/op', 6, 'allocs/op'],
    // benchstat leaves a value that scaling does not change in its original unit.
    [0, 'ns/op', 0, 'ns/op'],
  ])('%d %s → %d %s', (value, unit, tidiedValue, tidiedUnit) => {
    expect(tidyValue(value, unit)).toEqual({ value: tidiedValue, unit: tidiedUnit });
  });
});
