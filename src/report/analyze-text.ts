// What `analyze` prints: a short default (headline, trend, coverage, leading institutions, technology
// flow, sensitivity) and a line naming the other sections; `--sections a,b` or `--sections all`.
import { ANALYTICS_SECTIONS, MAX_WIDTH, renderAnalyticsSections, wrap } from '../analyze/render.js';
import type { AnalyzeOptions } from '../analyze/types.js';
import type { TechFlowSummary } from '../classify/techflow.js';
import { CollabscopeError } from '../errors.js';
import type { HeadlineSummary } from '../summary.js';
import { renderTechFlowText } from './techflow-text.js';
import { renderHeadline } from './terminal.js';

/** The default sections; those the run does not have (e.g. coverage before it exists) are skipped. */
export const DEFAULT_SECTIONS = ['headline', 'trend', 'coverage', 'institutions', 'technology', 'sensitivity'];

export interface AnalyzeTextOptions extends AnalyzeOptions {
  /** Section ids, or ['all']; default DEFAULT_SECTIONS. */
  sections?: string[];
  width?: number;
}

/** Sentences (lines without column gaps) wrapped at word boundaries to the width; table lines stay. */
function wrapProse(text: string, width = MAX_WIDTH): string {
  const w = Math.max(40, Math.min(MAX_WIDTH, width));
  return text
    .split('\n')
    .map((line) => (line.length > w && !/\S {2,}\S/.test(line) ? wrap(line, w) : line))
    .join('\n');
}

/** Rows of each ranked table in the short default. */
export const SHORT_ROWS = 5;

function technologyText(techFlow: TechFlowSummary, pair: [string, string], short: boolean): string {
  if (!short) return renderTechFlowText(techFlow, pair);
  const used = techFlow.technologies.filter((t) => t.papers > 0);
  const left = techFlow.technologies.length - used.length;
  const text = renderTechFlowText({ ...techFlow, technologies: used }, pair);
  return left > 0 ? `${text}\n(${left} tracked technologies with no paper left out; --sections technology lists them all)` : text;
}

/** Every section id `--sections` takes (checked before the run starts). */
export const KNOWN_SECTIONS: readonly string[] = ['headline', ...ANALYTICS_SECTIONS, 'technology'];

/** Parses `--sections`: comma-separated ids, or "all". */
export function parseSections(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (ids.length === 0) throw new CollabscopeError('E_BAD_ARGUMENT', '--sections needs section names like headline,trend or all');
  const unknown = ids.filter((id) => id !== 'all' && !KNOWN_SECTIONS.includes(id));
  if (unknown.length) throw new CollabscopeError('E_BAD_ARGUMENT', `--sections: no section ${unknown.map((u) => `"${u}"`).join(', ')}; the sections are ${KNOWN_SECTIONS.join(', ')} (or all)`);
  return ids;
}

export function renderAnalyzeText(summary: HeadlineSummary & Parameters<typeof renderAnalyticsSections>[0] & { techFlow?: TechFlowSummary }, options: AnalyzeTextOptions): string {
  // The short default shows the first rows of ranked tables and only the technologies some paper uses.
  const short = options.sections === undefined;
  const all = [
    { id: 'headline', text: wrapProse(renderHeadline(summary), options.width) },
    ...renderAnalyticsSections(summary, { ...options, sections: undefined, rows: short ? SHORT_ROWS : undefined }),
    ...(summary.techFlow ? [{ id: 'technology', text: wrapProse(technologyText(summary.techFlow, options.pair, short), options.width) }] : []),
  ];
  const available = [...new Set(all.map((s) => s.id))];
  const wanted = options.sections ?? DEFAULT_SECTIONS;
  const everything = wanted.includes('all');
  const shown = all.filter((s) => everything || wanted.includes(s.id));
  const text = shown.map((s) => s.text).join('\n\n');
  const rest = available.filter((id) => !everything && !wanted.includes(id));
  if (rest.length === 0) return text;
  return `${text}\n\nmore: --sections ${rest.join(',')} (or --sections all); everything is also in summary.json`;
}
