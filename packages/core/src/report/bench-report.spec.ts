// The report's HTML as text: self-contained, escaped, deterministic, and right about the edge
// cases (no history, one run, many runs, unknown CIs). How it renders is bench-report.browser.spec.ts.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRun, HistoryRow } from '../bench/bench-types';
import { OutputWriteError } from '../fs/atomic-write';
import { renderBenchReport, runVerdict, writeBenchReport } from './bench-report';
import { BENCHMARKS, estimate, PROFILE_A, PROFILE_B, realisticHistory, realisticRun, row } from './report-fixture.spec-helper';

/** The markup of one element with this id (its children included), for looking inside a chart. */
function element(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1];
  return html.slice(open, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('renderBenchReport', () => {
  const run = realisticRun();
  const history = realisticHistory();
  const html = renderBenchReport(run, history);

  it('is one standalone document: no scripts, no external resources, a CSP that forbids both', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    // The only URL is the SVG namespace, which is a name, not a request.
    expect([...html.matchAll(/https?:\/\/[^"\s<]+/g)].map((m) => m[0])).toEqual(
      Array(5).fill('http://www.w3.org/2000/svg'),
    );
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;">`);
  });

  it('is deterministic: the same inputs give the same bytes at any time of day', () => {
    jest.useFakeTimers({ now: new Date('2031-07-04T23:59:59Z') });
    try {
      expect(renderBenchReport(realisticRun(), realisticHistory())).toBe(html);
    } finally {
      jest.useRealTimers();
    }
    expect(html).not.toMatch(/NaN|undefined|\[object/);
  });

  it('heads the page with the project, date, Go version, commit, short profile hash, count and verdict', () => {
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    for (const fact of ['checkout-api', '2025-03-14T09:30:00Z', 'go1.26.0', '9e1f0c4a7b2d', run.profile.path, '8 runs per side']) {
      expect(header).toContain(fact);
    }
    expect(header).toContain(`<code title="${PROFILE_B}">${PROFILE_B.slice(0, 12)}</code>`);
    expect(header).toContain('<span class="status rejected">rejected: gates binary size, build time failed</span>');
    expect(header).toContain('geomean sec/op -4.12% [-5.3%, -2.9%]');
    expect(header).toContain('3 faster, 1 slower, 2 unchanged or not significant');
  });

  it('says what was decided in every gate situation', () => {
    const passing = run.gates.map((gate) => ({ ...gate, passed: true }));
    expect(runVerdict({ ...run, gates: passing, accepted: true })).toBe('accepted');
    expect(runVerdict({ ...run, accepted: true })).toBe('accepted (gates not enforced; failed: binary size, build time)');
    expect(runVerdict({ ...run, gates: [run.gates[0]] , accepted: false })).toBe('rejected');
    expect(runVerdict({ ...run, gates: [run.gates[1]], accepted: false })).toBe('rejected: gate binary size failed');
  });

  it('prints the comparison as benchstat would, with "~" where the difference is not significant', () => {
    const table = element(html, 'results');
    const cells = (benchmark: string, unit: string): string[] => {
      const escaped = benchmark.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
      const rowHtml = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1]).find((r) => r.includes(`>${escaped}<`) && r.includes(`>${unit}<`));
      return [...(rowHtml ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    };
    expect(cells(BENCHMARKS.router, 'sec/op')).toEqual([BENCHMARKS.router, 'sec/op', '412.6 ns ± 1.2%', '371.9 ns ± 1.5%', '-9.86%', 'p=0.000', 'n=8']);
    expect(cells(BENCHMARKS.gzip, 'sec/op').slice(4)).toEqual(['+2.23%', 'p=0.010', 'n=8']);
    expect(cells(BENCHMARKS.hash, 'sec/op').slice(4)).toEqual(['~', 'p=0.645', 'n=8']);
    expect(cells(BENCHMARKS.template, 'sec/op').slice(2)).toEqual(['7.913 µs ± ∞', '7.204 µs ± ∞', '-8.96%', 'p=0.029', 'n=4']);
    expect(cells(BENCHMARKS.json, 'B/op').slice(2, 5)).toEqual(['1.156 KiB ± 0%', '1.156 KiB ± 0%', '~']);
    expect(table).toContain('<td class="num gain">-9.86%</td>');
    expect(table).toContain('<td class="num regression">+2.23%</td>');
    expect(count(table, /<tr class="geomean">/g)).toBe(2); // sec/op and allocs/op; B/op has a zero
  });

  it('draws a delta chart per unit with one bar per benchmark, styled by kind and significance', () => {
    const chart = element(html, 'delta-0');
    expect(count(chart, /<g class="row"/g)).toBe(6);
    expect(count(chart, /class="bar gain sig"/g)).toBe(3 + 1); // three rows and the legend
    expect(count(chart, /class="bar regression sig"/g)).toBe(1 + 1);
    expect(count(chart, /class="bar gain nosig"/g)).toBe(2 + 1);
    expect(chart).toContain('<title id="delta-0-title">Delta pgo vs off per benchmark, sec/op</title>');
    expect(element(html, 'delta-1')).toContain('B/op');
    expect(element(html, 'delta-2')).toContain('allocs/op');
  });

  it('draws an unknown CI (n too small) as a whisker open at both ends', () => {
    const chart = element(html, 'delta-0');
    const rows = chart.split('<g class="row"').slice(1);
    const template = rows.find((r) => r.includes('data-benchmark="TemplateRender/user&#39;s_page-8"'))!;
    expect(count(template, /class="open-end"/g)).toBe(2);
    expect(template).toContain('≥90% CI [-∞%, +∞%]');
    rows.filter((r) => r !== template).forEach((r) => expect(count(r, /class="open-end"/g)).toBe(0));
  });

  it('escapes names everywhere: text, attributes, titles', () => {
    const evil = '</svg><script>alert("x")</script>&\'';
    const hostile: BenchRun = {
      ...run,
      project: '<b>proj</b>',
      commit: '"><img src=x>',
      comparison: {
        ...run.comparison,
        tables: [{ unit: 'sec/op', rows: [row(evil, estimate(2e-6, 0.01, 8), estimate(1e-6, 0.01, 8), 0.001)] }],
      },
      gates: [{ ...run.gates[0], message: `${evil} failed` }],
    };
    const out = renderBenchReport(hostile, [{ ...history[0], commit: evil, date: evil }]);
    expect(out).not.toMatch(/<script|<img|<b>proj/);
    expect(out).toContain('&lt;/svg&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(count(out, /<svg /g)).toBe(3);
    expect(count(out, /<\/svg>/g)).toBe(3);
  });

  it('writes nothing but text for no benchmarks and no history', () => {
    const empty: BenchRun = { ...run, comparison: { ...run.comparison, tables: [{ unit: 'sec/op', rows: [] }] } };
    const out = renderBenchReport(empty, []);
    expect(out).toContain('No benchmark results.');
    expect(out).toContain('No history yet');
    expect(count(out, /<svg /g)).toBe(1); // only the build cost
  });
});

describe('the history chart', () => {
  const run = realisticRun();
  const chartOf = (history: HistoryRow[]): string => element(renderBenchReport(run, history), 'history-chart');
  const rowAt = (index: number, sha: string, delta = -3): HistoryRow => ({
    ...realisticHistory()[0],
    date: new Date(Date.UTC(2025, 0, 1 + index)).toISOString(),
    profileSha256: sha,
    geomeanDeltaPercent: delta,
    geomeanCi: { lo: delta - 1, hi: delta + 1 },
  });

  it('shows the realistic history: ten runs, two profiles, one change, an unknown CI', () => {
    const chart = chartOf(realisticHistory());
    expect(count(chart, /<g class="run"/g)).toBe(10);
    expect(count(chart, /<line class="profile-change" data-from/g)).toBe(1);
    expect(chart).toContain(`data-from="${PROFILE_A}" data-to="${PROFILE_B}"`);
    expect(count(chart, /class="open-end"/g)).toBe(2);
    expect(count(chart, /class="point gain rejected"/g)).toBe(2 + 1); // two runs and the legend
    expect(chart).toContain('<polyline class="series"');
  });

  it('draws a single run as one point, with no line and no profile change', () => {
    const chart = chartOf([rowAt(0, PROFILE_A)]);
    expect(count(chart, /<g class="run"/g)).toBe(1);
    expect(chart).not.toContain('<polyline');
    expect(chart).not.toContain('data-from');
    expect(chart).toContain('>2025-01-01<');
  });

  it('orders runs by date whatever the order of the rows, and marks every change of profile', () => {
    const rows = [rowAt(3, PROFILE_A), rowAt(1, PROFILE_A), rowAt(2, PROFILE_B), rowAt(0, PROFILE_A)];
    const chart = chartOf(rows);
    const days = [...chart.matchAll(/<text class="day"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(days).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    // A → A → B → A: two changes.
    expect(count(chart, /<line class="profile-change" data-from/g)).toBe(2);
  });

  it('keeps every run of a long history but thins the date labels so they do not collide', () => {
    const rows = Array.from({ length: 120 }, (_, i) => rowAt(i, i < 60 ? PROFILE_A : PROFILE_B, -6 + i / 30));
    const chart = chartOf(rows);
    expect(count(chart, /<g class="run"/g)).toBe(120);
    const xs = [...chart.matchAll(/<text class="day" x="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeLessThan(15);
    expect(xs.length).toBeGreaterThan(5);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(90);
  });
});

describe('writeBenchReport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the rendered report, leaving no temporary file behind', async () => {
    await writeBenchReport('report.html', realisticRun(), realisticHistory(), dir);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe(renderBenchReport(realisticRun(), realisticHistory()));
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('names the file it could not write', async () => {
    await expect(writeBenchReport('missing/report.html', realisticRun(), [], dir)).rejects.toThrow(OutputWriteError);
    await expect(writeBenchReport('missing/report.html', realisticRun(), [], dir)).rejects.toThrow(/^missing\/report\.html: cannot write/);
  });
});
