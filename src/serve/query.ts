// The dashboard's query language, shared by every /api/ endpoint: filters that choose a subset of
// papers, the pair and definitions to analyse them under, and "drill" conditions that list exactly
// the papers behind one number of a chart or table.
//
//   filters      venue=NeurIPS,ICML  year=2016,2018 | 2014-2016  field=vision  sector=company
//                institution=Tsinghua University (name or knowledge-base id, case-insensitive)
//   analysis     pair=US,CN  chinaScope=mainland|greater  multinational=lab|hq
//                dualAffiliation=count|ignore  affiliations=all|first  tracks=all|main
//                authors=all|first|last|first-last  unlocated=infer|hq|exclude  denominator=located|all
//   drill        has=pair (an in-scope collaboration paper of the pair)  scope=in (an in-scope paper)
//                primaryField=vision|none  sideInstitution=<node key>  institutionNode=<node key>
//                pairSectors=company,education  technology=<id>  country=<ISO code>
//   paging       limit (default 100, at most 1000)  offset
import { DEFAULT_DEFINITIONS, DEFINITION_CHOICES, type Definitions, type Paper } from '../types.js';
import { affiliationCountry, countedPaperAffiliations, paperCountries, paperHasPair, paperInScope, parsePair } from '../definitions.js';
import { pairSides, viewPaper } from '../analyze/context.js';
import { loadOrganisations, organisationMatches, organisationNode } from '../kb/organisations.js';
import { CollabscopeError } from '../errors.js';
import { countsAs } from '../classify/techflow.js';

export interface Filters {
  venues: string[];
  years: number[];
  fields: string[];
  sectors: string[];
  institutions: string[];
}

export interface Drill {
  has?: 'pair';
  scope?: 'in';
  primaryField?: string;
  sideInstitution?: string;
  institutionNode?: string;
  pairSectors?: [string, string];
  technology?: string;
  country?: string;
}

export interface Query {
  filters: Filters;
  pair: [string, string];
  definitions: Definitions;
  drill: Drill;
  limit: number;
  offset: number;
}

export { DEFINITION_CHOICES };

const FILTER_KEYS = ['venue', 'year', 'field', 'sector', 'institution'] as const;
const DRILL_KEYS = ['has', 'scope', 'primaryField', 'sideInstitution', 'institutionNode', 'pairSectors', 'technology', 'country'] as const;
const KNOWN = new Set<string>([...FILTER_KEYS, ...DRILL_KEYS, 'pair', ...Object.keys(DEFINITION_CHOICES), 'limit', 'offset']);
export const MAX_LIMIT = 1000;
export const NO_FIELD = 'none';
export const NO_SECTOR = 'unknown';

export class QueryError extends CollabscopeError {
  constructor(message: string) {
    super('E_BAD_ARGUMENT', message);
  }
}

/** Parses URL search parameters; throws QueryError (HTTP 400) on anything unknown or malformed. */
export function parseQuery(params: URLSearchParams, defaults: { pair: [string, string]; definitions: Definitions }): Query {
  for (const key of params.keys()) {
    if (!KNOWN.has(key)) throw new QueryError(`unknown parameter "${key}"`);
  }
  const list = (key: string) =>
    params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const single = (key: string) => {
    const values = params.getAll(key).filter((v) => v.trim() !== '');
    if (values.length > 1) throw new QueryError(`parameter "${key}" given ${values.length} times`);
    return values[0]?.trim();
  };
  // a run written before a definition existed does not record it: the default applies
  const definitions = { ...DEFAULT_DEFINITIONS, ...defaults.definitions };
  for (const key of Object.keys(DEFINITION_CHOICES) as Array<keyof Definitions>) {
    const value = single(key);
    if (value === undefined) continue;
    if (!(DEFINITION_CHOICES[key] as readonly string[]).includes(value)) {
      throw new QueryError(`${key} must be one of ${DEFINITION_CHOICES[key].join(', ')} (got "${value}")`);
    }
    (definitions as Record<string, string>)[key] = value;
  }
  const pairText = single('pair');
  let pair = defaults.pair;
  if (pairText !== undefined) {
    try {
      pair = parsePair(pairText);
    } catch (error) {
      throw new QueryError((error as Error).message.replace(/^--pair:? ?/, 'pair: ').replace(/^pair: must/, 'pair must'));
    }
  }
  const drill: Drill = {};
  const has = single('has');
  if (has !== undefined) {
    if (has !== 'pair') throw new QueryError(`has must be "pair" (got "${has}")`);
    drill.has = 'pair';
  }
  const scope = single('scope');
  if (scope !== undefined) {
    if (scope !== 'in') throw new QueryError(`scope must be "in" (got "${scope}")`);
    drill.scope = 'in';
  }
  for (const key of ['primaryField', 'sideInstitution', 'institutionNode', 'technology'] as const) {
    const value = single(key);
    if (value !== undefined) drill[key] = value;
  }
  const country = single('country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw new QueryError(`country must be an ISO alpha-2 code (got "${country}")`);
    drill.country = country.toUpperCase();
  }
  const sectors = single('pairSectors');
  if (sectors !== undefined) {
    const parts = sectors.split(',').map((s) => s.trim());
    if (parts.length !== 2 || parts.some((p) => !p)) throw new QueryError(`pairSectors must be two sectors like company,education (got "${sectors}")`);
    drill.pairSectors = [parts[0], parts[1]];
  }
  return {
    filters: {
      venues: list('venue'),
      years: parseYears(list('year')),
      fields: list('field'),
      sectors: list('sector'),
      institutions: list('institution').map((s) => s.toLowerCase()),
    },
    pair,
    definitions,
    drill,
    limit: integer(single('limit'), 'limit', 100, 1, MAX_LIMIT),
    offset: integer(single('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function parseYears(values: string[]): number[] {
  const years = new Set<number>();
  for (const value of values) {
    const range = /^(\d{4})\s*-\s*(\d{4})$/.exec(value);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])].sort((a, b) => a - b);
      if (to - from > 200) throw new QueryError(`year range too wide: "${value}"`);
      for (let y = from; y <= to; y++) years.add(y);
    } else if (/^\d{4}$/.test(value)) {
      years.add(Number(value));
    } else {
      throw new QueryError(`year must be a year or a range like 2014-2016 (got "${value}")`);
    }
  }
  return [...years].sort((a, b) => a - b);
}

function integer(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new QueryError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  return n;
}

/** The part of a query that decides the analysed subset (the cache key of a view). */
export function viewKey(query: Query): string {
  return JSON.stringify([query.filters, query.pair, query.definitions]);
}

/** Whether a paper passes the dashboard's filters (under the definitions, for sector and institution). */
export function matchesFilters(paper: Paper, filters: Filters, definitions: Definitions): boolean {
  if (filters.venues.length && !filters.venues.includes(paper.venue)) return false;
  if (filters.years.length && !filters.years.includes(paper.year)) return false;
  if (filters.fields.length) {
    const fields = paper.fields.length ? paper.fields : [NO_FIELD];
    if (!filters.fields.some((f) => fields.includes(f))) return false;
  }
  if (filters.sectors.length || filters.institutions.length) {
    const affiliations = countedPaperAffiliations(paper, definitions);
    if (filters.sectors.length && !affiliations.some((a) => filters.sectors.includes(a.sector ?? NO_SECTOR))) return false;
    if (
      filters.institutions.length &&
      // a unit's own name or id, or the organisation it counts as at the institution level in force
      !affiliations.some((a) => filters.institutions.some((name) => organisationMatches(a, name, definitions, loadOrganisations())))
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The papers with their `countries` recomputed under the definitions (papers.jsonl holds them under
 * the run's definitions); the objects are shallow copies, the originals are not touched.
 */
export function withCountries(papers: Paper[], definitions: Definitions, runDefinitions: Definitions): Paper[] {
  const same = (Object.keys(DEFINITION_CHOICES) as Array<keyof Definitions>).every((k) => definitions[k] === runDefinitions[k]);
  return same ? papers : papers.map((p) => ({ ...p, countries: paperCountries(p, definitions) }));
}

/**
 * Whether a paper is behind the drilled number. Each condition mirrors how the analytics count:
 * `has=pair` is an in-scope paper with paperHasPair; institutions and sectors are taken from the
 * pair's sides as src/analyze does (pairSides); technology and country as techFlow does (all papers; a technology's `used` hits, as serve counts).
 */
export function matchesDrill(paper: Paper, query: Query): boolean {
  const { drill, pair, definitions } = query;
  if ((drill.has || drill.scope) && !paperInScope(paper, definitions)) return false;
  if (drill.has === 'pair' && !paperHasPair(paper, pair, definitions)) return false;
  if (drill.primaryField !== undefined) {
    const primary = paper.fields[0] ?? NO_FIELD;
    if (primary !== (drill.primaryField === '(none)' ? NO_FIELD : drill.primaryField)) return false;
  }
  if (drill.technology !== undefined && !paper.technologies.some((t) => t.id === drill.technology && countsAs(t, 'used'))) return false;
  if (drill.country !== undefined && !paper.countries.includes(drill.country)) return false;
  if (drill.institutionNode !== undefined) {
    const keys = countedPaperAffiliations(paper, definitions).map((a) => organisationNode(a, affiliationCountry(a, definitions), definitions, loadOrganisations())?.key ?? null);
    if (!keys.includes(drill.institutionNode)) return false;
  }
  if (drill.sideInstitution !== undefined || drill.pairSectors !== undefined) {
    const view = viewPaper(paper, { pair, definitions, topN: 0 } as Parameters<typeof viewPaper>[1]);
    const [sideA, sideB] = pairSides(view, pair);
    if (drill.sideInstitution !== undefined && ![...sideA, ...sideB].some((a) => a.node === drill.sideInstitution)) return false;
    if (drill.pairSectors !== undefined) {
      const [wantA, wantB] = drill.pairSectors;
      if (!sideA.some((a) => (a.nodeSector ?? NO_SECTOR) === wantA) || !sideB.some((b) => (b.nodeSector ?? NO_SECTOR) === wantB)) return false;
    }
  }
  return true;
}
