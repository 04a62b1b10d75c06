// OpenReview API v2 (api2.openreview.net). Accepted submissions of a venue are the notes whose
// content.venueid is the venue id (rejected and withdrawn ones carry .../Rejected_Submission and
// .../Withdrawn_Submission instead): GET /notes?content.venueid=ID&limit=L&offset=O -> {notes, count},
// content values wrapped as {value}. Authors' profiles: GET /profiles?ids=~A,~B -> {profiles}, each
// with content.history[] = {position, start, end, institution: {name, domain, country}}; the entries
// valid in the paper's year give the author's affiliations. Credentials are optional: OPENREVIEW_TOKEN,
// or OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD (POST /login).
import { CollabscopeError } from '../errors.js';
import { rebase, type HttpClient } from './http.js';
import {
  API_PAGE_FRESH_MS,
  countryName,
  isObject,
  shortVenue,
  text,
  toJsonl,
  checkPageCount,
  type FetchContext,
  type FetchResult,
  type WideJsonlRow,
} from './common.js';

export const OPENREVIEW_API = 'https://api2.openreview.net';
export const OPENREVIEW_SITE = 'https://openreview.net';
const NOTES_PAGE = 1000;
const PROFILE_BATCH = 50;

const VENUE_DOMAINS: Record<string, string> = { neurips: 'NeurIPS.cc', iclr: 'ICLR.cc', icml: 'ICML.cc' };

/** NeurIPS: the main conference and the Datasets & Benchmarks track; ICLR, ICML: the conference. */
export function defaultVenueIds(venue: string, year: number): string[] {
  const short = shortVenue(venue);
  const domain = VENUE_DOMAINS[short];
  if (!domain) {
    throw new CollabscopeError('E_BAD_ARGUMENT', `no default OpenReview venue id for "${venue}"; pass --venue-id (e.g. ${short.toUpperCase()}.cc/${year}/Conference)`);
  }
  const ids = [`${domain}/${year}/Conference`];
  if (short === 'neurips') ids.push(`${domain}/${year}/Datasets_and_Benchmarks_Track`);
  return ids;
}

/** "NeurIPS.cc/2025/Conference" -> venue NeurIPS, year 2025, track main. */
export function parseVenueId(id: string): { venue: string; year: number | null; track: string } {
  const parts = id.split('/');
  const venue = parts[0].replace(/\.(cc|org|com|net)$/i, '');
  const yearPart = parts.find((p) => /^(19|20)\d\d$/.test(p));
  const last = parts[parts.length - 1];
  const track = /^conference$/i.test(last)
    ? 'main'
    : /datasets[_ -]and[_ -]benchmarks/i.test(last)
      ? 'datasets-benchmarks'
      : last.toLowerCase().replace(/_track$/, '').replace(/[_\s]+/g, '-');
  return { venue: venue === 'NeurIPS' || /^neurips$/i.test(venue) ? 'NeurIPS' : venue, year: yearPart ? Number(yearPart) : null, track };
}

export interface OpenReviewNote {
  id: string;
  forum?: string;
  content: Record<string, unknown>;
}

export interface HistoryEntry {
  position?: unknown;
  start?: unknown;
  end?: unknown;
  institution?: { name?: unknown; domain?: unknown; country?: unknown } | null;
}

export interface OpenReviewProfile {
  id: string;
  content?: { names?: Array<{ username?: unknown; fullname?: unknown }>; history?: HistoryEntry[] };
}

/** API v2 wraps every content field as {value}; API v1 notes do not. */
function value(field: unknown): unknown {
  return isObject(field) && 'value' in field ? field.value : field;
}

function yearOf(field: unknown): number | null {
  const t = text(field);
  const match = t?.match(/(19|20)\d\d/);
  return match ? Number(match[0]) : null;
}

/**
 * The history entries of a profile valid in a year: those whose start..end span covers it (no end:
 * current). An internship is dropped when another position also covers the year. When none covers
 * it, an entry that ended the year before (work done before a move) is taken. The profile's own order
 * is kept (its owner lists the main position first); one entry per institution.
 */
export function affiliationsInYear(history: HistoryEntry[] | undefined, year: number): HistoryEntry[] {
  const entries = (history ?? []).filter((h) => isObject(h) && isObject(h.institution) && (text(h.institution.name) || text(h.institution.domain)));
  const covers = (h: HistoryEntry, y: number) => (yearOf(h.start) ?? -Infinity) <= y && (yearOf(h.end) ?? Infinity) >= y;
  let chosen = entries.filter((h) => covers(h, year));
  if (chosen.length === 0) chosen = entries.filter((h) => yearOf(h.end) === year - 1);
  const nonIntern = chosen.filter((h) => !/intern/i.test(text(h.position) ?? ''));
  if (nonIntern.length > 0) chosen = nonIntern;
  const seen = new Set<string>();
  return chosen.filter((h) => {
    const key = (text(h.institution!.name) ?? text(h.institution!.domain) ?? '').toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "Tsinghua University, China": the institution's name with its country when the profile gives one. */
export function affiliationText(entry: HistoryEntry): string | null {
  const name = text(entry.institution?.name);
  if (!name) return null;
  const country = countryName(text(entry.institution?.country));
  return country && !name.toLowerCase().endsWith(country.toLowerCase()) ? `${name}, ${country}` : name;
}

async function authHeaders(ctx: FetchContext): Promise<Record<string, string>> {
  const env = ctx.env ?? process.env;
  const token = env.OPENREVIEW_TOKEN?.trim();
  if (token) return { authorization: `Bearer ${token.replace(/^Bearer\s+/i, '')}` };
  const id = env.OPENREVIEW_USERNAME?.trim();
  const password = env.OPENREVIEW_PASSWORD;
  if (!id || !password || ctx.client.offline) return {};
  const answer = await ctx.client.postJson<{ token?: unknown }>(rebase(`${OPENREVIEW_API}/login`, ctx.baseUrl), { id, password });
  const loginToken = text(answer.token);
  if (!loginToken) throw new CollabscopeError('E_HTTP', 'OpenReview login answered without a token; check OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD');
  return { authorization: `Bearer ${loginToken}` };
}

export async function fetchVenueNotes(ctx: FetchContext, venueId: string, headers: Record<string, string>): Promise<OpenReviewNote[]> {
  const { client } = ctx;
  const limit = ctx.pageSize ?? NOTES_PAGE;
  const notes: OpenReviewNote[] = [];
  client.progress.start(`OpenReview ${venueId}`, null, 'items');
  for (let offset = 0, pages = 1; ; pages++) {
    checkPageCount(pages, `OpenReview ${venueId}`);
    const url = rebase(`${OPENREVIEW_API}/notes?content.venueid=${encodeURIComponent(venueId)}&limit=${limit}&offset=${offset}`, ctx.baseUrl);
    const page = (await client.getJson<{ notes: OpenReviewNote[]; count?: number }>(url, { headers, freshForMs: API_PAGE_FRESH_MS }, (v) =>
      isObject(v) && Array.isArray(v.notes) ? null : 'expected an object with "notes"',
    ))!;
    notes.push(...page.notes.filter((n) => isObject(n) && isObject(n.content)));
    offset += page.notes.length;
    client.progress.update(notes.length, typeof page.count === 'number' ? page.count : null);
    if (page.notes.length < limit || (typeof page.count === 'number' && offset >= page.count)) break;
  }
  client.progress.stop();
  return notes;
}

export async function fetchProfiles(client: HttpClient, ids: string[], ctx: FetchContext, headers: Record<string, string>): Promise<Map<string, OpenReviewProfile>> {
  const byId = new Map<string, OpenReviewProfile>();
  const unique = [...new Set(ids)].sort();
  const batch = ctx.pageSize ? Math.min(ctx.pageSize, PROFILE_BATCH) : PROFILE_BATCH;
  client.progress.start('OpenReview profiles', unique.length, 'items');
  for (let i = 0; i < unique.length; i += batch) {
    const slice = unique.slice(i, i + batch);
    const url = rebase(`${OPENREVIEW_API}/profiles?ids=${slice.map(encodeURIComponent).join(',')}`, ctx.baseUrl);
    const page = (await client.getJson<{ profiles: OpenReviewProfile[] }>(url, { headers, freshForMs: API_PAGE_FRESH_MS }, (v) =>
      isObject(v) && Array.isArray(v.profiles) ? null : 'expected an object with "profiles"',
    ))!;
    for (const profile of page.profiles) {
      if (!isObject(profile)) continue;
      // A profile answers for its own id and every username it has had (merged profiles).
      const names = [profile.id, ...(profile.content?.names ?? []).map((n) => text(n?.username))];
      for (const name of names) if (name) byId.set(name, profile);
    }
    client.progress.update(Math.min(i + batch, unique.length));
  }
  client.progress.stop();
  return byId;
}

export function noteToRow(note: OpenReviewNote, venueId: string, year: number, profiles: Map<string, OpenReviewProfile>): WideJsonlRow {
  const c = note.content;
  const names = (value(c.authors) as unknown[] | undefined) ?? [];
  const ids = (value(c.authorids) as unknown[] | undefined) ?? [];
  const { venue, track } = parseVenueId(venueId);
  const authors = names.map((rawName, i) => {
    const id = text(ids[i]);
    const profile = id ? profiles.get(id) : undefined;
    const entries = profile ? affiliationsInYear(profile.content?.history, year) : [];
    const emailDomain = id?.includes('@') ? id.split('@').pop()!.toLowerCase() : null;
    return {
      name: text(rawName) ?? '',
      affiliations: entries.map(affiliationText).filter((a): a is string => a !== null),
      email_domain: text(entries[0]?.institution?.domain)?.toLowerCase() ?? emailDomain,
      ...(id && id.startsWith('~') ? { ids: [profile?.id ?? id] } : {}),
    };
  });
  const keywords = value(c.keywords);
  const forum = text(note.forum) ?? note.id;
  return {
    id: note.id,
    title: text(value(c.title)) ?? '',
    venue,
    year,
    abstract: text(value(c.abstract)),
    track,
    status: text(value(c.venue)),
    topic: text(value(c.primary_area)),
    keywords: Array.isArray(keywords) ? keywords.map((k) => String(k).trim()).filter(Boolean) : [],
    url: `${OPENREVIEW_SITE}/forum?id=${forum}`,
    authors,
  };
}

export function openReviewFileName(venue: string, year: number): string {
  return `${shortVenue(venue)}${year}-openreview.jsonl`;
}

export async function fetchOpenReview(ctx: FetchContext): Promise<FetchResult> {
  const venueIds = ctx.venueIds?.length ? ctx.venueIds : defaultVenueIds(ctx.venue ?? 'neurips', ctx.year);
  const headers = await authHeaders(ctx);
  const notes: string[] = [];
  const perVenue: Array<{ venueId: string; notes: OpenReviewNote[] }> = [];
  for (const venueId of venueIds) {
    const found = await fetchVenueNotes(ctx, venueId, headers);
    notes.push(
      found.length
        ? `${venueId}: ${found.length} accepted papers`
        : `${venueId}: no accepted papers (a wrong venue id, or a venue run on OpenReview's API v1, which is not read)`,
    );
    perVenue.push({ venueId, notes: found });
  }
  const authorIds = perVenue.flatMap((v) => v.notes.flatMap((n) => ((value(n.content.authorids) as unknown[] | undefined) ?? []).map(text)));
  const profileIds = authorIds.filter((id): id is string => !!id && id.startsWith('~'));
  const profiles = await fetchProfiles(ctx.client, profileIds, ctx, headers);
  const seen = new Set<string>();
  const rows: WideJsonlRow[] = [];
  for (const { venueId, notes: venueNotes } of perVenue) {
    const year = parseVenueId(venueId).year ?? ctx.year;
    for (const note of venueNotes) {
      if (seen.has(note.id)) continue;
      seen.add(note.id);
      rows.push(noteToRow(note, venueId, year, profiles));
    }
  }
  const missingProfiles = new Set(profileIds.filter((id) => !profiles.has(id))).size;
  const authors = rows.flatMap((r) => r.authors);
  const withAffiliation = authors.filter((a) => a.affiliations.length > 0).length;
  notes.push(`${authors.length} authorships, ${withAffiliation} with an affiliation valid in the paper's year`);
  if (missingProfiles) notes.push(`${missingProfiles} author profiles were not returned (deleted, merged or hidden)`);
  const emailOnly = new Set(authorIds.filter((id) => id && !id.startsWith('~'))).size;
  if (emailOnly) notes.push(`${emailOnly} authors have no OpenReview profile (e-mail only): no affiliation`);
  return { fileName: openReviewFileName(ctx.venue ?? parseVenueId(venueIds[0]).venue, ctx.year), data: toJsonl(rows), records: rows.length, papers: rows.length, notes };
}
