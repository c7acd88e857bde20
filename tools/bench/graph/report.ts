// The graph benchmark's results as Markdown: the graph per side (no daemon), the daemon's
// one-file edit, the targets of issue 11 with verdicts, and the cached build.
import { median } from '../measure';
import type { Install } from './install';
import type { Shape, State } from './synthetic';
import type { DaemonSample, Sample, Side } from './workspace';

export interface GraphRow {
  shape: Shape;
  state: State;
  size: number;
  samples: Partial<Record<Side, Sample[]>>;
  daemon: Partial<Record<Side, DaemonSample[]>>;
}

export interface BuildRow {
  size: number;
  firstRunMs: number;
  cachedMs: number;
  goBuildMs: number;
}

const TARGETS = { staticRatio: 1.05, bootstrapBareRatio: 1.35, createNodesWarmMs: 30, createNodesColdMs: 250, daemonEditMs: 50, cachedBuildRatio: 0.5 };

const fmt = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a / b);
const fmtRatio = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(2)}×`);
const verdict = (value: number | undefined, limit: number): string => (value === undefined ? 'not measured' : value <= limit ? 'met' : `**missed** by ${((value / limit - 1) * 100).toFixed(1)}%`);

function medianOf<T>(samples: readonly T[] | undefined, pick: (s: T) => number | undefined): number | undefined {
  const values = (samples ?? []).map(pick).filter((v): v is number => v !== undefined);
  return values.length > 0 ? median(values) : undefined;
}

/** Median, and in how many runs Nx printed the line when not all (its worker can exit before the perf log is flushed). */
function hookCell<T>(samples: readonly T[] | undefined, pick: (s: T) => number | undefined): string {
  const all = samples ?? [];
  const found = all.filter((s) => pick(s) !== undefined).length;
  return found === all.length ? fmt(medianOf(all, pick)) : `${fmt(medianOf(all, pick))} (${found}/${all.length})`;
}

const warm = (row: GraphRow, side: Side): number | undefined => medianOf(row.samples[side], (s) => s.warmMs);
const daemonCreateNodes = (row: GraphRow): number | undefined => medianOf(row.daemon['go-pgo'], (s) => s.createNodesMs);

export function report(install: Install, rows: GraphRow[], sides: readonly Side[], runs: number, build: BuildRow | undefined, loadAverage: string): string {
  const lines = [
    `## nx show projects (NX_DAEMON=false), medians of ${runs} runs, ms`,
    '',
    `nx ${install.nxVersion}, node ${process.version}; load average before the run: ${loadAverage}. Cold = after \`nx reset\`; warm = the next run. Sides in rotating order within each row. "static" = the plugin's own output written as project.json files, no plugin. createNodes / createDependencies: go-pgo's, as Nx's perf log prints them ("(2/3)": printed in 2 of 3 runs).`,
    '',
    `| shape | state | binaries | ${sides.map((s) => `${s} cold | ${s} warm`).join(' | ')} | go-pgo ÷ static warm | go-pgo ÷ bare warm | createNodes cold / warm | createDependencies cold / warm | projects |`,
    `|---|---|---:|${sides.map(() => '---:|---:|').join('')}---:|---:|---:|---:|---:|`,
  ];
  for (const row of rows) {
    const s = row.samples['go-pgo'];
    const cells = [row.shape, row.state, String(row.size)];
    for (const side of sides) cells.push(fmt(medianOf(row.samples[side], (x) => x.coldMs)), fmt(warm(row, side)));
    cells.push(
      fmtRatio(ratio(warm(row, 'go-pgo'), warm(row, 'static'))),
      fmtRatio(ratio(warm(row, 'go-pgo'), warm(row, 'bare'))),
      `${hookCell(s, (x) => x.createNodesColdMs)} / ${hookCell(s, (x) => x.createNodesWarmMs)}`,
      `${hookCell(s, (x) => x.createDependenciesColdMs)} / ${hookCell(s, (x) => x.createDependenciesWarmMs)}`,
      String(medianOf(s, (x) => x.projects) ?? '—'),
    );
    lines.push(`| ${cells.join(' | ')} |`);
  }

  if (sides.includes('noop')) {
    lines.push('', 'noop: a plugin whose createNodes returns no project, run by Nx in a worker like any plugin.', '');
    for (const row of rows) {
      lines.push(`- ${row.shape} ${row.state} ${row.size}: noop ÷ bare warm ${fmtRatio(ratio(warm(row, 'noop'), warm(row, 'bare')))}, go-pgo ÷ noop warm ${fmtRatio(ratio(warm(row, 'go-pgo'), warm(row, 'noop')))}`);
    }
  }

  const daemonRows = rows.filter((r) => r.daemon['go-pgo'] !== undefined);
  if (daemonRows.length > 0) {
    lines.push(
      '',
      '## With the daemon: one .go file edited, then `nx show projects`, ms',
      '',
      'Medians over the edits (a comment appended to one binary\'s main.go each time). Wall: the `nx show projects` right after the edit (the daemon recomputes before it answers). createNodes: go-pgo\'s, from the daemon\'s log.',
      '',
      '| shape | state | binaries | go-pgo createNodes (min–max) | go-pgo wall | static wall | go-pgo ÷ static wall |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const row of daemonRows) {
      const d = row.daemon['go-pgo']!;
      const values = d.map((x) => x.createNodesMs).filter((v): v is number => v !== undefined);
      const goWall = medianOf(d, (x) => x.wallMs);
      const staticWall = medianOf(row.daemon.static, (x) => x.wallMs);
      lines.push(
        `| ${row.shape} | ${row.state} | ${row.size} | ${fmt(daemonCreateNodes(row))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))}) | ${fmt(goWall)} | ${fmt(staticWall)} | ${fmtRatio(ratio(goWall, staticWall))} |`,
      );
    }
  }

  lines.push('', '## Targets (issue 11)', '', '| target | shape | state | binaries | measured | verdict |', '|---|---|---|---:|---:|---|');
  const target = (name: string, row: GraphRow, shown: string, value: number | undefined, limit: number): void => {
    lines.push(`| ${name} | ${row.shape} | ${row.state} | ${row.size} | ${shown} | ${verdict(value, limit)} |`);
  };
  for (const row of rows.filter((r) => r.size === 1000)) {
    const s = row.samples['go-pgo'];
    const toStatic = ratio(warm(row, 'go-pgo'), warm(row, 'static'));
    target(`warm ≤ ${TARGETS.staticRatio}× static`, row, fmtRatio(toStatic), toStatic, TARGETS.staticRatio);
    if (row.state === 'bootstrap') {
      const toBare = ratio(warm(row, 'go-pgo'), warm(row, 'bare'));
      target(`warm ≤ ${TARGETS.bootstrapBareRatio}× bare Nx`, row, fmtRatio(toBare), toBare, TARGETS.bootstrapBareRatio);
    }
    const warmNodes = medianOf(s, (x) => x.createNodesWarmMs);
    const coldNodes = medianOf(s, (x) => x.createNodesColdMs);
    target(`createNodes warm ≤ ${TARGETS.createNodesWarmMs} ms`, row, `${fmt(warmNodes)} ms`, warmNodes, TARGETS.createNodesWarmMs);
    target(`createNodes cold ≤ ${TARGETS.createNodesColdMs} ms`, row, `${fmt(coldNodes)} ms`, coldNodes, TARGETS.createNodesColdMs);
    if (row.daemon['go-pgo'] !== undefined) {
      const edit = daemonCreateNodes(row);
      target(`daemon, one-file edit: createNodes ≤ ${TARGETS.daemonEditMs} ms`, row, `${fmt(edit)} ms`, edit, TARGETS.daemonEditMs);
    }
  }
  // Linear growth: each cost at 5000 binaries at most 5 times its value at 1000.
  for (const big of rows.filter((r) => r.size > 1000)) {
    const small = rows.find((r) => r.size === 1000 && r.shape === big.shape && r.state === big.state);
    if (small === undefined) continue;
    const factor = big.size / small.size;
    const costs: [string, (r: GraphRow) => number | undefined][] = [
      ['go-pgo warm wall', (r) => warm(r, 'go-pgo')],
      ['createNodes warm', (r) => medianOf(r.samples['go-pgo'], (x) => x.createNodesWarmMs)],
      ['createNodes cold', (r) => medianOf(r.samples['go-pgo'], (x) => x.createNodesColdMs)],
      ['daemon edit createNodes', daemonCreateNodes],
    ];
    for (const [name, cost] of costs) {
      const growth = ratio(cost(big), cost(small));
      if (growth === undefined) continue;
      target(`${name} grows ≤ ${factor}× from ${small.size}`, big, `${fmtRatio(growth)} (${fmt(cost(small))} → ${fmt(cost(big))} ms)`, growth, factor);
    }
  }

  if (build) {
    const cached = build.cachedMs / build.goBuildMs;
    lines.push(
      '',
      `Cached builds, ${build.size} binaries, one module, bootstrap: \`nx run-many -t pgo-build\` with every task a cache hit ${fmt(build.cachedMs)} ms (first, uncached run ${fmt(build.firstRunMs)} ms); \`go build -o dir/ ./cmd/...\` with a warm GOCACHE ${fmt(build.goBuildMs)} ms: ${fmtRatio(cached)} (target ≤ ${TARGETS.cachedBuildRatio}×: ${verdict(cached, TARGETS.cachedBuildRatio)}).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
