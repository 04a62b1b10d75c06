// OpenAlex (api.openalex.org): works of a venue and year, GET /works?filter=locations.source.id:S..,
// publication_year:YYYY&per-page=N&cursor=* -> {meta: {count, next_cursor}, results: [work]}, paged by
// cursor until next_cursor is null. Each work has authorships[] = {author: {id, display_name},
// institutions: [{id, display_name, ror, country_code, type}], countries, raw_affiliation_strings}.
// Optional: OPENALEX_API_KEY (api_key=, kept out of the cache and messages), OPENALEX_MAILTO (mailto=).
import { CollabscopeError } from '../errors.js';
import { rebase } from './http.js';
import {
  API_PAGE_FRESH_MS,
  countryName,
  isObject,
  shortVenue,
  text,
  toJsonl,
  venueDisplayName,
  checkPageCount,
  type FetchContext,
  type FetchResult,
  type WideJsonlRow,
} from './common.js';

export const OPENALEX_API = 'https://api.openalex.org';

/** OpenAlex source ids of venues (the "Neural Information Processing Systems" conference source). */
export const OPENALEX_SOURCES: Record<string, string> = { neurips: 'S4306420609' };

const SELECT = 'id,doi,title,display_name,publication_year,authorships,abstract_inverted_index,keywords';
const PAGE = 100;

export interface OpenAlexInstitution {
  id?: unknown;
  display_name?: unknown;
  ror?: unknown;
  country_code?: unknown;
  type?: unknown;
}

export interface OpenAlexAuthorship {
  author?: { id?: unknown; display_name?: unknown } | null;
  institutions?: OpenAlexInstitution[];
  countries?: unknown[];
  raw_author_name?: unknown;
  raw_affiliation_strings?: unknown[];
}

export interface OpenAlexWork {
  id: string;
  doi?: unknown;
  title?: unknown;
  display_name?: unknown;
  publication_year?: unknown;
  authorships?: OpenAlexAuthorship[];
  abstract_inverted_index?: Record<string, number[]> | null;
  keywords?: Array<{ display_name?: unknown }>;
}

export function openAlexSourceFor(venue: string, override?: string | null): string {
  if (override) {
    const id = override.replace(/^https?:\/\/openalex\.org\//i, '');
    if (!/^S\d+$/i.test(id)) throw new CollabscopeError('E_BAD_ARGUMENT', `--openalex-source must be an OpenAlex source id such as S4306420609 (got "${override}")`);
    return id.toUpperCase();
  }
  const id = OPENALEX_SOURCES[shortVenue(venue)];
  if (!id) throw new CollabscopeError('E_BAD_ARGUMENT', `no known OpenAlex source for "${venue}"; pass --openalex-source S... (find it at api.openalex.org/sources?search=...)`);
  return id;
}

export function openAlexWorksUrl(sourceId: string, year: number, cursor: string, ctx: Pick<FetchContext, 'baseUrl' | 'env' | 'pageSize'>): string {
  const env = ctx.env ?? process.env;
  const params = [
    `filter=locations.source.id:${sourceId},publication_year:${year}`,
    `per-page=${ctx.pageSize ?? PAGE}`,
    `select=${SELECT}`,
    `cursor=${encodeURIComponent(cursor)}`,
  ];
  if (env.OPENALEX_MAILTO?.trim()) params.push(`mailto=${encodeURIComponent(env.OPENALEX_MAILTO.trim())}`);
  if (env.OPENALEX_API_KEY?.trim()) params.push(`api_key=${encodeURIComponent(env.OPENALEX_API_KEY.trim())}`);
  return rebase(`${OPENALEX_API}/works?${params.join('&')}`, ctx.baseUrl);
}

/** Every work of a source in a year, following next_cursor. */
export async function fetchOpenAlexWorks(ctx: FetchContext, sourceId: string, year: number): Promise<OpenAlexWork[]> {
  const { client } = ctx;
  const works: OpenAlexWork[] = [];
  const seenCursors = new Set<string>();
  client.progress.start(`OpenAlex ${sourceId} ${year}`, null, 'items');
  for (let cursor: string | null = '*'; cursor; ) {
    if (seenCursors.has(cursor)) throw new CollabscopeError('E_BAD_RECORD', `OpenAlex pages in a loop at cursor ${cursor}`);
    seenCursors.add(cursor);
    checkPageCount(seenCursors.size, `OpenAlex ${sourceId} ${year}`);
    const url = openAlexWorksUrl(sourceId, year, cursor, ctx);
    const page = (await client.getJson<{ meta?: { count?: unknown; next_cursor?: unknown }; results: OpenAlexWork[] }>(url, { freshForMs: API_PAGE_FRESH_MS }, (v) =>
      isObject(v) && Array.isArray(v.results) ? null : 'expected an object with "results"',
    ))!;
    works.push(...page.results.filter((w) => isObject(w) && typeof w.id === 'string'));
    client.progress.update(works.length, typeof page.meta?.count === 'number' ? page.meta.count : null);
    cursor = page.results.length > 0 ? text(page.meta?.next_cursor) : null;
  }
  client.progress.stop();
  return works;
}

/** The plain abstract from OpenAlex's inverted index (word -> positions). */
export function abstractFromIndex(index: Record<string, number[]> | null | undefined): string | null {
  if (!isObject(index)) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    if (Array.isArray(positions)) for (const p of positions) if (Number.isInteger(p)) words[p] = word;
  }
  const textValue = words.filter((w) => w !== undefined).join(' ').trim();
  return textValue || null;
}

/** ISO codes of a work's countries: institutions' country codes and each authorship's `countries`. */
export function workCountries(work: OpenAlexWork): string[] {
  const codes = new Set<string>();
  for (const authorship of work.authorships ?? []) {
    for (const institution of authorship.institutions ?? []) {
      const code = text(institution.country_code);
      if (code) codes.add(code.toUpperCase());
    }
    for (const code of authorship.countries ?? []) if (text(code)) codes.add(String(code).toUpperCase());
  }
  return [...codes].sort();
}

export function workDoi(work: OpenAlexWork): string | null {
  const doi = text(work.doi);
  return doi ? doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').toLowerCase() : null;
}

/**
 * A work as a wide JSONL row. Affiliations are OpenAlex's institution names with their country
 * ("Tsinghua University, China"); an authorship without institutions keeps its raw affiliation strings.
 */
export function workToRow(work: OpenAlexWork, venue: string, year: number): WideJsonlRow {
  const authors = (work.authorships ?? []).map((a) => {
    const institutions = (a.institutions ?? []).filter((i) => text(i.display_name));
    const affiliations = institutions.length
      ? institutions.map((i) => {
          const name = text(i.display_name)!;
          const country = countryName(text(i.country_code));
          return country ? `${name}, ${country}` : name;
        })
      : (a.raw_affiliation_strings ?? []).map(text).filter((s): s is string => !!s);
    const id = text(a.author?.id);
    return {
      name: text(a.author?.display_name) ?? text(a.raw_author_name) ?? '',
      affiliations,
      email_domain: null,
      ...(id ? { ids: [id.replace(/^https?:\/\/openalex\.org\//i, '')] } : {}),
    };
  });
  const doi = workDoi(work);
  return {
    id: work.id.replace(/^https?:\/\/openalex\.org\//i, ''),
    title: text(work.title) ?? text(work.display_name) ?? '',
    venue,
    year,
    abstract: abstractFromIndex(work.abstract_inverted_index),
    track: null,
    status: null,
    topic: null,
    keywords: (work.keywords ?? []).map((k) => text(k?.display_name)).filter((k): k is string => !!k),
    url: doi ? `https://doi.org/${doi}` : work.id,
    doi,
    authors,
  };
}

export function openAlexFileName(venue: string, year: number): string {
  return `${shortVenue(venue)}${year}-openalex.jsonl`;
}

export async function fetchOpenAlex(ctx: FetchContext): Promise<FetchResult> {
  const venue = shortVenue(ctx.venue);
  const sourceId = openAlexSourceFor(venue, ctx.openalexSource);
  const works = await fetchOpenAlexWorks(ctx, sourceId, ctx.year);
  const rows = works.map((w) => workToRow(w, venueDisplayName(venue), ctx.year));
  const withInstitutions = works.filter((w) => (w.authorships ?? []).some((a) => (a.institutions ?? []).length > 0)).length;
  const notes = [`${works.length} works of source ${sourceId} in ${ctx.year}, ${withInstitutions} with at least one institution`];
  if (works.length === 0) notes.push('OpenAlex lists no works for this venue and year (coverage of recent proceedings lags)');
  return { fileName: openAlexFileName(venue, ctx.year), data: toJsonl(rows), records: works.length, papers: rows.length, notes };
}
