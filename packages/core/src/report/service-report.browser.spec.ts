// The loadtest report as a person sees it, in a real headless Chromium: per round, the PGO point
// is drawn below the -pgo=off point where PGO needed less CPU, both in the plot and painted in
// their colours; the wide table of rounds scrolls inside the page instead of widening it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chromium, CHROMIUM_MISSING, findChromium, type Page } from '../../../../tools/test-support/chromium';
import { decodePng, type Image } from '../../../../tools/test-support/png';
import { repoRoot } from '../../../../tools/test-support/repo-root';
import { serviceReportModel } from './service-report-fixture.spec-helper';
import { writeServiceReport } from './service-report';
import { PALETTE } from './style';

const chromium = findChromium();
if (!chromium) console.warn(CHROMIUM_MISSING);
const describeInBrowser = chromium ? describe : describe.skip;

const ARTIFACTS = path.join(repoRoot, 'dist/pgo/report-screenshot');
const WIDTH = 900;

describeInBrowser('the loadtest report in headless Chromium', () => {
  let browser: Chromium | undefined;
  let page: Page;
  let image: Image;
  const model = serviceReportModel({
    table: { headers: ['round', 'first', 'off CPU/req', 'PGO CPU/req', 'delta', 'off req/s', 'PGO req/s', 'off p50 / p99', 'PGO p50 / p99', 'generator share off / PGO'], rows: [['1', 'off', '480.0 µs', '420.0 µs', '-12.5%', '3436', '4437', '235.6 µs / 9.279 ms', '212.6 µs / 6.812 ms', '17.6% / 12.7%']] },
  });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const html = path.join(ARTIFACTS, 'loadtest-report.html');
    await writeServiceReport(html, model);
    browser = await Chromium.launch(chromium as string);
    page = await browser.open(pathToFileURL(html).href, { width: WIDTH, height: 1200 });
    const png = await page.screenshot(WIDTH);
    writeFileSync(path.join(ARTIFACTS, 'loadtest-report.png'), png);
    image = decodePng(png);
  });
  afterAll(() => browser?.close());

  it('draws each round of PGO below its -pgo=off point, inside the plot, in the PGO and off colours', async () => {
    const off = (await page.boxes('#pairs-chart circle.point.off')).slice(1); // the first is the legend's
    const pgo = (await page.boxes('#pairs-chart circle.point.pgo')).slice(1);
    const [plot] = await page.boxes('#pairs-chart');
    expect(off).toHaveLength(model.points.length);
    off.forEach((o, i) => {
      const p = pgo[i]!;
      expect(Math.abs(p.x - o.x)).toBeLessThan(0.5);
      // Lower CPU per request is lower on the chart: a larger y.
      expect(p.y).toBeGreaterThan(o.y + 5);
      expect(o.y).toBeGreaterThan(plot!.y);
      expect(p.y + p.height).toBeLessThan(plot!.y + plot!.height);
    });
    const painted = (box: { x: number; y: number; width: number; height: number }): string =>
      image
        .pixel(Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2))
        .slice(0, 3)
        .map((c) => c.toString(16).padStart(2, '0'))
        .join('');
    expect(`#${painted(pgo[0]!)}`).toBe(PALETTE.gain);
    expect(`#${painted(off[0]!)}`).toBe(PALETTE.neutral);
  });

  it('keeps the page as wide as the window: the table of rounds scrolls inside it', async () => {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(WIDTH);
    const [table] = await page.boxes('table.details');
    const [scroller] = await page.boxes('div.scroll');
    expect(table!.width).toBeGreaterThan(scroller!.width);
  });
});
