// The report as a person sees it: rendered by a real headless Chromium, measured through the
// DevTools protocol (where each bar, whisker, axis and label was laid out) and checked in the
// screenshot's pixels (that the colours were really painted there). The screenshot is kept in
// dist/pgo/report-screenshot/ as a CI artifact.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chromium, CHROMIUM_MISSING, findChromium, type Box, type Page } from '../../../../tools/test-support/chromium';
import { decodePng, type Image } from '../../../../tools/test-support/png';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import { writeBenchReport } from './bench-report';
import { BENCHMARKS, realisticHistory, realisticRun } from './report-fixture.spec-helper';
import { PALETTE } from './style';

const chromium = findChromium();
if (!chromium) console.warn(CHROMIUM_MISSING);
const describeInBrowser = chromium ? describe : describe.skip;

const ARTIFACTS = path.join(repoRoot, 'dist/pgo/report-screenshot');
const WIDTH = 1200;

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const WHITE: Rgb = [255, 255, 255];

describeInBrowser('the bench report in headless Chromium', () => {
  let browser: Chromium | undefined;
  let page: Page;
  let image: Image;
  const run = realisticRun();
  const history = realisticHistory();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const html = path.join(ARTIFACTS, 'report.html');
    await writeBenchReport(html, run, history);
    browser = await Chromium.launch(chromium as string);
    page = await browser.open(pathToFileURL(html).href, { width: WIDTH, height: 1600 });
    const png = await page.screenshot(WIDTH);
    writeFileSync(path.join(ARTIFACTS, 'report.png'), png);
    image = decodePng(png);
  });
  afterAll(() => browser?.close());

  /** The painted colour at a page position, and whether it is within `tolerance` of `expected`. */
  const paintedAs = (x: number, y: number, expected: Rgb, tolerance = 12): boolean => {
    const [r, g, b] = image.pixel(Math.round(x), Math.round(y));
    return [r, g, b].every((channel, i) => Math.abs(channel - expected[i]) <= tolerance);
  };
  const colourAt = (x: number, y: number): string => image.pixel(Math.round(x), Math.round(y)).slice(0, 3).join(',');
  const centreX = (box: Box): number => box.x + box.width / 2;
  const within = (inner: Box, outer: Box): boolean =>
    inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

  it('screenshots the whole page at the chosen width', () => {
    expect(image.width).toBe(WIDTH);
    expect(image.height).toBeGreaterThan(1200);
  });

  describe('the sec/op delta chart', () => {
    const chart = '#delta-0';
    const timeRows = () => run.comparison.tables[0].rows;

    it('draws one bar per benchmark from the zero line, left for gains and right for the regression, in proportion', async () => {
      const [zero] = await page.boxes(`${chart} line.zero`);
      const bars = await page.boxes(`${chart} g.row rect.bar`);
      const rows = timeRows();
      expect(bars).toHaveLength(rows.length);
      expect(zero.height).toBeGreaterThanOrEqual(rows.length * 28);
      const pixelsPerPercent: number[] = [];
      bars.forEach((bar, i) => {
        const { deltaPercent } = rows[i];
        expect(bar.height).toBeCloseTo(14, 0);
        if (deltaPercent < 0) expect(bar.x + bar.width).toBeCloseTo(zero.x + zero.width / 2, 0);
        else expect(bar.x).toBeCloseTo(zero.x + zero.width / 2, 0);
        pixelsPerPercent.push(bar.width / Math.abs(deltaPercent));
      });
      // One linear scale for every bar: |width| / |delta| is the same up to sub-pixel rounding.
      for (const ratio of pixelsPerPercent) expect(Math.abs(ratio - pixelsPerPercent[0])).toBeLessThan(0.6 / Math.min(...rows.map((r) => Math.abs(r.deltaPercent))));
      expect(pixelsPerPercent[0]).toBeGreaterThan(10);
    });

    it('paints gains and the regression in their colours, and "~" results pale', async () => {
      const rows = await page.boxes(`${chart} g.row`);
      const bars = await page.boxes(`${chart} g.row rect.bar`);
      expect(bars).toHaveLength(rows.length);
      const painted = bars.map((bar, i) => {
        const { kind, significant } = rows[i].data;
        const expected = PALETTE[`${kind}${significant === 'true' ? '' : '-light'}` as keyof typeof PALETTE];
        // Inside the bar, clear of its whisker (at mid-height) and of its edges.
        const [x, y] = [centreX(bar), bar.y + 3.5];
        return { benchmark: rows[i].data.benchmark, expected, ok: paintedAs(x, y, rgb(expected)), found: colourAt(x, y) };
      });
      expect(painted.filter((p) => !p.ok)).toEqual([]);
      expect(new Set(rows.map((r) => `${r.data.kind}/${r.data.significant}`))).toEqual(
        new Set(['gain/true', 'regression/true', 'gain/false']),
      );
    });

    it('draws each confidence whisker around its bar end, and open ends as arrows to the plot edge', async () => {
      const rows = timeRows();
      const whiskers = await page.boxes(`${chart} g.row g.whisker`);
      const bars = await page.boxes(`${chart} g.row rect.bar`);
      const ticks = await page.boxes(`${chart} .axis .tick line.grid`);
      const plotLeft = Math.min(...ticks.map((t) => t.x));
      const plotRight = Math.max(...ticks.map((t) => t.x + t.width));
      expect(whiskers).toHaveLength(rows.length);
      const rowBoxes = await page.boxes(`${chart} g.row`);
      const allArrows = await page.boxes(`${chart} g.row .open-end`);
      for (const [i, row] of rows.entries()) {
        const arrows = allArrows.filter((arrow) => within(arrow, rowBoxes[i]));
        const end = row.deltaPercent < 0 ? bars[i].x : bars[i].x + bars[i].width;
        expect(whiskers[i].x).toBeLessThanOrEqual(end + 1);
        expect(whiskers[i].x + whiskers[i].width).toBeGreaterThanOrEqual(end - 1);
        if (row.benchmark === BENCHMARKS.template) {
          expect(arrows).toHaveLength(2);
          expect(whiskers[i].x).toBeCloseTo(plotLeft, 0);
          expect(whiskers[i].x + whiskers[i].width).toBeCloseTo(plotRight, 0);
        } else {
          expect(arrows).toHaveLength(0);
          expect(whiskers[i].width).toBeGreaterThan(4);
        }
      }
    });

    it('labels its axis with ordered, non-overlapping ticks that match their positions, and paints the zero line', async () => {
      const labels = await page.boxes(`${chart} .axis .tick text`);
      expect(labels.length).toBeGreaterThanOrEqual(4);
      const values = labels.map((l) => Number(l.text.replace('%', '')));
      expect(values).toContain(0);
      for (let i = 1; i < labels.length; i++) {
        expect(values[i]).toBeGreaterThan(values[i - 1]);
        expect(labels[i].x).toBeGreaterThan(labels[i - 1].x + labels[i - 1].width);
      }
      // Linear: every tick sits where the line through the first and last one puts it.
      const at = (v: number): number =>
        centreX(labels[0]) + ((v - values[0]) / (values.at(-1)! - values[0])) * (centreX(labels.at(-1)!) - centreX(labels[0]));
      labels.forEach((label, i) => expect(Math.abs(centreX(label) - at(values[i]))).toBeLessThan(1.5));
      const [zero] = await page.boxes(`${chart} line.zero`);
      const zeroLabel = labels[values.indexOf(0)];
      expect(Math.abs(centreX(zero) - centreX(zeroLabel))).toBeLessThan(1.5);
      const rows = await page.boxes(`${chart} g.row`);
      // Between two bars the zero line is the text colour, not the stripe behind it.
      // The 2px line on whole pixels: one of the three columns around its centre is solid.
      const x = Math.round(centreX(zero));
      const columns = [x - 1, x, x + 1].map((px) => ({ px, painted: colourAt(px, rows[0].y + 2), dark: paintedAs(px, rows[0].y + 2, rgb(PALETTE.text)) }));
      expect(columns.filter((c) => c.dark)).not.toEqual([]);
    });

    it('prints every benchmark name, escaped, with its delta label', async () => {
      const names = await page.boxes(`${chart} g.row text.label`);
      const values = await page.boxes(`${chart} g.row text.value`);
      const rows = timeRows();
      expect(names).toHaveLength(rows.length);
      names.forEach((name, i) => {
        // Long names are cut with an ellipsis; the row's tooltip has the whole name.
        if (name.text.endsWith('…')) expect(rows[i].benchmark.startsWith(name.text.slice(0, -1))).toBe(true);
        else expect(name.text).toBe(rows[i].benchmark);
      });
      expect(names.some((name) => name.text.endsWith('…'))).toBe(true);
      expect(values[2].text).toMatch(/^\+2\.23% \[/);
      expect(values[3].text).toMatch(/^~ -0\.38% \[/);
    });
  });

  describe('the history chart', () => {
    it('draws one point per run, left to right by date, higher for a smaller gain', async () => {
      const points = await page.boxes('#history-chart g.run circle.point');
      expect(points).toHaveLength(history.length);
      for (let i = 1; i < points.length; i++) {
        expect(points[i].x).toBeGreaterThan(points[i - 1].x + 20);
        const fallingGain = history[i].geomeanDeltaPercent > history[i - 1].geomeanDeltaPercent;
        expect(points[i].y < points[i - 1].y).toBe(fallingGain);
      }
      const accepted = points.findIndex((p) => p.className.includes('accepted'));
      const rejected = points.findIndex((p) => p.className.includes('rejected'));
      expect(paintedAs(centreX(points[accepted]), points[accepted].y + points[accepted].height / 2, rgb(PALETTE.gain))).toBe(true);
      expect(paintedAs(centreX(points[rejected]), points[rejected].y + points[rejected].height / 2, WHITE)).toBe(true);
    });

    it('marks the one profile change between the last run of the old profile and the first of the new', async () => {
      const points = await page.boxes('#history-chart g.run circle.point');
      const changes = await page.boxes('#history-chart line.profile-change[data-from]');
      expect(changes).toHaveLength(1);
      expect(changes[0].x).toBeGreaterThan(points[6].x + points[6].width);
      expect(changes[0].x + changes[0].width).toBeLessThan(points[7].x);
      const epochs = await page.boxes('#history-chart rect.epoch');
      expect(epochs).toHaveLength(2);
      const labels = await page.boxes('#history-chart text.profile-label');
      expect(labels.map((l) => l.text)).toEqual([`profile ${history[0].profileSha256.slice(0, 12)}`, `profile ${history[9].profileSha256.slice(0, 12)}`]);
    });

    it('draws whiskers, open-ended for the run with no CI, and a zero line', async () => {
      const arrows = await page.boxes('#history-chart g.run .open-end');
      expect(arrows).toHaveLength(2);
      const whiskers = await page.boxes('#history-chart g.run g.whisker');
      expect(whiskers).toHaveLength(history.length);
      whiskers.forEach((w) => expect(w.height).toBeGreaterThan(8));
      const [zero] = await page.boxes('#history-chart line.zero');
      expect(zero.width).toBeGreaterThan(900);
      const points = await page.boxes('#history-chart g.run circle.point');
      // All gains: every point sits below the zero line.
      points.forEach((p) => expect(p.y).toBeGreaterThan(zero.y));
    });
  });

  it('draws the build cost bars with pgo longer than off', async () => {
    const off = await page.boxes('#cost-chart rect.bar.off');
    const pgo = await page.boxes('#cost-chart rect.bar.pgo');
    expect(off).toHaveLength(2);
    expect(pgo).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      expect(pgo[i].width).toBeGreaterThan(off[i].width);
      expect(off[i].width).toBeGreaterThan(100);
      expect(paintedAs(centreX(pgo[i]), pgo[i].y + pgo[i].height / 2, rgb(PALETTE.gain))).toBe(true);
      expect(paintedAs(centreX(off[i]), off[i].y + off[i].height / 2, rgb(PALETTE.neutral))).toBe(true);
    }
  });

  it('keeps every chart label inside its chart and the page free of horizontal scrolling', async () => {
    const ids = await page.evaluate<string[]>('[...document.querySelectorAll("svg.chart")].map((svg) => svg.id)');
    expect(ids).toEqual(['delta-0', 'delta-1', 'delta-2', 'history-chart', 'cost-chart']);
    for (const id of ids) {
      const [chart] = await page.boxes(`#${id}`);
      const texts = await page.boxes(`#${id} text`);
      expect(texts.length).toBeGreaterThan(3);
      expect(texts.filter((t) => !within(t, chart)).map((t) => `${id}: ${t.text}`)).toEqual([]);
    }
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(WIDTH);
  });

  it('shows names with markup characters as text, never as markup', async () => {
    const cells = await page.boxes('table.comparison td.name');
    expect(cells.map((c) => c.text)).toContain(BENCHMARKS.json);
    expect(await page.evaluate<number>('document.querySelectorAll("small").length')).toBe(0);
    const rows = await page.boxes('#delta-0 g.row');
    expect(rows.map((r) => r.data.benchmark)).toContain(BENCHMARKS.json);
  });
});
