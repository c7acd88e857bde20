// The loadtest/canary report as a pure function of its model: the verdict and headline, the
// per-round chart with both sides, the history chart of the same kind, the details, the gates;
// every text escaped.
import { renderServiceReport } from './service-report';
import { serviceReportModel as model } from './service-report-fixture.spec-helper';

test('headline, both sides per round, history, details and gates; text escaped', () => {
  const html = renderServiceReport(model());
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain('<title>PGO loadtest: store&lt;front&gt; 2026-03-01 (accepted)</title>');
  expect(html).toContain('CPU per request -12.00% [-15.0%, -9.0%]');
  expect(html).toContain('less CPU per request with 95% confidence (p=0.000)');
  expect(html).toContain('p99 latency -5.00% [-20.0%, +8.0%]');
  expect(html).toContain('id="pairs-chart"');
  expect(html.match(/<circle class="point off"/g)).toHaveLength(3); // two rounds and the legend
  expect(html.match(/<circle class="point pgo"/g)).toHaveLength(3);
  expect(html).toContain('round 2: -pgo=off 500.0 µs, PGO 430.0 µs (-14.00%)');
  expect(html).toContain('id="history-chart"');
  expect(html).toContain('CPU per request PGO vs -pgo=off over past runs');
  expect(html).toContain('built-in replayer of &quot;r.jsonl&quot;');
  expect(html).toContain('data-gate="cpuPerRequest"');
  expect(html).toContain('CPU per request</td>');
  expect(html).not.toContain('<front>');
});

test('a canary names its sides and steps; no interval and a saturated generator are said in words', () => {
  const html = renderServiceReport(
    model({ kind: 'canary', names: { off: 'baseline', pgo: 'canary' }, pairName: 'step', delta: { center: 3, lo: -Infinity, hi: Infinity, n: 4 }, notes: ['The load generator was busy.'], accepted: false, gates: [] }),
  );
  expect(html).toContain('PGO canary: store&lt;front&gt;');
  expect(html).toContain('CPU per request by step, baseline and canary');
  expect(html).toContain('too few pairs for a 95% interval');
  expect(html).toContain('<p class="note warning">The load generator was busy.</p>');
  expect(html).toContain('No gates were configured for this run.');
});
