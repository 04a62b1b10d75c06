// 0. Coverage: how many papers of each venue-year have any located author, and how many have every
// author located. A paper with no affiliation data cannot be a collaboration paper; under
// `--denominator located` (the default) it leaves the denominator, and this table says how many did.
import { affiliationCountry, authorLocated, paperInTracks, unattributedAffiliations } from '../definitions.js';
import type { Paper } from '../types.js';
import type { Accumulator, AnalysisContext, PaperView } from './context.js';
import { compareStrings, round } from './stats.js';
import type { Coverage, CoverageRow } from './types.js';

/** A venue-year with fewer papers than this share having a located author gets a warning line. */
export const COVERAGE_WARNING = 0.9;

interface Tally {
  papers: number;
  anyLocated: number;
  allLocated: number;
  noAffiliations: number;
}

const emptyTally = (): Tally => ({ papers: 0, anyLocated: 0, allLocated: 0, noAffiliations: 0 });

/** Coverage is a property of the data: every author counts here, whatever `--authors` says. */
export function tallyPaper(tally: Tally, paper: Paper, context: AnalysisContext): void {
  tally.papers++;
  let located = 0;
  let texts = 0;
  for (const author of paper.authors) {
    if (authorLocated(author, context.definitions)) located++;
    for (const affiliation of author.affiliations) if (affiliation.raw.trim()) texts++;
  }
  // a located slot past the last author locates the paper too (coverage reads every author, so only --affiliations decides)
  if (located > 0 || unattributedAffiliations(paper, { authors: 'all', affiliations: context.definitions.affiliations }).some((a) => affiliationCountry(a, context.definitions) !== null)) tally.anyLocated++;
  if (paper.authors.length > 0 && located === paper.authors.length) tally.allLocated++;
  if (texts === 0) tally.noAffiliations++;
}

function row(venue: string, year: number | null, t: Tally): CoverageRow {
  return {
    venue,
    year,
    papers: t.papers,
    anyLocated: t.anyLocated,
    allLocated: t.allLocated,
    noAffiliations: t.noAffiliations,
    shareAnyLocated: t.papers ? round(t.anyLocated / t.papers) : 0,
    shareAllLocated: t.papers ? round(t.allLocated / t.papers) : 0,
  };
}

export function coverageAccumulator(context: AnalysisContext): Accumulator<Coverage> {
  const total = emptyTally();
  const byVenueYear = new Map<string, { venue: string; year: number; tally: Tally }>();
  return {
    add(view: PaperView) {
      const { paper } = view;
      if (!paperInTracks(paper, context.definitions)) return;
      const key = `${paper.venue}\t${paper.year}`;
      let entry = byVenueYear.get(key);
      if (!entry) byVenueYear.set(key, (entry = { venue: paper.venue, year: paper.year, tally: emptyTally() }));
      tallyPaper(entry.tally, paper, context);
      tallyPaper(total, paper, context);
    },
    finish() {
      const rows = [...byVenueYear.values()]
        .sort((a, b) => compareStrings(a.venue, b.venue) || a.year - b.year)
        .map((e) => row(e.venue, e.year, e.tally));
      const warnings = rows
        .filter((r) => r.papers > 0 && r.anyLocated / r.papers < COVERAGE_WARNING)
        .map((r) => coverageWarning(r, context.definitions.denominator));
      return { denominator: context.definitions.denominator, threshold: COVERAGE_WARNING, total: row('all', null, total), rows, warnings };
    },
  };
}

function coverageWarning(r: CoverageRow, denominator: Coverage['denominator']): string {
  const missing = r.papers - r.anyLocated;
  const effect =
    denominator === 'located'
      ? 'they are left out of the denominator (--denominator located)'
      : 'they stay in the denominator (--denominator all) and pull its shares down';
  return `warning: ${r.venue} ${r.year}: only ${r.anyLocated} of ${r.papers} papers (${(100 * r.shareAnyLocated).toFixed(1)}%) have a located author; ${missing} have none and ${effect}`;
}
