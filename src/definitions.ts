// The switchable definitions, applied to resolved affiliations. Pure functions: the resolver records
// facts (lab location, headquarters' country); these decide which country a fact counts for.
import { countryCodeProblem } from './country-codes.js';
import type { Affiliation, Author, Definitions, Paper } from './types.js';
import { CollabscopeError } from './errors.js';

const GREATER_CHINA = new Set(['HK', 'MO', 'TW']);

export function applyChinaScope(country: string, scope: Definitions['chinaScope']): string {
  return scope === 'greater' && GREATER_CHINA.has(country) ? 'CN' : country;
}

/** The country an affiliation counts for under the definitions, or null when unknown. */
export function affiliationCountry(affiliation: Affiliation, definitions: Definitions): string | null {
  const located = definitions.multinational === 'hq' && affiliation.hqCountry ? affiliation.hqCountry : affiliation.country;
  if (affiliation.method === 'hq-default') return unlocatedCountry(affiliation, located, definitions);
  return located ? applyChinaScope(located, definitions.chinaScope) : null;
}

/**
 * A company named without a site (`--unlocated`): exclude makes it unknown; infer takes the run's own
 * evidence (Affiliation.inferred) when there is some, else the headquarters, as hq does. Under
 * `--multinational hq` the headquarters counts anyway.
 */
function unlocatedCountry(affiliation: Affiliation, hq: string | null, definitions: Definitions): string | null {
  if (definitions.unlocated === 'exclude') return null;
  const inferred = definitions.unlocated === 'infer' && definitions.multinational !== 'hq' ? affiliation.inferred?.country : undefined;
  const country = inferred ?? hq;
  return country ? applyChinaScope(country, definitions.chinaScope) : null;
}

/** The authors whose affiliations make the paper's country set (`--authors`); a single author is first and last. */
export function countedAuthors<A>(authors: readonly A[], definitions: Pick<Definitions, 'authors'>): readonly A[] {
  const n = authors.length;
  switch (definitions.authors) {
    case 'first':
      return authors.slice(0, 1);
    case 'last':
      return authors.slice(n - 1);
    case 'first-last':
      return n <= 2 ? authors : [authors[0], authors[n - 1]];
    default:
      return authors;
  }
}

/** Whether an author has a country under the definitions (coverage and the `located` denominator). */
export function authorLocated(author: Author, definitions: Definitions): boolean {
  return countedAffiliations(author, definitions).some((a) => affiliationCountry(a, definitions) !== null);
}

/** The affiliations of an author that count: all of them, or only the first institution listed. */
export function countedAffiliations(author: Author, definitions: Definitions): Affiliation[] {
  return definitions.affiliations === 'first' ? author.affiliations.slice(0, 1) : author.affiliations;
}

export function authorCountries(author: Author, definitions: Definitions): string[] {
  const codes = new Set<string>();
  for (const affiliation of countedAffiliations(author, definitions)) {
    const code = affiliationCountry(affiliation, definitions);
    if (code) codes.add(code);
  }
  return [...codes].sort();
}

const NONE: readonly Affiliation[] = Object.freeze([]);

/** Every affiliation of the paper, whatever the definitions: its authors' in order, then those no author holds. */
export function* allAffiliations(paper: Pick<Paper, 'authors' | 'unattributed'>): Generator<Affiliation> {
  for (const author of paper.authors) yield* author.affiliations;
  if (paper.unattributed) yield* paper.unattributed;
}

/**
 * The paper's affiliations that no author holds (slots past the last author, Paper.unattributed), when
 * they count: only if every author and every affiliation of each counts (`--authors all`, `--affiliations
 * all`); a selection of authors or of first affiliations cannot know whether they are among them.
 */
export function unattributedAffiliations(paper: Pick<Paper, 'unattributed'>, definitions: Pick<Definitions, 'authors' | 'affiliations'>): readonly Affiliation[] {
  return paper.unattributed && definitions.authors === 'all' && definitions.affiliations === 'all' ? paper.unattributed : NONE;
}

/** The paper's affiliations that count under the definitions: the counted authors' counted ones, then the unattributed ones that count. */
export function countedPaperAffiliations(paper: Pick<Paper, 'authors' | 'unattributed'>, definitions: Definitions): Affiliation[] {
  return [...countedAuthors(paper.authors, definitions).flatMap((author) => countedAffiliations(author, definitions)), ...unattributedAffiliations(paper, definitions)];
}

/** Sorted country codes of a paper under the definitions (the `countries` field of papers.jsonl). */
export function paperCountries(paper: Pick<Paper, 'authors' | 'unattributed'>, definitions: Definitions): string[] {
  const codes = new Set<string>();
  for (const author of countedAuthors(paper.authors, definitions)) for (const code of authorCountries(author, definitions)) codes.add(code);
  for (const affiliation of unattributedAffiliations(paper, definitions)) {
    const code = affiliationCountry(affiliation, definitions);
    if (code) codes.add(code);
  }
  return [...codes].sort();
}

/** Main-track papers: the source's track is empty or named main/conference (not workshops, D&B, demos). */
export function isMainTrack(track: string | null): boolean {
  if (!track) return true;
  return /^(main|main track|conference|poster|oral|spotlight)$/i.test(track.trim());
}

/** In the track scope (`--tracks`) alone, whatever the affiliations say. */
export function paperInTracks(paper: Pick<Paper, 'track'>, definitions: Definitions): boolean {
  return definitions.tracks === 'all' || isMainTrack(paper.track);
}

/**
 * In the denominator: in the track scope and, under `--denominator located` (the default), with at
 * least one counted author located. `countries` may be passed when already computed.
 */
export function paperInScope(paper: Pick<Paper, 'track' | 'authors' | 'unattributed'>, definitions: Definitions, countries?: readonly string[]): boolean {
  if (!paperInTracks(paper, definitions)) return false;
  if (definitions.denominator === 'all') return true;
  return countries ? countries.length > 0 : paperLocated(paper, definitions);
}

/** Whether any counted affiliation of any counted author has a country: paperCountries(...).length > 0, without building it. */
export function paperLocated(paper: Pick<Paper, 'authors' | 'unattributed'>, definitions: Definitions): boolean {
  for (const author of countedAuthors(paper.authors, definitions)) {
    for (const affiliation of countedAffiliations(author, definitions)) if (affiliationCountry(affiliation, definitions)) return true;
  }
  for (const affiliation of unattributedAffiliations(paper, definitions)) if (affiliationCountry(affiliation, definitions)) return true;
  return false;
}

/**
 * Whether a paper links the two countries of a pair. With dualAffiliation 'ignore', authors who list
 * institutions in both countries at once are left out of that decision. An unattributed affiliation
 * (unattributedAffiliations) counts as its own: it makes nobody dual-affiliated.
 */
export function paperHasPair(paper: Pick<Paper, 'authors' | 'unattributed'>, pair: readonly [string, string], definitions: Definitions): boolean {
  const [a, b] = pair;
  let hasA = false;
  let hasB = false;
  for (const author of countedAuthors(paper.authors, definitions)) {
    // authorCountries(author).includes(a) and (b), without building the list
    let inA = false;
    let inB = false;
    for (const affiliation of countedAffiliations(author, definitions)) {
      const code = affiliationCountry(affiliation, definitions);
      if (code === a) inA = true;
      else if (code === b) inB = true;
    }
    if (definitions.dualAffiliation === 'ignore' && inA && inB) continue;
    hasA ||= inA;
    hasB ||= inB;
    if (hasA && hasB) return true;
  }
  for (const affiliation of unattributedAffiliations(paper, definitions)) {
    const code = affiliationCountry(affiliation, definitions);
    if (code === a) hasA = true;
    else if (code === b) hasB = true;
  }
  return hasA && hasB;
}

/** Parses "US,CN" into a pair of distinct ISO alpha-2 codes. */
export function parsePair(text: string): [string, string] {
  const parts = text.split(/[,-]/).map((p) => p.trim().toUpperCase());
  if (parts.length !== 2 || !parts.every((p) => /^[A-Z]{2}$/.test(p)) || parts[0] === parts[1]) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--pair must be two different ISO country codes like US,CN (got "${text}")${pairHint(parts)}`);
  }
  const problem = parts.map(countryCodeProblem).find((p) => p !== null);
  if (problem) throw new CollabscopeError('E_BAD_ARGUMENT', `--pair: ${problem}`);
  return [parts[0], parts[1]];
}

function pairHint(parts: string[]): string {
  const problem = parts.length === 2 ? parts.map(countryCodeProblem).find((p) => p?.includes('did you mean')) : undefined;
  return problem ? `: ${problem}` : '';
}

export function pairKey(pair: readonly [string, string]): string {
  return `${pair[0]}-${pair[1]}`;
}
