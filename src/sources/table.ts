// Generic tables, CSV or JSONL, in one of two shapes (see README "Input formats"):
//  - long: one row per (paper, author, affiliation): columns paper_id, title, author, affiliation, ...
//  - wide: one row per paper: columns title, authors, affiliations (Paper Copilot conventions), ...
import { basename } from 'node:path';
import { requireLazily } from '../lazy-module.js';
import { CollabscopeError } from '../errors.js';
import type { RawAuthor, RawPaper } from '../types.js';
import { alignSlots, slotCountField, splitAuthorNames, splitInstitutions, unattributedField } from './papercopilot.js';
import { readLines, type LineStats } from './lines.js';
import { cleanAuthors } from './hygiene.js';
import {
  assertReadableFile,
  checkRecord,
  invalidUtf8Warnings,
  readTextSource,
  splitList,
  textField,
  textOrNull,
  venueOfFile,
  type SourceOptions,
  type SourceResult,
  type SourceWarning,
} from './common.js';

type Row = Record<string, unknown>;

/** csv-parse only for CSV inputs. */
const csv = requireLazily<typeof import('csv-parse/sync')>('csv-parse/sync', import.meta.url);

export function readCsv(path: string, options: SourceOptions = {}): SourceResult {
  const file = basename(path);
  let rows: Row[];
  let decodeWarnings: SourceWarning[] = [];
  try {
    const source = readTextSource(path);
    decodeWarnings = source.warnings;
    rows = csv().parse(source.text, { columns: (header: string[]) => header.map(columnName), skip_empty_lines: true, bom: true, relax_column_count: true });
  } catch (error) {
    if (error instanceof CollabscopeError) throw error;
    throw new CollabscopeError('E_BAD_RECORD', `${file}: malformed CSV (${(error as Error).message})`);
  }
  const result = rowsToPapers(rows, file, venueOnce(path), options);
  return { ...result, warnings: [...decodeWarnings, ...result.warnings] };
}

export function readJsonl(path: string, options: SourceOptions = {}): SourceResult {
  const warnings: SourceWarning[] = [];
  const rows = jsonlRows(path, warnings);
  const first = rows.next();
  if (first.done) return { papers: [], warnings, skipped: [] };
  const file = basename(path);
  const fileVenue = venueOnce(path);
  if (isLongRow(first.value.row)) {
    // Long rows must be grouped by paper, which needs them all; wide rows stream one by one.
    const all = [first.value.row, ...Array.from(rows, (r) => r.row)];
    return { papers: longRowsToPapers(all, file, fileVenue, options, warnings), warnings, skipped: [] };
  }
  function* papers(): Generator<RawPaper> {
    yield wideRowToPaper(first.value!.row, file, first.value!.index, fileVenue, options, warnings);
    for (const { row, index } of rows) yield wideRowToPaper(row, file, index, fileVenue, options, warnings);
  }
  return { papers: papers(), warnings, skipped: [] };
}

function* jsonlRows(path: string, warnings: SourceWarning[]): Generator<{ row: Row; index: number }> {
  const file = basename(path);
  assertReadableFile(path);
  let lineIndex = 0;
  let index = 0;
  const stats: LineStats = { invalidUtf8: 0 };
  const columns = new Map<string, string>(); // key -> column name, made once per key (rows repeat them)
  for (const line of readLines(path, undefined, stats)) {
    lineIndex++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CollabscopeError('E_BAD_JSON', `${file}: line ${lineIndex}: malformed JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CollabscopeError('E_BAD_RECORD', `${file}: line ${lineIndex}: not a JSON object`);
    }
    const row: Row = {};
    for (const [key, v] of Object.entries(value)) {
      let name = columns.get(key);
      if (name === undefined) columns.set(key, (name = columnName(key)));
      if (name === '__proto__') Object.defineProperty(row, name, { value: v, enumerable: true, writable: true, configurable: true });
      else row[name] = v;
    }
    yield { row, index: index++ };
  }
  warnings.push(...invalidUtf8Warnings(file, stats.invalidUtf8));
}

function isLongRow(row: Row): boolean {
  return ('author' in row || 'author_name' in row) && !('authors' in row);
}

function columnName(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function rowsToPapers(rows: Row[], file: string, fileVenue: FileVenue, options: SourceOptions): SourceResult {
  const warnings: SourceWarning[] = [];
  const isLong = rows.length > 0 && isLongRow(rows[0]);
  const papers = isLong ? longRowsToPapers(rows, file, fileVenue, options, warnings) : rows.map((row, index) => wideRowToPaper(row, file, index, fileVenue, options, warnings));
  return { papers, warnings, skipped: [] };
}

/** The venue and year of a file from its sidecar or name (venueOfFile), looked up once per file read, not once per row. */
type FileVenue = () => { venue?: string; year?: number };

function venueOnce(path: string): FileVenue {
  let found: { venue?: string; year?: number } | undefined;
  return () => (found ??= venueOfFile(path));
}

function venueYearOf(row: Row, file: string, index: number, fileVenue: FileVenue, options: SourceOptions): { venue: string; year: number } {
  const fromName = fileVenue();
  const venue = options.venue ?? textOrNull(row.venue) ?? fromName.venue;
  const yearText = options.year ?? textOrNull(row.year) ?? fromName.year;
  const year = Number(yearText);
  if (!venue || !Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: no venue/year (add venue and year columns or pass --venue/--year)`);
  }
  return { venue, year };
}

function paperFields(row: Row, file: string, index: number, fileVenue: FileVenue, options: SourceOptions, authors: RawAuthor[], warnings: SourceWarning[]): RawPaper {
  cleanAuthors(authors, file, index, warnings);
  return {
    sourceId: textOrNull(row.paper_id ?? row.id),
    source: { file, index },
    ...venueYearOf(row, file, index, fileVenue, options),
    title: checkRecord(file, index, textField(row.title, 'title', file, index), authors.length, warnings),
    abstract: textOrNull(row.abstract),
    track: textOrNull(row.track),
    status: textOrNull(row.status),
    topic: textOrNull(row.topic ?? row.primary_area),
    keywords: splitList(row.keywords, /;/),
    url: textOrNull(row.url),
    authors,
  };
}

function wideRowToPaper(row: Row, file: string, index: number, fileVenue: FileVenue, options: SourceOptions, warnings: SourceWarning[]): RawPaper {
  const { authors, slotCount, texts } = wideAuthors(row, file, index, warnings);
  // paperFields cleans the authors' texts first: the surplus is compared with what they hold
  const paper = paperFields(row, file, index, fileVenue, options, authors, warnings);
  return { ...paper, ...slotCount, ...(texts ? unattributedField(texts, paper.authors, file, index, warnings) : {}) };
}

/** The row's authors, their slot texts when given apart from them, and `{ affiliationSlots }` when its affiliation slots or lists are not one per author (matched by position). */
function wideAuthors(row: Row, file: string, index: number, warnings: SourceWarning[]): { authors: RawAuthor[]; slotCount: { affiliationSlots?: number }; texts?: string[] } {
  if (Array.isArray(row.authors) && row.authors.some((a) => typeof a === 'object' && a !== null)) {
    const authors = (row.authors as Row[]).map((a) => ({
      name: textOrNull(a.name) ?? '',
      affiliations: Array.isArray(a.affiliations) ? splitList(a.affiliations) : splitInstitutions(textOrNull(a.affiliation ?? a.affiliations) ?? ''),
      emailDomain: textOrNull(a.email_domain),
    }));
    return { authors, slotCount: {} };
  }
  const names = Array.isArray(row.authors) ? splitList(row.authors) : splitAuthorNames(row.authors);
  const texts = Array.isArray(row.affiliations)
    ? (row.affiliations as unknown[]).map((s) => (Array.isArray(s) ? s.join('+') : String(s ?? '')))
    : alignSlots(textOrNull(row.affiliations), names.length, file, index, warnings);
  const slotCount = slotCountField(texts, names.length);
  // a `;` text's mismatch is warned by alignSlots; a JSON array of lists here
  if (slotCount.affiliationSlots !== undefined && Array.isArray(row.affiliations)) {
    warnings.push({ file, index, code: 'slot-count', message: `${texts.length} affiliation lists for ${names.length} authors; matched by position` });
  }
  const domains = splitList(row.email_domains, /;/);
  const authors = names.map((name, i) => ({ name, affiliations: splitInstitutions(texts[i] ?? ''), emailDomain: domains[i] ?? null }));
  return { authors, slotCount, texts };
}

/** Long rows are grouped by paper_id (else title), authors by name in order of first appearance. */
function longRowsToPapers(rows: Row[], file: string, fileVenue: FileVenue, options: SourceOptions, warnings: SourceWarning[]): RawPaper[] {
  const groups = new Map<string, { first: number; rows: Row[] }>();
  rows.forEach((row, index) => {
    const key = textOrNull(row.paper_id ?? row.id) ?? textOrNull(row.title);
    if (!key) throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: neither paper_id nor title`);
    const group = groups.get(key) ?? { first: index, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  });
  return [...groups.values()].map(({ first, rows: paperRows }) => {
    const authors = new Map<string, RawAuthor>();
    for (const row of paperRows) {
      const name = textOrNull(row.author ?? row.author_name);
      if (!name) continue;
      const author = authors.get(name) ?? { name, affiliations: [], emailDomain: textOrNull(row.email_domain) };
      const affiliation = textOrNull(row.affiliation);
      if (affiliation) author.affiliations.push(affiliation);
      authors.set(name, author);
    }
    return paperFields(paperRows[0], file, first, fileVenue, options, [...authors.values()], warnings);
  });
}
