// Paper Copilot paper lists: the papercopilot/paperlists GitHub repository keeps one JSON array per
// venue and year at <folder>/<folder><year>.json (nips/nips2024.json, iclr/iclr2025.json...), served raw
// by raw.githubusercontent.com. Written out as served: the local Paper Copilot adapter reads it.
import { parsePaperCopilot } from '../sources/papercopilot.js';
import { CollabscopeError } from '../errors.js';
import { rebase } from './http.js';
import { shortVenue, venueDisplayName, type FetchContext, type FetchResult } from './common.js';

export const PAPERCOPILOT_ORIGIN = 'https://raw.githubusercontent.com';
const REPO_PATH = '/papercopilot/paperlists/main';

/** The repository's folder for a venue: NeurIPS lives under its old name, `nips`. */
export function paperCopilotFolder(venue: string): string {
  const short = shortVenue(venue);
  return short === 'neurips' ? 'nips' : short;
}

export function paperCopilotUrl(venue: string, year: number, baseUrl?: string | null): string {
  const folder = paperCopilotFolder(venue);
  return rebase(`${PAPERCOPILOT_ORIGIN}${REPO_PATH}/${folder}/${folder}${year}.json`, baseUrl);
}

export async function fetchPaperCopilot(ctx: FetchContext): Promise<FetchResult> {
  const venue = shortVenue(ctx.venue);
  const folder = paperCopilotFolder(venue);
  const url = paperCopilotUrl(venue, ctx.year, ctx.baseUrl);
  const fileName = `${folder}${ctx.year}.json`;
  const response = await ctx.client.getJsonResponse<unknown[]>(url, { allow404: true }, (v) => (Array.isArray(v) ? null : 'expected a JSON array of papers'));
  if (!response) {
    throw new CollabscopeError('E_NOT_FOUND', `${url}: not found (Paper Copilot has no list for ${venueDisplayName(venue)} ${ctx.year})`);
  }
  const parsed = parsePaperCopilot(response.value, fileName, { venue: venueDisplayName(venue), year: ctx.year });
  const papers = Array.from(parsed.papers);
  const withAffiliations = papers.filter((p) => p.authors.some((a) => a.affiliations.length > 0)).length;
  const notes = [`${papers.length} papers, ${withAffiliations} with at least one affiliation`];
  const notAccepted = parsed.skipped.filter((s) => s.code === 'not-accepted').length;
  if (notAccepted) notes.push(`${notAccepted} records are rejected or withdrawn submissions (analyze leaves them out)`);
  if (papers.length > 0 && withAffiliations === 0) notes.push('this list has no affiliations: countries cannot be resolved from it (try neurips or openreview)');
  return { fileName, data: response.body, records: response.value.length, papers: papers.length, notes };
}
