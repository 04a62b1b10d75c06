// NeurIPS virtual site: /static/virtual/data/neurips-YYYY-orals-posters.json, an object
// {count, next, previous, results: [event]}. Every track's accepted papers with authors and their
// institutions, topic, keywords, decision and event type; orals and spotlights repeat their poster.
// `next` is followed when the feed is paged; abstracts missing from the events are taken from
// neurips-YYYY-abstracts.json (an object of event id -> abstract) when the site has one.
import { parseNeuripsVirtual } from '../sources/neurips.js';
import { CollabscopeError } from '../errors.js';
import { rebase } from './http.js';
import { checkPageCount, isObject, text, type FetchContext, type FetchResult } from './common.js';

export const NEURIPS_ORIGIN = 'https://neurips.cc';

export function neuripsUrls(year: number, baseUrl?: string | null): { events: string; abstracts: string } {
  const path = `${NEURIPS_ORIGIN}/static/virtual/data/neurips-${year}`;
  return { events: rebase(`${path}-orals-posters.json`, baseUrl), abstracts: rebase(`${path}-abstracts.json`, baseUrl) };
}

export function neuripsFileName(year: number): string {
  return `neurips-${year}-orals-posters.json`;
}

interface VirtualPage {
  count?: unknown;
  next?: unknown;
  results: unknown[];
}

const checkPage = (value: unknown) => (isObject(value) && Array.isArray(value.results) ? null : 'expected an object with "results"');

export async function fetchNeurips(ctx: FetchContext): Promise<FetchResult> {
  const { client, year } = ctx;
  const urls = neuripsUrls(year, ctx.baseUrl);
  const notes: string[] = [];
  client.progress.start(`NeurIPS ${year} events`, null, 'items');
  const first = await client.getJsonResponse<VirtualPage>(urls.events, { allow404: true }, checkPage);
  if (!first) {
    throw new CollabscopeError('E_NOT_FOUND', `${urls.events}: not found (the site publishes the file once the conference schedule is out)`);
  }
  let page = first.value;
  const served = first.body;
  const results: unknown[] = [...page.results];
  const declared = typeof page.count === 'number' ? page.count : null;
  const seen = new Set([urls.events]);
  let pages = 1;
  client.progress.update(results.length, declared);
  while (text(page.next)) {
    // `next` is absolute on the real site; it is followed on the same host (the mirror, under --base-url).
    const next = rebase(new URL(text(page.next)!, urls.events).toString(), ctx.baseUrl ?? new URL(urls.events).origin);
    if (seen.has(next)) throw new CollabscopeError('E_BAD_RECORD', `${next}: the feed pages in a loop`);
    seen.add(next);
    page = (await client.getJson<VirtualPage>(next, {}, checkPage))!;
    results.push(...page.results);
    checkPageCount(++pages, urls.events);
    client.progress.update(results.length, declared);
  }
  client.progress.stop();
  if (declared !== null && declared !== results.length) {
    notes.push(`the feed declares ${declared} records but served ${results.length}`);
  }

  let merged = 0;
  const missing = results.filter((r) => isObject(r) && !text(r.abstract));
  if (missing.length > 0) {
    const abstracts = await client.getJson<Record<string, unknown>>(urls.abstracts, { allow404: true }, (v) => (isObject(v) ? null : 'expected an object of id -> abstract'));
    if (abstracts) {
      for (const record of missing as Array<Record<string, unknown>>) {
        const abstract = text(abstracts[String(record.id)]) ?? text(abstracts[String(record.uid)]);
        if (abstract) {
          record.abstract = abstract;
          merged++;
        }
      }
      if (merged) notes.push(`${merged} abstracts taken from neurips-${year}-abstracts.json`);
    } else {
      notes.push(`${missing.length} records have no abstract and the site has no neurips-${year}-abstracts.json`);
    }
  }

  const file = neuripsFileName(year);
  const parsed = parseNeuripsVirtual(results, file, { venue: 'NeurIPS', year });
  const papers = Array.from(parsed.papers);
  const repeats = parsed.skipped.filter((s) => s.code === 'repeat').length;
  const events = parsed.skipped.filter((s) => s.code === 'not-a-paper').length;
  notes.push(`${results.length} records: ${papers.length} papers, ${repeats} repeated entries of a paper, ${events} other events`);
  // The file as served; a merged file of the same shape when the feed was paged or abstracts were added.
  const data =
    pages === 1 && merged === 0 ? served : `${JSON.stringify({ count: results.length, next: null, previous: null, results })}\n`;
  return { fileName: file, data, records: results.length, papers: papers.length, notes };
}
