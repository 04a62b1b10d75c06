// One paper seen through the definitions in force: which affiliations count, for which country, with
// which fractional weight, and which institution node each one is. Built once per paper per pass and
// thrown away, so a pass over a million papers holds only the accumulators.
import type { Affiliation, Definitions, Paper } from '../types.js';
import { affiliationCountry, authorCountries, countedAffiliations, countedAuthors, paperCountries, paperHasPair, paperInScope, unattributedAffiliations } from '../definitions.js';
import { loadOrganisations, organisationNode, unitBase, type OrganisationGraph, type OrganisationNode } from '../kb/organisations.js';

export interface AnalysisContext {
  pair: [string, string];
  definitions: Definitions;
  topN: number;
  /** Fields the findings always describe (default llm-nlp). */
  focusFields: string[];
  /** Parent links for the institution level (default: the curated base plus the user's imported files). */
  organisations?: OrganisationGraph;
}

export interface AffiliationView {
  affiliation: Affiliation;
  /** affiliationCountry under the definitions; null when unknown. */
  country: string | null;
  /** Fractional weight: 1 / (authors of the paper) / (counted affiliations of the author). */
  weight: number;
  /** Institution node key at the institution level in force (organisationNode), null when the affiliation names no institution. */
  node: string | null;
  /** The node's name, knowledge-base id and sector: the organisation's when a unit was rolled up, else the unit's own. */
  nodeName: string | null;
  nodeId: string | null;
  nodeSector: Affiliation['sector'];
  /** The unit's own node key (institutionKey), whatever the level. */
  unitNode: string | null;
}

export interface AuthorView {
  name: string;
  /** authorCountries under the definitions. */
  countries: string[];
  /** The counted affiliations (countedAffiliations), each with its country and weight. */
  affiliations: AffiliationView[];
  /** Lists institutions in both countries of the pair at once. */
  dual: boolean;
  /** Whether the author takes part in the pair decision (false for dual authors under dualAffiliation=ignore). */
  countsForPair: boolean;
}

export interface PaperView {
  paper: Paper;
  inScope: boolean;
  /** paperCountries under the definitions. */
  countries: string[];
  /** paperHasPair under the definitions. */
  isPair: boolean;
  /** The counted authors (countedAuthors: all, first, last or first and last). */
  authors: AuthorView[];
  /** The paper's affiliations no author holds, when they count (unattributedAffiliations): weight 0, on the pair's sides. */
  unattributed: AffiliationView[];
  /** Fractional weight with no country: unresolved affiliations, authors without any, papers without authors. */
  unknownWeight: number;
  /** fields[0], or NO_FIELD. */
  primaryField: string;
}

/** Label of papers the classifier gave no field. */
export const NO_FIELD = '(none)';
/** Label of affiliations with no sector. */
export const NO_SECTOR = 'unknown';

/**
 * An institution node: the knowledge-base id (or the lower-cased canonical name when there is none)
 * at a country, so that a multinational's labs in two countries are two nodes ("msr@US", "msr@CN").
 */
export function institutionKey(affiliation: Affiliation, country: string | null): string | null {
  const base = unitBase(affiliation); // null for a generic name ("MOE", "Key Laboratory"): no institution node
  return base === null ? null : `${base}@${country ?? '?'}`;
}

/**
 * An affiliation's country and organisation node under the context's definitions. A frozen (pooled,
 * shared) affiliation cannot change, so its answer is remembered for the context (one per analytics
 * pass): a corpus names each institution on many papers.
 */
const places = new WeakMap<AnalysisContext, WeakMap<Affiliation, { country: string | null; node: OrganisationNode | null }>>();
function placeOf(affiliation: Affiliation, context: AnalysisContext, organisations: OrganisationGraph): { country: string | null; node: OrganisationNode | null } {
  let memo = places.get(context);
  if (!memo) places.set(context, (memo = new WeakMap()));
  let place = memo.get(affiliation);
  if (!place) {
    const country = affiliationCountry(affiliation, context.definitions);
    place = { country, node: organisationNode(affiliation, country, context.definitions, organisations) };
    if (Object.isFrozen(affiliation)) memo.set(affiliation, place);
  }
  return place;
}

export function viewPaper(paper: Paper, context: AnalysisContext): PaperView {
  const { definitions, pair } = context;
  const [a, b] = pair;
  const organisations = context.organisations ?? loadOrganisations();
  // only the authors `--authors` counts are seen (all of them by default)
  const whose = countedAuthors(paper.authors, definitions);
  const authorCount = whose.length;
  let unknownWeight = authorCount === 0 ? 1 : 0;
  const authors: AuthorView[] = whose.map((author) => {
    const counted = countedAffiliations(author, definitions);
    const share = 1 / authorCount;
    if (counted.length === 0) unknownWeight += share;
    const affiliations = counted.map((affiliation) => {
      const weight = share / counted.length;
      const view = affiliationView(affiliation, weight, context, organisations);
      if (view.country === null) unknownWeight += weight;
      return view;
    });
    const countries = authorCountries(author, definitions);
    const dual = countries.includes(a) && countries.includes(b);
    return { name: author.name, countries, affiliations, dual, countsForPair: !(dual && definitions.dualAffiliation === 'ignore') };
  });
  const countries = paperCountries(paper, definitions);
  return {
    paper,
    inScope: paperInScope(paper, definitions, countries),
    countries,
    isPair: paperHasPair(paper, pair, definitions),
    authors,
    // an unattributed affiliation belongs to some author whose share is already given: it adds no weight
    unattributed: unattributedAffiliations(paper, definitions).map((affiliation) => affiliationView(affiliation, 0, context, organisations)),
    unknownWeight,
    primaryField: paper.fields[0] ?? NO_FIELD,
  };
}

function affiliationView(affiliation: Affiliation, weight: number, context: AnalysisContext, organisations: OrganisationGraph): AffiliationView {
  const { country, node } = placeOf(affiliation, context, organisations);
  return {
    affiliation,
    country,
    weight,
    node: node?.key ?? null,
    nodeName: node?.name ?? null,
    nodeId: node?.id ?? null,
    nodeSector: node ? node.sector : affiliation.sector,
    unitNode: node?.unitKey ?? null,
  };
}

/**
 * The affiliations on each side of the pair in a paper, from the authors who count for the pair
 * (all authors, except dual-affiliated ones under dualAffiliation=ignore), then the unattributed ones
 * that count (as paperHasPair reads them).
 */
export function pairSides(view: PaperView, pair: [string, string]): [AffiliationView[], AffiliationView[]] {
  const sideA: AffiliationView[] = [];
  const sideB: AffiliationView[] = [];
  const add = (affiliation: AffiliationView) => {
    if (affiliation.country === pair[0]) sideA.push(affiliation);
    else if (affiliation.country === pair[1]) sideB.push(affiliation);
  };
  for (const author of view.authors) if (author.countsForPair) author.affiliations.forEach(add);
  view.unattributed.forEach(add);
  return [sideA, sideB];
}

/** A pass over the papers: `add` sees every paper (in scope or not), `finish` returns the result. */
export interface Accumulator<T> {
  add(view: PaperView): void;
  finish(): T;
}

export function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
