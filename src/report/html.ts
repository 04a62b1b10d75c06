// The self-contained HTML report: one file, inline CSS and inline SVG charts, no script and nothing
// fetched (a Content-Security-Policy forbids it), so it opens offline and is safe to mail around.
// Every string from the data (institution names, technology names, venue names) is escaped.
import type { Summary } from '../run.js';
import type { Chart, DataTable } from './charts/index.js';
import { corpusLabel, DEFINITION_LABELS, definitionFlag, describeDefinitions, interval, pairLabel, pairPapersPhrase, percent } from './charts/theme.js';
import { escapeHtml, html, raw, type SafeHtml } from './escape.js';
import type { Definitions } from '../types.js';
import type { Coverage } from '../analyze/index.js';

export interface RenderedChart extends Chart {
  svg: string;
}

export interface ReportPage {
  summary: Summary;
  charts: RenderedChart[];
  /** Where the analysis came from (shown in the footer). */
  source?: string;
  version?: string;
}

/** Venues and years of a summary, for titles: "NeurIPS 2013–2018". */
export function summaryLabel(summary: Summary): string {
  const venues = [...new Set(summary.trend.byVenue.map((s) => s.venue))].sort();
  const years = Object.keys(summary.years)
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return corpusLabel(venues, years);
}

export function renderReportHtml(page: ReportPage): string {
  const { summary, charts } = page;
  const label = pairLabel(summary.pair);
  const scope = summaryLabel(summary);
  const headline = summary.counting.full.pair;
  const u = summary.unresolved;
  const notes = [
    `Unresolved affiliations: ${u.unresolved.toLocaleString('en-US')} of ${u.affiliations.toLocaleString('en-US')} (${percent(u.share, 2)}).`,
    summary.warnings.count ? `Warnings: ${describeCounts(summary.warnings.byCode)}.` : '',
    summary.skipped.count ? `Skipped records: ${describeCounts(summary.skipped.byCode)}.` : '',
    summary.papersInScope !== summary.papers ? `${summary.papersInScope.toLocaleString('en-US')} of ${summary.papers.toLocaleString('en-US')} papers are in scope.` : '',
    ...(summary.notices ?? []),
  ].filter(Boolean);
  const title = `${label} research collaboration — ${scope}`;
  const body = html`<header>
<p class="kicker">collabscope report</p>
<h1>${title}</h1>
<p class="lede"><strong>${headline.count.toLocaleString('en-US')}</strong> of ${headline.total.toLocaleString('en-US')} in-scope papers
(<strong>${percent(headline.share, 2)}</strong>, 95% interval ${interval(headline.ci95, 2)}) are ${label} collaboration papers: ${pairPapersPhrase(summary.pair)}.
${summary.definitions.denominator === 'all' ? 'The denominator is every in-scope paper.' : summary.definitions.denominator === 'located' ? 'The denominator is the in-scope papers with at least one located author.' : ''}</p>
${definitionsList(summary.definitions)}
${summary.coverage ? coverageSection(summary.coverage) : ''}
<p class="note">${notes.join(' ')}</p>
<nav aria-label="Charts"><ol>${charts.map((c) => html`<li><a href="#${c.id}">${c.title}</a></li>`)}</ol></nav>
</header>
<main>
${charts.map((c) => figure(c))}
</main>
<footer><p>Made by collabscope${page.version ? ` ${page.version}` : ''}${page.source ? html` from <code>${page.source}</code>` : ''}. Every number can be traced to its papers and affiliation strings:
<code>collabscope serve --from DIR</code> (click a number) or <code>collabscope explain PAPER-ID</code>. ${describeDefinitions(summary.definitions)}</p></footer>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="collabscope">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body.html}
</body>
</html>
`;
}

/** Papers with any and with every author located, per venue-year, with the warnings under the threshold. */
function coverageSection(c: Coverage): SafeHtml {
  const rows = [...c.rows, c.total].map(
    (r) =>
      html`<tr><th scope="row">${r.year === null ? r.venue : `${r.venue} ${r.year}`}</th><td>${r.papers.toLocaleString('en-US')}</td><td>${r.anyLocated.toLocaleString('en-US')} (${percent(r.shareAnyLocated, 1)})</td><td>${r.allLocated.toLocaleString('en-US')} (${percent(r.shareAllLocated, 1)})</td><td>${r.noAffiliations.toLocaleString('en-US')}</td></tr>`,
  );
  const over =
    c.denominator === 'all'
      ? 'Shares are over all papers (--denominator all), including those with no located author.'
      : 'Shares are over the papers with at least one located author (--denominator located).';
  return html`<section class="coverage" aria-labelledby="coverage-title"><h2 id="coverage-title">Coverage</h2>
<table><thead><tr><th scope="col">venue-year</th><th scope="col">papers</th><th scope="col">at least one author located</th><th scope="col">every author located</th><th scope="col">no affiliation data</th></tr></thead><tbody>${rows}</tbody></table>
<p>${over}${c.warnings.length ? ' ' : ''}${c.warnings.join(' ')}</p></section>`;
}

function definitionsList(definitions: Definitions): SafeHtml {
  const keys = (Object.keys(DEFINITION_LABELS) as Array<keyof Definitions>).filter((key) => definitions[key] !== undefined);
  const items = keys.map((key) => {
    const entry = DEFINITION_LABELS[key] as { label: string; values: Record<string, string> };
    return html`<div><dt>${entry.label}</dt><dd>${entry.values[definitions[key]] ?? definitions[key]} <span class="flag">(${definitionFlag(key, definitions[key])})</span></dd></div>`;
  });
  return html`<section class="definitions" aria-labelledby="definitions-title"><h2 id="definitions-title">Definitions in force</h2><dl>${items}</dl><p>${describeDefinitions(definitions)}</p></section>`;
}

function figure(chart: RenderedChart): SafeHtml {
  const titleId = `${chart.id}-title`;
  const captionId = `${chart.id}-caption`;
  const svg = scopeSvgIds(chart.svg, chart.id).replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId}" aria-describedby="${captionId}" focusable="false" `);
  const open = chart.id === 'sensitivity';
  return html`<figure class="chart" id="${chart.id}" aria-labelledby="${titleId}">
<h2 id="${titleId}">${chart.title}</h2>
<div class="plot">${raw(svg)}</div>
<figcaption id="${captionId}">${chart.caption}</figcaption>
${open ? dataTable(chart.table, `${chart.title}: numbers`) : html`<details><summary>Numbers behind the chart</summary>${dataTable(chart.table, `${chart.title}: numbers`)}</details>`}
</figure>
`;
}

/**
 * Prefixes the ids an SVG defines (Vega's gradients and clip paths) and its references to them with
 * the chart id: several SVGs inline in one page share one id space.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\b(xlink:)?href="#([^"]+)"/g, (_, xlink: string | undefined, id: string) => `${xlink ?? ''}href="#${prefix}-${id}"`);
}

export function dataTable(table: DataTable, caption: string): SafeHtml {
  return html`<div class="table-wrap"><table><caption>${caption}</caption><thead><tr>${table.columns.map(
    (c) => html`<th scope="col"${raw(c.numeric ? ' class="num"' : '')}>${c.label}${c.note ? html`<span class="note">${c.note}</span>` : ''}</th>`,
  )}</tr></thead><tbody>${table.rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) => html`<td${raw(table.columns[i]?.numeric ? ' class="num"' : '')}>${cell.text}${cell.note ? html`<span class="note">${cell.note}${cell.flag ? html` <code class="flag">${cell.flag}</code>` : ''}</span>` : ''}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

function describeCounts(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
}

export const REPORT_CSS = `
:root { color-scheme: light; --ink: #222; --muted: #555; --line: #ddd; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 Arial, "Liberation Sans", Helvetica, sans-serif; color: var(--ink); background: #f6f6f4; }
header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; }
h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.2; }
h2 { font-size: 19px; margin: 0 0 10px; }
.lede { font-size: 17px; max-width: 80ch; }
.note { color: var(--muted); font-size: 13px; }
.definitions { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.definitions h2 { font-size: 15px; margin: 0 0 6px; }
.definitions dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 6px 18px; margin: 0; }
.definitions dt { font-weight: bold; font-size: 13px; }
.definitions dd { margin: 0; font-size: 13px; }
.definitions p { margin: 8px 0 0; font-size: 13px; color: var(--muted); }
.flag { color: var(--muted); font-family: "DejaVu Sans Mono", monospace; font-size: 11px; }
nav ol { columns: 2; font-size: 14px; padding-left: 20px; }
a { color: var(--accent); }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 20px 0; padding: 16px 18px; }
.plot { overflow-x: auto; }
.plot svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13.5px; margin-top: 8px; max-width: 95ch; }
details { margin-top: 8px; font-size: 13px; }
summary { cursor: pointer; color: var(--accent); }
.table-wrap { overflow-x: auto; margin-top: 8px; }
table { border-collapse: collapse; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #bbb; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th .note, td .note { display: block; font-weight: normal; color: var(--muted); font-size: 11.5px; white-space: normal; }
td .note code.flag { white-space: nowrap; font-size: 11px; }
td:first-child { min-width: 14em; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; background: #eee; padding: 1px 4px; border-radius: 3px; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 30px; }
`;
