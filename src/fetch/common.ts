// What the fetchers share: the context they run in, the result they hand back, the generic wide JSONL
// row the JSONL adapter reads (src/sources/table.ts), country names for affiliation strings, titles.
// the library without its 80 locale files (its main module loads them all): only English is registered, where used
import countries from 'i18n-iso-countries/index.js';
import { createRequire } from 'node:module';
import { CollabscopeError } from '../errors.js';
import { venueFromFileName } from '../sources/common.js';
import type { HttpClient } from './http.js';

export interface FetchContext {
  client: HttpClient;
  year: number;
  /** Short venue name as Paper Copilot and OpenReview spell it (neurips, iclr, icml...). Default neurips. */
  venue?: string;
  /** Replaces the scheme and host of the source's real URLs. */
  baseUrl?: string | null;
  /** OpenReview venue ids (default: the venue's main conference and, for NeurIPS, Datasets & Benchmarks). */
  venueIds?: string[];
  /** OpenAlex source id (default: the known id of the venue). */
  openalexSource?: string | null;
  /** Page size for paged APIs (tests use small pages). */
  pageSize?: number;
  /** For credentials (OPENREVIEW_TOKEN, OPENALEX_API_KEY...). */
  env?: NodeJS.ProcessEnv;
}

export interface FetchResult {
  /** The file name the data is written under unless --out says otherwise. */
  fileName: string;
  data: string | Buffer;
  /** Records as served (events, notes, works) and papers after de-duplication. */
  records: number;
  papers: number;
  /** Remarks for the user: gaps, counts that disagree, what was skipped. */
  notes: string[];
}

/** One line of the generic wide JSONL format (README "Input formats"; src/sources/table.ts). */
export interface WideJsonlRow {
  id: string;
  title: string;
  venue: string;
  year: number;
  abstract: string | null;
  track: string | null;
  status: string | null;
  topic: string | null;
  keywords: string[];
  url: string | null;
  doi?: string | null;
  authors: Array<{ name: string; affiliations: string[]; email_domain: string | null; ids?: string[] }>;
}

export function toJsonl(rows: WideJsonlRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : '');
}

/** A paged feed longer than this is taken for a server paging forever (the largest real ones have hundreds). */
export const MAX_PAGES = 20_000;

export function checkPageCount(pages: number, what: string): void {
  if (pages > MAX_PAGES) throw new CollabscopeError('E_BAD_RECORD', `${what}: more than ${MAX_PAGES} pages; the feed seems to page forever`);
}

/** API pages change slowly: within a day a cached page is used without asking again (--refresh asks). */
export const API_PAGE_FRESH_MS = 24 * 3600 * 1000;

export function shortVenue(venue: string | undefined): string {
  const text = (venue ?? 'neurips').trim().toLowerCase();
  if (!/^[a-z][a-z0-9]*$/.test(text)) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `--venue must be a short venue name such as neurips, iclr, icml (got "${venue}")`);
  }
  return text === 'nips' ? 'neurips' : text;
}

/** NeurIPS, ICLR, CoRL...: the display name the rest of collabscope uses for a short venue name. */
export function venueDisplayName(short: string): string {
  return venueFromFileName(`${short}2000.json`).venue ?? short.toUpperCase();
}

const require = createRequire(import.meta.url);
let localeLoaded = false;

/** An English country name for an ISO alpha-2 code, short and without commas ("China", "South Korea"). */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  const text = code.trim();
  if (!/^[A-Za-z]{2}$/.test(text)) return text || null; // already a name
  if (!localeLoaded) {
    countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
    localeLoaded = true;
  }
  const upper = text.toUpperCase();
  const alias = countries.getName(upper, 'en', { select: 'alias' });
  const official = countries.getName(upper, 'en', { select: 'official' });
  for (const name of [alias, official]) if (name && !name.includes(',') && name.length > 3) return name;
  return official ? official.split(',')[0].trim() : upper;
}

/** A title reduced for matching across sources: no accents, markup, case or punctuation. */
export function normalizeTitle(title: string): string {
  return title
    .replace(/<[^>]+>/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
