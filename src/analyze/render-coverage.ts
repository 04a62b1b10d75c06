// The coverage table and the denominator captions of the terminal analytics (src/analyze/render.ts).
import type { Definitions } from '../types.js';
import { pct } from './format.js';
import { table, wrap } from './render.js';
import type { Coverage, CoverageRow } from './types.js';

const n = (value: number) => String(value);

/** "shares over papers with at least one located author": what every share's denominator is. */
export function denominatorCaption(definitions: Pick<Definitions, 'denominator'>): string {
  return definitions.denominator === 'all'
    ? 'shares over all papers in scope (--denominator all)'
    : 'shares over papers with at least one located author (--denominator located)';
}

/** Papers with any and with every author located, per venue-year, and the warnings under the threshold. */
export function renderCoverage(c: Coverage): string {
  const row = (r: CoverageRow) => [
    r.year === null ? r.venue : `${r.venue} ${r.year}`,
    n(r.papers),
    n(r.anyLocated),
    pct(r.shareAnyLocated),
    n(r.allLocated),
    pct(r.shareAllLocated),
    n(r.noAffiliations),
  ];
  const lines = [
    table(
      `Coverage: papers with a located author (any country), per venue-year`,
      ['venue-year', 'papers', '>=1 located', 'share', 'all located', 'share', 'no affiliations'],
      [...c.rows.map(row), row(c.total)],
    ),
    wrap(
      `The denominator of every share below is ${c.denominator === 'all' ? 'all papers (--denominator all), located or not' : 'the papers with at least one located author (--denominator located)'}; ` +
        `venue-years under ${Math.round(c.threshold * 100)}% located get a warning.`,
    ),
  ];
  for (const warning of c.warnings) lines.push(wrap(warning));
  return lines.join('\n');
}
