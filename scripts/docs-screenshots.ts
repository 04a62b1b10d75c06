// Makes the screenshots of README.md and docs/report.md from an analyze output directory (NeurIPS
// 2013-2018 in the docs): the top of the HTML report, its institution network, the dashboard with
// one paper's evidence open, and the dashboard's sensitivity table. Any run works (the images show
// its data; nothing of it is written as text).
//
//   node --import tsx src/cli/main.ts analyze ../shared/data/paperlists/nips201*.json --out /tmp/nips-out
//   node --import tsx scripts/docs-screenshots.ts /tmp/nips-out [dashboard query, default year=2016-2018]
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readRun, writeReport } from '../src/report/build.js';
import { startServer } from '../src/serve/server.js';

const [dir, query = 'year=2016-2018'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node --import tsx scripts/docs-screenshots.ts <analyze output dir> [dashboard query]');
  process.exit(1);
}
const images = resolve(import.meta.dirname, '..', 'docs', 'images');
mkdirSync(images, { recursive: true });
const run = readRun(dir);
const reportFile = join(mkdtempSync(join(tmpdir(), 'collabscope-docs-')), 'report.html');
await writeReport(run, { htmlFile: reportFile, source: dir });
const server = await startServer(run, { port: 0, source: dir });
const browser = await chromium.launch({
  executablePath: process.env.COLLABSCOPE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const written = ['report.png', 'network.png', 'dashboard.png', 'dashboard-sensitivity.png'];
try {
  const report = await browser.newPage({ viewport: { width: 1120, height: 1000 } });
  await report.goto(pathToFileURL(reportFile).href);
  await report.locator('#trend').scrollIntoViewIfNeeded();
  await report.screenshot({ path: join(images, 'report.png'), clip: { x: 0, y: 0, width: 1120, height: 1230 }, fullPage: true });
  // the network chart and its legend, without the long caption (page coordinates: from the top)
  await report.evaluate(() => window.scrollTo(0, 0));
  const network = await report.locator('#network').boundingBox();
  const plot = await report.locator('#network .plot').boundingBox();
  if (!network || !plot) throw new Error('no network chart in the report');
  await report.screenshot({ path: join(images, 'network.png'), fullPage: true, clip: { x: network.x, y: network.y, width: network.width, height: plot.y + plot.height - network.y + 8 } });

  const dashboard = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await dashboard.goto(`${server.url}?${query}`);
  await dashboard.locator('#chart-network .plot svg').waitFor({ timeout: 60_000 });
  await dashboard.locator('#chart-sensitivity').screenshot({ path: join(images, 'dashboard-sensitivity.png') });
  await dashboard.evaluate(() => window.scrollTo(0, 0));
  await dashboard.click('#headline-pair');
  await dashboard.locator('#drawer .paper-list button').first().waitFor();
  await dashboard.locator('#drawer .paper-list button').nth(1).click();
  await dashboard.locator('#drawer .affiliation').first().waitFor();
  await dashboard.screenshot({ path: join(images, 'dashboard.png') });
  for (const name of written) console.log(`${join(images, name)}: ${Math.round(statSync(join(images, name)).size / 1024)} KB`);
} finally {
  await browser.close();
  await server.close();
}
