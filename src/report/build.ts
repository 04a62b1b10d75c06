// Builds the report of an analyze output directory: reads summary.json and papers.jsonl, draws the
// charts, writes the HTML file (and, on request, one PNG per chart).
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import type { Summary } from '../run.js';
import type { Paper } from '../types.js';
import { CollabscopeError, fsErrorText } from '../errors.js';
import { readPapers, readSummary } from '../output.js';
import { buildCharts, layoutNetwork, type Chart } from './charts/index.js';
import { renderSvg } from './charts/render.js';
import { renderReportHtml, summaryLabel, type RenderedChart } from './html.js';
import { assertPngTargets, exportPngs } from './png.js';

import { REPORT_FILE } from '../defaults.js';
export { REPORT_FILE };

/** The sections of summary.json the report draws from. */
const REQUIRED_SECTIONS = ['pair', 'definitions', 'years', 'counting', 'trend', 'fields', 'institutions', 'sectors', 'sensitivity', 'techFlow'] as const;

export interface Run {
  summary: Summary;
  papers: Paper[];
}

/** Reads an analyze output directory; one-line errors for a missing directory or an old summary. */
export function readRun(dir: string): Run {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CollabscopeError('E_FILE_NOT_FOUND', `${dir}: no such directory; run \`collabscope analyze ... --out ${dir}\` first`);
  }
  const summary = readSummary(dir);
  const missing = REQUIRED_SECTIONS.filter((key) => !(key in summary));
  if (missing.length) {
    throw new CollabscopeError(
      'E_BAD_JSON',
      `${join(dir, 'summary.json')}: no ${missing.join(', ')} section${missing.length > 1 ? 's' : ''}; re-run \`collabscope analyze\` with this version`,
    );
  }
  // A run from before the institution level existed counted units as resolved.
  summary.definitions = { institutionLevel: 'unit', contestedParents: 'separate', ...(summary.definitions as object) };
  return { summary: summary as unknown as Summary, papers: readPapers(dir) };
}

/** The charts of a run, without rendering. */
export function chartsOf(run: Run): Chart[] {
  const { summary, papers } = run;
  return buildCharts({ summary, network: layoutNetwork(papers, summary.pair, summary.definitions, { bridgeList: summary.network?.bridges }) });
}

export async function renderCharts(charts: Chart[]): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const chart of charts) rendered.push({ ...chart, svg: await renderSvg(chart) });
  return rendered;
}

export interface ReportResult {
  html: string;
  charts: RenderedChart[];
}

export async function buildReport(run: Run, options: { source?: string; version?: string } = {}): Promise<ReportResult> {
  const charts = await renderCharts(chartsOf(run));
  return { charts, html: renderReportHtml({ summary: run.summary, charts, source: options.source, version: options.version }) };
}

export interface WriteReportOptions {
  /** HTML file to write (default DIR/report.html for `report --from DIR`). */
  htmlFile: string;
  /** Also write DIR/<chart>.png. */
  pngDir?: string;
  source?: string;
  version?: string;
}

/** The generator tag of our pages: an existing file without it is not ours to overwrite. */
const GENERATOR_TAG = '<meta name="generator" content="collabscope">';

/** Refuses a directory, or an existing file that is not a report collabscope wrote. */
function checkReportTarget(file: string): void {
  if (file.trim() === '') throw new CollabscopeError('E_OUTPUT', '--html "": empty path; nothing was written');
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    return;
  }
  if (stats.isDirectory()) throw new CollabscopeError('E_OUTPUT', `--html ${file}: is a directory; give a file name such as ${join(file, REPORT_FILE)}; nothing was written`);
  const head = stats.isFile() ? readHeadText(file) : '';
  if (!head.includes(GENERATOR_TAG)) {
    throw new CollabscopeError('E_OUTPUT', `--html ${file}: exists and is not a collabscope report; give a new file name; nothing was written`);
  }
}

function readHeadText(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return '';
  }
}

export async function writeReport(run: Run, options: WriteReportOptions): Promise<{ html: string; pngs: string[]; charts: RenderedChart[] }> {
  const { html, charts } = await buildReport(run, { source: options.source, version: options.version });
  const htmlFile = resolve(options.htmlFile);
  checkReportTarget(options.htmlFile);
  if (options.pngDir) assertPngTargets(charts, options.pngDir);
  writeFileAtomic(htmlFile, html, 'E_OUTPUT', `--html ${options.htmlFile}`);
  const pngs = options.pngDir ? await exportPngs(charts, options.pngDir, { subtitle: summaryLabel(run.summary), definitions: run.summary.definitions }) : [];
  return { html: htmlFile, pngs, charts };
}
