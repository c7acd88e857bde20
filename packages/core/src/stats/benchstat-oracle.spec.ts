// Our benchstat-compatible statistics against the real benchstat on many seeded random inputs
// and on real `go test -bench` output: every row's significance decision, delta, CI, p-value and
// n, every table's geomean, the footnoted warnings, and the whole text layout.
import { formatBenchstat, ciPercent, formatDelta, formatTest } from './benchstat-format';
import { BENCHSTAT_VERSION, installBenchstat, realBenchOutputs, runBenchstat } from './benchstat-oracle.spec-helper';
import { compareBenchmarks } from './compare';
import type { BenchstatComparison, BenchstatRow } from './compare';
import { generateBenchOutputs } from './generated-bench.spec-helper';
import { geomeanParts } from './geomean';
import { goSignedFixed } from './go-number-format';
import { FIXTURE_TIMEOUT_MS } from '../../../../tools/test-support/go-fixtures';

const GENERATED_CASES = 400;
const SEED = 20_240_611;

const install = installBenchstat();
if ('unavailable' in install) {
  console.warn(
    `\n!!! benchstat ${BENCHSTAT_VERSION} could not be installed (${install.unavailable}).\n` +
      '!!! The comparisons against the real benchstat are SKIPPED; only the self-contained stats tests ran.\n',
  );
}

interface CsvRow {
  line: number;
  cells: string[];
}

interface CsvTable {
  unit: string;
  rows: CsvRow[];
  geomean: CsvRow;
}

/** benchstat's CSV: per table optional config lines, a file-name row, a header row, the rows, geomean. */
function parseCsvTables(csv: string): CsvTable[] {
  const lines = csv.split('\n');
  const tables: CsvTable[] = [];
  let current: { unit: string; rows: CsvRow[] } | undefined;
  lines.forEach((text, index) => {
    const cells = parseCsvLine(text);
    const line = index + 1;
    if (cells[1] !== undefined && cells[2] === 'CI' && cells[0] === '') {
      current = { unit: cells[1], rows: [] };
    } else if (current && cells[0] === 'geomean') {
      tables.push({ ...current, geomean: { line, cells } });
      current = undefined;
    } else if (current) {
      current.rows.push({ line, cells });
    }
  });
  return tables;
}

function parseCsvLine(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') cell += text[++i];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** `B8: message` lines: the warnings benchstat attaches to a CSV cell. */
function parseCsvWarnings(stderr: string): Map<string, string[]> {
  const warnings = new Map<string, string[]>();
  for (const line of stderr.split('\n')) {
    const match = /^([A-Z]+)(\d+): (.*)$/u.exec(line);
    if (!match) continue;
    const key = `${match[1]}${match[2]}`;
    warnings.set(key, [...(warnings.get(key) ?? []), match[3]]);
  }
  return warnings;
}

/** Twelve significant digits. */
function roughly(value: number | undefined): string | undefined {
  return value === undefined ? undefined : value.toPrecision(12);
}

/** Asserts one benchstat CSV output against our comparison; returns the number of rows checked. */
function expectSameAsBenchstat(ours: BenchstatComparison, csv: string, stderr: string): number {
  const theirs = parseCsvTables(csv);
  const warnings = parseCsvWarnings(stderr);
  const at = (col: string, line: number): string[] => warnings.get(`${col}${line}`) ?? [];
  expect(ours.tables.map((t) => t.unit)).toEqual(theirs.map((t) => t.unit));
  let rows = 0;
  theirs.forEach((table, t) => {
    const ourTable = ours.tables[t];
    expect(ourTable.rows.map((r) => r.benchmark)).toEqual(table.rows.map((r) => r.cells[0]));
    table.rows.forEach(({ line, cells }, r) => {
      const row: BenchstatRow = ourTable.rows[r];
      const [name, offCenter, offCi, pgoCenter, pgoCi, delta, test] = cells;
      const context = `${table.unit} ${name}`;
      expect({ context, offCenter: row.off.center, pgoCenter: row.pgo.center }).toEqual({ context, offCenter: Number(offCenter), pgoCenter: Number(pgoCenter) });
      expect({ context, offCi: ciPercent(row.off), pgoCi: ciPercent(row.pgo) }).toEqual({ context, offCi, pgoCi });
      // The decision ("~" or not), the delta to two decimals, the p-value as printed and n.
      expect({ context, delta: formatDelta(row), test: formatTest(row), significant: row.significant }).toEqual({ context, delta, test, significant: delta !== '~' });
      expect({ context, warnings: row.warnings }).toEqual({ context, warnings: { off: at('B', line), pgo: at('D', line), comparison: at('F', line) } });
      rows++;
    });
    // benchstat's CSV prints the geomean even for one row; its text (and our contract) only for more.
    const [, offGeomean, , pgoGeomean, , ratio] = table.geomean.cells;
    const parts = geomeanParts(ourTable.rows);
    // Full precision only up to the last bits: V8's log/exp are not Go's.
    expect({ unit: table.unit, off: roughly(parts.off), pgo: roughly(parts.pgo), ratio: parts.ratio === undefined ? '?' : `${goSignedFixed((parts.ratio - 1) * 100, 2)}%` }).toEqual({
      unit: table.unit,
      off: offGeomean === '' ? undefined : roughly(Number(offGeomean)),
      pgo: pgoGeomean === '' ? undefined : roughly(Number(pgoGeomean)),
      ratio,
    });
    expect({ unit: table.unit, off: parts.offWarnings, pgo: parts.pgoWarnings }).toEqual({
      unit: table.unit,
      off: at('B', table.geomean.line),
      pgo: at('D', table.geomean.line),
    });
    if (ourTable.rows.length > 1 && parts.off !== undefined && parts.pgo !== undefined && parts.ratio !== undefined) {
      expect(ourTable.geomean).toEqual({ off: parts.off, pgo: parts.pgo, deltaPercent: (parts.ratio - 1) * 100 });
    } else {
      expect(ourTable.geomean).toBeUndefined();
    }
  });
  return rows;
}

if ('unavailable' in install) {
  test.skip(`SKIPPED: comparisons against the real benchstat (it could not be installed: ${install.unavailable})`, () => undefined);
} else {
  const benchstat = install.path;

  describe(`against the real benchstat ${BENCHSTAT_VERSION}`, () => {
    const generated = generateBenchOutputs(SEED, GENERATED_CASES);
    const ours = compareBenchmarks(generated.off, generated.pgo);
    let real: { off: string; pgo: string };

    beforeAll(async () => {
      real = await realBenchOutputs();
    }, FIXTURE_TIMEOUT_MS);

    test(`agrees on ${GENERATED_CASES} generated cases, row by row`, async () => {
      const { stdout, stderr } = await runBenchstat(benchstat, generated.off, generated.pgo, 'csv');
      expect(ours.tables).toHaveLength(GENERATED_CASES);
      expect(expectSameAsBenchstat(ours, stdout, stderr)).toBe(generated.rows);
      // The generator must reach every branch it is meant to exercise.
      const rowsOf = ours.tables.flatMap((t) => t.rows);
      expect(rowsOf.filter((r) => r.significant).length).toBeGreaterThan(50);
      expect(rowsOf.filter((r) => !r.significant).length).toBeGreaterThan(50);
      expect(rowsOf.some((r) => r.warnings.comparison.includes('all samples are equal'))).toBe(true);
      expect(rowsOf.some((r) => r.off.n > 25 && r.pgo.n > 25)).toBe(true);
      expect(rowsOf.some((r) => r.off.n > 30 && Number.isFinite(r.off.lo))).toBe(true);
      expect(rowsOf.some((r) => r.off.n !== r.pgo.n)).toBe(true);
    });

    test('prints the same text table as benchstat for the generated cases', async () => {
      const { stdout } = await runBenchstat(benchstat, generated.off, generated.pgo, 'text');
      expect(formatBenchstat(ours)).toBe(stdout);
    });

    test('agrees on real go test -bench output (two packages, sec/op, B/op, allocs/op, B/s, a custom metric)', async () => {
      const ours = compareBenchmarks(real.off, real.pgo);
      const { stdout, stderr } = await runBenchstat(benchstat, real.off, real.pgo, 'csv');
      expect(expectSameAsBenchstat(ours, stdout, stderr)).toBeGreaterThan(0);
      expect(new Set(ours.tables.map((t) => t.unit))).toEqual(new Set(['sec/op', 'B/op', 'allocs/op', 'B/s', 'widgets/op']));
      expect(new Set(ours.tables.map((t) => new Map(t.config).get('pkg')))).toEqual(
        new Set(['example.com/benchfix/alpha', 'example.com/benchfix/beta']),
      );
      const text = await runBenchstat(benchstat, real.off, real.pgo, 'text');
      expect(formatBenchstat(ours)).toBe(text.stdout);
    });

    test('agrees on a benchmark measured identically on both sides and on a shifted copy', async () => {
      const off = real.off;
      // Every sec/op value 10% higher: a clear, significant change for every benchmark.
      const pgo = real.pgo.replace(/(\s)([0-9.]+) ns\/op/gu, (_, space: string, v: string) => `${space}${Number(v) * 1.1} ns/op`);
      for (const [a, b] of [
        [off, off],
        [off, pgo],
      ]) {
        const { stdout, stderr } = await runBenchstat(benchstat, a, b, 'csv');
        expect(expectSameAsBenchstat(compareBenchmarks(a, b), stdout, stderr)).toBeGreaterThan(0);
      }
    });
  });
}
