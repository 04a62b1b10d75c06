// The dashboard in headless Chromium: every chart drawn, a filter changes the numbers, definitions
// switch live, a click on a number (or a chart mark) reaches the papers and a paper's evidence, and
// hostile titles and affiliations are shown as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { readRun } from '../../src/report/build.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { EVIL_AFFILIATION, EVIL_AUTHOR, EVIL_TITLE, FIXTURE_PAIR_PAPERS, FIXTURE_PAIR_PAPERS_2018, writeFixtureRun } from '../report/fixtures.js';
import { join } from 'node:path';
import { ARTIFACTS, launchChromium, screenshot, skipBrowser, watchPage, type LaunchedBrowser } from './chromium.js';

const CHARTS = ['trend', 'fields', 'institutions', 'sectors', 'techflow', 'sensitivity', 'network'];

let server: RunningServer | undefined;
let launched: LaunchedBrowser | undefined;
let browser: Browser;

before(async () => {
  if (skipBrowser) return;
  const run = writeFixtureRun();
  server = await startServer(readRun(run.dir), { port: 0, source: run.dir });
  launched = await launchChromium();
  browser = launched.browser;
});

after(async () => {
  await launched?.close();
  await server?.close();
});

async function openDashboard(path = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchPage(page);
  await page.goto(`${server!.url}${path}`);
  await page.locator('#chart-network .plot svg').waitFor({ timeout: 20_000 });
  return { page, problems };
}

async function headline(page: Page): Promise<string> {
  return (await page.textContent('#headline-pair')) ?? '';
}

async function waitForHeadline(page: Page, value: number): Promise<void> {
  await page.waitForFunction((v) => document.querySelector('#headline-pair')?.textContent === v, String(value), { timeout: 20_000 });
}

test('dashboard: every chart is drawn, with no console errors', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const { page, problems } = await openDashboard();
  for (const id of CHARTS) {
    const box = await page.locator(`#chart-${id} .plot svg`).boundingBox();
    assert.ok(box && box.width > 200 && box.height > 50, `${id}: ${JSON.stringify(box)}`);
  }
  assert.equal(await headline(page), String(FIXTURE_PAIR_PAPERS));
  await screenshot(page, 'dashboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('dashboard: a filter changes the numbers, and definitions switch live', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const { page, problems } = await openDashboard();
  await page.selectOption('select[name=yearFrom]', '2018');
  await waitForHeadline(page, FIXTURE_PAIR_PAPERS_2018);
  assert.match(page.url(), /[?&]year=2018&/);
  assert.match((await page.textContent('#chart-trend'))!, /2018/);
  // The title and the headline's wording follow the filters.
  await page.waitForFunction(() => /— .*2018$/.test(document.querySelector('#title')?.textContent ?? ''), undefined, { timeout: 20_000 });
  assert.doesNotMatch((await page.textContent('#title'))!, /2016|2017/);
  assert.match(await page.title(), /2018 · collabscope$/);
  assert.match((await page.textContent('#headline'))!, /affiliated in the US and one in China/);
  await page.click('#reset');
  await waitForHeadline(page, FIXTURE_PAIR_PAPERS);
  await page.selectOption('select[name=chinaScope]', 'greater');
  await waitForHeadline(page, 9);
  // The sensitivity table's baseline is now greater China; its first variant switches back to mainland.
  const rows = page.locator('#chart-sensitivity tbody tr');
  assert.match((await rows.nth(0).textContent())!, /baseline.*9/);
  assert.match((await rows.nth(1).textContent())!, /China scope: mainland.*8/);
  // A variant button makes those definitions the ones in force.
  await page.click('#chart-sensitivity .variants button:has-text("Dual affiliations: ignored")');
  await page.waitForFunction(() => (document.querySelector('select[name=dualAffiliation]') as HTMLSelectElement).value === 'ignore');
  await waitForHeadline(page, 8);
  assert.deepEqual(problems, []);
  await page.close();
});

test('dashboard: a click on a number reaches a paper and its evidence; hostile text stays text', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const { page, problems } = await openDashboard();
  await page.click('#headline-pair');
  await page.locator('#drawer .paper-list button').first().waitFor();
  assert.match((await page.textContent('#drawer .paper-count'))!, new RegExp(`^${FIXTURE_PAIR_PAPERS} papers`));
  const titles = await page.$$eval('#drawer .paper-list button', (buttons) => buttons.map((b) => b.textContent));
  assert.ok(titles.includes(EVIL_TITLE), `the <script> title is listed as text: ${JSON.stringify(titles)}`);
  await page.click('#drawer .paper-list button[data-paper-id="evil"]');
  await page.waitForFunction(() => (document.querySelector('#drawer-title') as HTMLElement).dataset.paperId === 'evil');
  assert.equal(await page.textContent('#drawer-title'), EVIL_TITLE);
  assert.equal(await page.textContent('#drawer .affiliation .raw'), EVIL_AFFILIATION);
  assert.match((await page.textContent('#drawer .author h3'))!, new RegExp(EVIL_AUTHOR.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match((await page.textContent('#drawer .affiliation .rule'))!, /rule: alias, confidence 0\.95/);
  assert.match((await page.textContent('#drawer .affiliation .evidence'))!, /alias '<img src=x/);
  // Nothing from the data became markup or ran.
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('script').count(), 2);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await screenshot(page, 'dashboard-evidence', false);
  // Back to the list, then a number in a chart's table, then a mark in a chart.
  await page.click('#drawer-back');
  await page.locator('#drawer .paper-list button').first().waitFor();
  await page.click('#drawer-close');
  await page.click('#chart-sectors summary');
  await page.click('#chart-sectors tbody tr:first-child button.count');
  await page.waitForFunction(() => !(document.getElementById('drawer') as HTMLElement).hidden && /papers?/.test(document.querySelector('#drawer .paper-count')?.textContent ?? ''));
  const sectorCount = await page.textContent('#chart-sectors tbody tr:first-child button.count');
  assert.match((await page.textContent('#drawer .paper-count'))!, new RegExp(`^${sectorCount} paper`));
  await page.click('#drawer-close');
  await page.locator('#chart-institutions .plot svg .mark-rect path').first().click();
  await page.waitForFunction(() => /^\d+ papers?/.test(document.querySelector('#drawer .paper-count')?.textContent ?? '') && /Leading institutions/.test(document.getElementById('drawer-title')?.textContent ?? ''));
  assert.match((await page.textContent('#drawer-title'))!, /Leading institutions on US-CN collaboration papers: /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('dashboard: parameters in the address select the view; bad ones show an error line', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const { page } = await openDashboard('?year=2018&chinaScope=mainland');
  await waitForHeadline(page, FIXTURE_PAIR_PAPERS_2018);
  assert.equal(await page.inputValue('select[name=yearFrom]'), '2018');
  await page.fill('input[name=pair]', 'US,XX1');
  await page.press('input[name=pair]', 'Enter');
  await page.waitForFunction(() => document.getElementById('status')?.className === 'error');
  assert.match((await page.textContent('#status'))!, /pair must be two different ISO country codes/);
  await page.close();
});

test('dashboard: the sensitivity table is readable: every column explained, numbers right-aligned on one line, definitions spelled out', { skip: skipBrowser, timeout: 60_000 }, async () => {
  const { page, problems } = await openDashboard();
  const card = page.locator('#chart-sensitivity');
  const layout = await card.evaluate((section) => {
    const table = section.querySelector('table.sensitivity') as HTMLTableElement;
    const wrap = table.parentElement as HTMLElement;
    const headers = [...table.querySelectorAll('thead th')].map((th) => ({ label: th.firstChild?.textContent ?? '', note: th.querySelector('.note')?.textContent ?? '' }));
    const numeric = [...table.querySelectorAll('tbody td.num')].map((td) => {
      const style = getComputedStyle(td);
      // one line: the boxes of its text share one top
      const tops = new Set<number>();
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) tops.add(Math.round(r.top));
      }
      return { align: style.textAlign, lines: tops.size, text: td.textContent ?? '' };
    });
    const definitions = [...table.querySelectorAll('tbody tr td:first-child')].map((td) => ({ text: td.firstChild?.textContent ?? '', note: td.querySelector('.note')?.textContent ?? '' }));
    return { headers, numeric, definitions, scrolls: wrap.scrollWidth > wrap.clientWidth + 1, rows: table.querySelectorAll('tbody tr').length, wrapHeight: wrap.clientHeight, tableHeight: table.offsetHeight };
  });
  assert.equal(layout.headers.length, 8);
  for (const header of layout.headers) assert.ok(header.note.length > 5, `column ${header.label} has no explanation`);
  assert.ok(layout.numeric.length > 20);
  for (const cell of layout.numeric) {
    assert.equal(cell.align, 'right', cell.text);
    assert.equal(cell.lines, 1, `${cell.text} wraps`);
  }
  // every variant says what it means and which flag sets it; the whole table is shown, no scrolling
  for (const row of layout.definitions.slice(1)) assert.match(row.note, / --[a-z-]+ [a-z-]+$/, row.text);
  assert.ok(layout.definitions.some((row) => row.text === 'China scope: greater China' && row.note.startsWith('CN includes HK, MO and TW')));
  assert.equal(layout.scrolls, false);
  assert.ok(layout.tableHeight <= layout.wrapHeight + 1, `${layout.tableHeight} > ${layout.wrapHeight}`);
  await card.screenshot({ path: join(ARTIFACTS, 'dashboard-sensitivity.png') });
  assert.deepEqual(problems, []);
  await page.close();
});
