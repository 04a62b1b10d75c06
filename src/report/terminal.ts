// The readable terminal summary of an analyze run: a table per year (and per venue when several).
import type { HeadlineSummary } from '../summary.js';
import { percent, textTable } from './text-table.js';

export function renderHeadline(summary: HeadlineSummary): string {
  const key = `${summary.pair[0]}-${summary.pair[1]}`;
  const rowsOf = (groups: HeadlineSummary['years']) =>
    Object.entries(groups).map(([name, g]) => [name, g.papers, g.pairs[key].papers, percent(g.pairs[key].share, 2)]);
  const located = summary.definitions.denominator !== 'all';
  const header = ['', located ? 'papers located' : 'papers', `${key} papers`, 'share'];
  const total = ['all', summary.papersInScope, summary.pairs[key].papers, percent(summary.pairs[key].share, 2)];
  const over = located ? 'share of papers with at least one located author (--denominator located)' : 'share of all papers (--denominator all)';
  const parts = [textTable(`${key} collaboration by year; ${over}`, ['year', ...header.slice(1)], [...rowsOf(summary.years), total])];
  if (Object.keys(summary.venues).length > 1) {
    parts.push(textTable(`${key} collaboration by venue; ${over}`, ['venue', ...header.slice(1)], rowsOf(summary.venues)));
  }
  const u = summary.unresolved;
  parts.push(
    `unresolved affiliations: ${u.unresolved} of ${u.affiliations} (${percent(u.share, 2)})` +
      (summary.warnings.count ? `; warnings: ${describeCounts(summary.warnings.byCode)}` : '') +
      (summary.skipped.count ? `; skipped records: ${describeCounts(summary.skipped.byCode)}` : ''),
    `definitions: ${Object.entries(summary.definitions)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  if (summary.notices?.length) parts.push(summary.notices.join('\n'));
  return parts.join('\n\n');
}

function describeCounts(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
}
