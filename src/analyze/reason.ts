// Why a paper counts (or not) for a country pair under the definitions in force: which authors and
// institutions stand on each side, and whether the link exists only through an author who lists
// institutions in both countries, or only through a multinational placed at its headquarters.
// Shared by `collabscope papers` (one line per paper) and `collabscope explain` (its first sentence).
import { paperHasPair } from '../definitions.js';
import type { Affiliation, Definitions, Paper } from '../types.js';
import { viewPaper, type AffiliationView, type AnalysisContext } from './context.js';

export interface SideMember {
  author: string;
  /** Institutions (or the raw text when none is named) that put this author on the side. */
  institutions: string[];
  /** Knowledge-base ids of those institutions (where they have one). */
  institutionIds: string[];
  /** The author also lists an institution in the other country of the pair. */
  dual: boolean;
  /** At least one of these institutions is placed by its headquarters, not by where the lab is. */
  headquarters: boolean;
}

/** The side member standing for a paper's affiliations no author holds (slots past the last author). */
export const UNATTRIBUTED_AUTHOR = '(no author: a slot past the last)';

export interface PairReason {
  pair: [string, string];
  /** The paper counts for the pair (in scope and with both countries, under the definitions). */
  counts: boolean;
  inScope: boolean;
  sides: [SideMember[], SideMember[]];
  /** Counts, but would not if dual-affiliated authors were ignored. */
  onlyThroughDual: boolean;
  /** Counts, but would not without the headquarters placements (hq-default, or --multinational hq). */
  onlyThroughHeadquarters: boolean;
  /** Counts, but would not without the affiliations no author holds (slots past the last author). */
  onlyThroughUnattributed: boolean;
  /** Counts, and some affiliation on a side is placed by headquarters (but the link does not depend on it). */
  usesHeadquarters: boolean;
}

/** Whether an affiliation's country comes from a headquarters rather than a located lab. */
export function placedByHeadquarters(affiliation: Affiliation, definitions: Definitions): boolean {
  if (affiliation.method === 'hq-default') return true;
  return definitions.multinational === 'hq' && affiliation.hqCountry !== null && affiliation.hqCountry !== affiliation.country;
}

export function pairReason(paper: Paper, pair: [string, string], definitions: Definitions): PairReason {
  const context: AnalysisContext = { pair, definitions, topN: 0, focusFields: [] };
  const view = viewPaper(paper, context);
  const sides: [SideMember[], SideMember[]] = [[], []];
  let usesHeadquarters = false;
  // who stands on the sides: the authors who count for the pair, then the affiliations no author holds as one member
  const standing = view.authors.filter((author) => author.countsForPair).map((author) => ({ name: author.name, affiliations: author.affiliations, dual: author.dual }));
  if (view.unattributed.length > 0) standing.push({ name: UNATTRIBUTED_AUTHOR, affiliations: view.unattributed, dual: false });
  for (const member of standing) {
    pair.forEach((country, s) => {
      const on = member.affiliations.filter((a) => a.country === country);
      if (on.length === 0) return;
      const headquarters = on.some((a) => placedByHeadquarters(a.affiliation, definitions));
      usesHeadquarters ||= headquarters;
      sides[s].push({ author: member.name, institutions: unique(on.map(institutionLabel)), institutionIds: unique(on.flatMap((a) => a.affiliation.institutionId ?? [])), dual: member.dual, headquarters });
    });
  }
  const counts = view.inScope && view.isPair;
  const onlyThroughDual = counts && definitions.dualAffiliation === 'count' && view.authors.some((a) => a.dual) &&
    !paperHasPair(paper, pair, { ...definitions, dualAffiliation: 'ignore' });
  const onlyThroughHeadquarters = counts && usesHeadquarters && !paperHasPair(withoutHeadquarters(paper, definitions), pair, definitions);
  const onlyThroughUnattributed = counts && view.unattributed.length > 0 && !paperHasPair({ authors: paper.authors }, pair, definitions);
  return { pair, counts, inScope: view.inScope, sides, onlyThroughDual, onlyThroughHeadquarters, onlyThroughUnattributed, usesHeadquarters: counts && usesHeadquarters };
}

function institutionLabel(view: AffiliationView): string {
  return view.affiliation.institution?.trim() || `"${view.affiliation.raw.trim()}"`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The paper with every headquarters-placed affiliation made unknown. */
function withoutHeadquarters(paper: Paper, definitions: Definitions): Pick<Paper, 'authors' | 'unattributed'> {
  const located = (a: Affiliation) => (placedByHeadquarters(a, definitions) ? { ...a, country: null, hqCountry: null } : a);
  return {
    authors: paper.authors.map((author) => ({ ...author, affiliations: author.affiliations.map(located) })),
    ...(paper.unattributed ? { unattributed: paper.unattributed.map(located) } : {}),
  };
}

function describeSide(members: SideMember[]): string {
  return members
    .map((m) => `${m.author} (${m.institutions.join(', ')}${m.headquarters ? ', placed by headquarters' : ''}${m.dual ? ', dual-affiliated' : ''})`)
    .join('; ');
}

/** The qualifier in a few words: "only through a dual affiliation", "direct". */
export function reasonKind(reason: PairReason): string {
  if (!reason.counts) return 'does not count';
  const kinds: string[] = [];
  if (reason.onlyThroughDual) kinds.push('only through a dual affiliation');
  if (reason.onlyThroughUnattributed) kinds.push('only through a slot past the last author');
  if (reason.onlyThroughHeadquarters) kinds.push('only through a headquarters placement');
  else if (reason.usesHeadquarters) kinds.push('with a headquarters placement');
  return kinds.length ? kinds.join(', ') : 'direct';
}

/** The short form used by `papers`: "US: A (X); CN: B (Y)". */
export function describeSides(reason: PairReason): string {
  return reason.pair
    .map((country, s) => `${country}: ${reason.sides[s].length ? describeSide(reason.sides[s]) : '(none)'}`)
    .join(' | ');
}

/** One sentence: why the paper counts for the pair, or why not. */
export function reasonSentence(reason: PairReason): string {
  const [a, b] = reason.pair;
  const key = `${a}-${b}`;
  if (!reason.inScope) return `Does not count as ${key}: its track is outside the tracks in scope (--tracks main).`;
  if (!reason.counts) {
    const missing = reason.pair.filter((_, s) => reason.sides[s].length === 0);
    const has = reason.pair.filter((_, s) => reason.sides[s].length > 0);
    const why = has.length ? `no author counts for ${missing.join(' or ')} (only ${has.join(', ')})` : `no author counts for ${a} or ${b}`;
    return `Does not count as ${key}: ${why}.`;
  }
  const qualifier = reasonKind(reason);
  const tail = qualifier === 'direct' ? 'authors in both countries, not only through a dual affiliation or a headquarters placement' : qualifier;
  return `Counts as ${key} (${tail}): ${a} side ${describeSide(reason.sides[0])}; ${b} side ${describeSide(reason.sides[1])}.`;
}
