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

/**
 * Control characters that a terminal would act on (ESC and the rest of C0 but tab and newline, DEL,
 * C1 such as CSI U+009B, bidirectional overrides) become visible `\uXXXX` escapes. Applied once, at
 * the terminal output layer (src/cli/print.ts), to everything the command line prints; in JSON text
 * the same escape is valid JSON for the same string.
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same, and newlines shown as `\n`, for a message that must stay on one line. */
export function terminalLine(text: string): string {
  return escapeTerminal(text.replace(/\r?\n/g, ' ').replace(/\t/g, ' '));
}
