// Paper Copilot paper lists (papercopilot/paperlists): a JSON array of records, one per paper.
// Never reads aff_unique_*, aff_country_*, aff_campus_*: those are Paper Copilot's own labels.
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import type { RawAuthor, RawPaper } from '../types.js';
import {
  checkRecord,
  readJsonSource,
  textField,
  splitList,
  textOrNull,
  venueAndYear,
  type SourceOptions,
  type SourceResult,
  type SourceWarning,
} from './common.js';
import { cleanAuthors, cleanUnattributed } from './hygiene.js';

type PaperCopilotRecord = Record<string, unknown>;

const NOT_ACCEPTED = /^(reject|withdraw|desk[ -]?reject)/i;

export function readPaperCopilot(path: string, options: SourceOptions = {}): SourceResult {
  const { json, warnings } = readJsonSource(path);
  const file = basename(path);
  if (!Array.isArray(json)) {
    throw new CollabscopeError('E_UNKNOWN_FORMAT', `${file}: a Paper Copilot list must be a JSON array of records`);
  }
  const result = parsePaperCopilot(json, file, venueAndYear(path, options));
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

export function parsePaperCopilot(records: unknown[], file: string, venueYear: { venue: string; year: number }): SourceResult {
  const warnings: SourceWarning[] = [];
  const skipped: SourceWarning[] = [];
  const papers: RawPaper[] = [];
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: not a JSON object`);
    }
    // Lists built from OpenReview also carry rejected and withdrawn submissions: not papers of the venue.
    const status = textOrNull((record as PaperCopilotRecord).status);
    if (status && NOT_ACCEPTED.test(status)) {
      skipped.push({ file, index, code: 'not-accepted', message: `status "${status}"` });
      return;
    }
    papers.push(toRawPaper(record as PaperCopilotRecord, file, index, venueYear, warnings));
  });
  return { papers, warnings, skipped };
}

function toRawPaper(
  record: PaperCopilotRecord,
  file: string,
  index: number,
  { venue, year }: { venue: string; year: number },
  warnings: SourceWarning[],
): RawPaper {
  // `author` in most lists; some (nips2023.json) name the field `authors`.
  // Both are one text (`;`-separated): a list or an object there is another format, said in one line
  // rather than read as a paper without authors.
  const names = splitAuthorNames(textField(record.author ?? record.authors, record.author !== undefined ? 'author' : 'authors', file, index));
  const aligned = alignSlots(textField(record.aff ?? record.affs, record.aff !== undefined ? 'aff' : 'affs', file, index), names.length, file, index, warnings);
  const domains = alignSlots(textOrNull(record.aff_domain ?? record.email), names.length, file, index, null);
  const ids = splitList(record.authorids, /;/);
  const authors: RawAuthor[] = names.map((name, i) => ({
    name,
    affiliations: splitInstitutions(aligned[i] ?? ''),
    emailDomain: cleanDomain(domains[i]),
    ...(ids[i] ? { ids: [ids[i]] } : {}),
  }));
  cleanAuthors(authors, file, index, warnings);
  const title = checkRecord(file, index, textField(record.title, 'title', file, index), authors.length, warnings);
  return {
    sourceId: textOrNull(record.id ?? record.pid),
    source: { file, index },
    venue,
    year,
    title,
    abstract: textOrNull(record.abstract),
    track: textOrNull(record.track),
    status: textOrNull(record.status),
    topic: textOrNull(record.primary_area ?? record.topic),
    keywords: splitList(record.keywords, /;/),
    url: textOrNull(record.site ?? record.oa),
    authors,
    ...slotCountField(aligned, names.length),
    ...unattributedField(aligned, authors, file, index, warnings),
  };
}

/** Authors are `;`-separated; lists with a single `;`-free entry use `, ` instead. */
export function splitAuthorNames(value: unknown): string[] {
  const text = textOrNull(value);
  if (!text) return [];
  const separator = text.includes(';') ? ';' : ', ';
  return text.split(separator).map((n) => n.trim()).filter(Boolean);
}

/**
 * Per-author slots of a `;`-separated field. Some lists also use "; " (with a space) inside one
 * author's slot; when plain splitting gives more slots than authors, splitting only on `;` not
 * followed by a space is tried before falling back to position (with a warning).
 */
export function alignSlots(
  text: string | null,
  authorCount: number,
  file: string,
  index: number,
  warnings: SourceWarning[] | null,
): string[] {
  if (!text) return [];
  const plain = text.split(';');
  if (plain.length === authorCount || authorCount === 0) return plain.map((s) => s.trim());
  const tight = text.split(/;(?! )/);
  if (tight.length === authorCount) return tight.map((s) => s.replace(/;\s+/g, ', ').trim());
  warnings?.push({
    file,
    index,
    code: 'slot-count',
    message:
      plain.length > authorCount
        ? `${plain.length} affiliation slots for ${authorCount} authors; matched by position; the last ${plain.length - authorCount} are the paper's, not any author's (which authors hold them cannot be known), less the texts an author already lists`
        : `${plain.length} affiliation slots for ${authorCount} authors; matched by position`,
  });
  return plain.map((s) => s.trim());
}

/** `{ affiliationSlots }` when the source's slots (or lists) are not one per author, else nothing (RawPaper.affiliationSlots). */
export function slotCountField(slots: readonly unknown[], authorCount: number): { affiliationSlots?: number } {
  return slots.length > 0 && authorCount > 0 && slots.length !== authorCount ? { affiliationSlots: slots.length } : {};
}

/**
 * `{ unattributed }`: the institutions of the slots past the last author when the source gives more
 * slots than authors (SIGGRAPH-style lists flatten every author's affiliations into one), kept as the
 * paper's rather than dropped: no author holds them (RawPaper.unattributed). Nothing when there are none.
 */
export function unattributedField(slots: readonly string[], authors: readonly RawAuthor[], file: string, index: number, warnings: SourceWarning[]): { unattributed?: string[] } {
  if (authors.length === 0 || slots.length <= authors.length) return {};
  const texts = cleanUnattributed(slots.slice(authors.length).flatMap(splitInstitutions), authors, file, index, warnings);
  return texts.length > 0 ? { unattributed: texts } : {};
}

/** One author's slot: several institutions are joined by `+`. */
export function splitInstitutions(slot: string): string[] {
  return slot
    .split('+')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function cleanDomain(value: string | undefined): string | null {
  if (!value) return null;
  const domain = value.trim().toLowerCase().replace(/^.*@/, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) ? domain : null;
}
