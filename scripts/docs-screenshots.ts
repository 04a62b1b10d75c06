// Makes the screenshots of docs/report.md from an analyze output directory (NeurIPS 2013-2018 in the
// docs): the top of the HTML report, and the dashboard with one paper's evidence open.
//
//   node --import tsx src/cli/main.ts analyze ../shared/data/paperlists/nips201*.json --out /tmp/nips-out
//   node --import tsx scripts/docs-screenshots.ts /tmp/nips-out
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readRun, writeReport } from '../src/report/build.js';
import { startServer } from '../src/serve/server.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx scripts/docs-screenshots.ts <analyze output dir>');
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
try {
  const report = await browser.newPage({ viewport: { width: 1120, height: 1000 } });
  await report.goto(pathToFileURL(reportFile).href);
  await report.locator('#trend').scrollIntoViewIfNeeded();
  await report.screenshot({ path: join(images, 'report.png'), clip: { x: 0, y: 0, width: 1120, height: 1230 }, fullPage: true });

  const dashboard = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await dashboard.goto(`${server.url}?year=2016-2018`);
  await dashboard.locator('#chart-network .plot svg').waitFor({ timeout: 30_000 });
  await dashboard.click('#headline-pair');
  await dashboard.locator('#drawer .paper-list button').first().waitFor();
  await dashboard.locator('#drawer .paper-list button').nth(1).click();
  await dashboard.locator('#drawer .affiliation').first().waitFor();
  await dashboard.screenshot({ path: join(images, 'dashboard.png') });
  for (const name of ['report.png', 'dashboard.png']) console.log(`${join(images, name)}: ${Math.round(statSync(join(images, name)).size / 1024)} KB`);
} finally {
  await browser.close();
  await server.close();
}
