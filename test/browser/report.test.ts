// The HTML report in headless Chromium: opens from a file with no console errors, every chart drawn,
// hostile text shown as text. With the shared paper lists: the NeurIPS 2013-2018 acceptance check.
// One browser for the file (each test its own context or page), the fixture report written once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { readRun, writeReport } from '../../src/report/build.js';
import { EVIL_INSTITUTION, writeFixtureRun } from '../report/fixtures.js';
import { cli } from '../report/helpers.js';
import { paperListFiles, PAPERLISTS_DIR } from '../shared.js';
import { ARTIFACTS, launchChromium, screenshot, skipBrowser, watchPage, type LaunchedBrowser } from './chromium.js';

/** The charts on the page: inline SVGs inside the report's figures, with their drawn size. */
async function drawnCharts(page: Page): Promise<Array<{ id: string; width: number; height: number; marks: number }>> {
  return page.$$eval('figure.chart', (figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector('.plot svg');
      const box = svg?.getBoundingClientRect();
      return { id: figure.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg ? svg.querySelectorAll('path, line, text').length : 0 };
    }),
  );
}

/** The fixture run's report.html, written once (the tests only read it). */
let fixtureFile: Promise<string> | undefined;
function fixtureReport(): Promise<string> {
  fixtureFile ??= (async () => {
    const run = writeFixtureRun();
    const file = join(run.dir, 'report.html');
    await writeReport(readRun(run.dir), { htmlFile: file });
    return file;
  })();
  return fixtureFile;
}

let launched: LaunchedBrowser | undefined;
let browser: Browser;

before(async () => {
  if (skipBrowser) return;
  launched = await launchChromium();
  browser = launched.browser;
});

after(async () => {
  await launched?.close();
});

test('report: opens offline with no console errors and shows every chart', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const file = await fixtureReport();
  // No network at all: a self-contained report must not notice.
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(pathToFileURL(file).href);
    const charts = await drawnCharts(page);
    assert.deepEqual(
      charts.map((c) => c.id),
      ['trend', 'fields', 'institutions', 'sectors', 'techflow', 'sensitivity', 'network'],
    );
    for (const chart of charts) {
      assert.ok(chart.width > 200 && chart.height > 50, `${chart.id} drawn ${chart.width}x${chart.height}`);
      assert.ok(chart.marks > 10, `${chart.id} has ${chart.marks} marks`);
    }
    // Every chart fits the page: no horizontal scrolling inside a figure.
    const overflow = await page.$$eval('.plot', (plots) => plots.filter((p) => p.scrollWidth > p.clientWidth + 1).length);
    assert.equal(overflow, 0);
    // The hostile institution name is text on the page, never markup.
    await page.$$eval('details', (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    assert.ok((await page.textContent('body'))!.includes(EVIL_INSTITUTION));
    assert.equal(await page.locator('img, b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await screenshot(page, 'report-fixture');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** The network chart's institution labels as drawn (halos left out) and its legend titles. */
async function networkLabels(page: Page): Promise<{ labels: Array<{ text: string; x0: number; y0: number; x1: number; y1: number }>; legends: string[] }> {
  return page.$eval('#network .plot svg', (svg) => {
    const labels = [...svg.querySelectorAll('.role-mark text')]
      .filter((t) => t.getAttribute('stroke') !== 'white' && (t.textContent ?? '').trim() !== '')
      .map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent ?? '', x0: b.left, y0: b.top, x1: b.right, y1: b.bottom };
      });
    const legends = [...svg.querySelectorAll('.role-legend-title text, .role-legend-label text')].map((t) => t.textContent ?? '');
    return { labels, legends };
  });
}

function overlapping(labels: Array<{ text: string; x0: number; y0: number; x1: number; y1: number }>): string[] {
  const found: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const [p, q] = [labels[i], labels[j]];
      // 1 px of slack: font hinting differs a little from the metrics the server places labels with
      if (p.x0 + 1 < q.x1 && q.x0 + 1 < p.x1 && p.y0 + 1 < q.y1 && q.y0 + 1 < p.y1) found.push(`${p.text} / ${q.text}`);
    }
  }
  return found;
}

test('report: the network chart has labels that do not overlap as the browser draws them, and a legend', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const file = await fixtureReport();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  try {
    await page.goto(pathToFileURL(file).href);
    const { labels, legends } = await networkLabels(page);
    assert.ok(labels.some((l) => l.text === 'Tsinghua University'), JSON.stringify(labels.map((l) => l.text)));
    assert.deepEqual(overlapping(labels), []);
    for (const title of ['country', 'lines (thicker: more papers)', 'US-CN papers', 'US', 'CN', 'US–CN tie', 'other tie']) assert.ok(legends.includes(title), `legend ${title}: ${legends.join(', ')}`);
    await page.locator('#network').screenshot({ path: join(ARTIFACTS, 'report-fixture-network.png') });
  } finally {
    await page.close();
  }
});

const neurips = existsSync(PAPERLISTS_DIR) ? paperListFiles((f) => /^nips201[3-8]\.json$/.test(f)) : [];

test(
  'acceptance: the NeurIPS 2013-2018 report opens in headless Chromium with >= 6 SVG charts and no console errors',
  { skip: skipBrowser || (neurips.length === 6 ? false : `${PAPERLISTS_DIR}: nips2013-2018.json not found`), timeout: 600_000 },
  async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'collabscope-neurips-')), 'out');
    const analyzed = await cli('analyze', ...neurips, '--out', out, '--report', '--json');
    assert.equal(analyzed.code, 0, analyzed.stderr);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      const problems = watchPage(page);
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const charts = await drawnCharts(page);
      const drawn = charts.filter((c) => c.width > 200 && c.height > 50 && c.marks > 10);
      assert.ok(drawn.length >= 6, `${drawn.length} charts drawn: ${JSON.stringify(charts)}`);
      assert.match((await page.textContent('h1'))!, /US-CN research collaboration — NeurIPS 2013–2018/);
      await screenshot(page, 'report-neurips');
      for (const id of ['trend', 'network']) await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `report-neurips-${id}.png`) });
      const network = await networkLabels(page);
      assert.ok(network.labels.length >= 10, `${network.labels.length} network labels`);
      assert.deepEqual(overlapping(network.labels), []);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  },
);
