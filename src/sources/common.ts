// What every source adapter shares: the result type, warnings, venue/year from a file name.
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import type { RawPaper } from '../types.js';
import { DATA_DIR } from '../kb/load.js';
import { countEncoded, countFffd } from './lines.js';
import { decodeText } from './hygiene.js';

/** A record kept despite a problem, or left out for a stated reason. */
export interface SourceWarning {
  file: string;
  index: number;
  code: string;
  message: string;
}

export interface SourceResult {
  /** Papers in input order; a stream for formats read incrementally (warnings fill as it is read). */
  papers: Iterable<RawPaper>;
  warnings: SourceWarning[];
  /** Records read but not papers (non-paper events, repeated entries of one paper). */
  skipped: SourceWarning[];
}

export interface SourceOptions {
  venue?: string;
  year?: number;
}

export type SourceFormat = 'papercopilot' | 'neurips' | 'csv' | 'jsonl';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['papercopilot', 'neurips', 'csv', 'jsonl'];

let venueNames: Record<string, string> | undefined;
function venueTable(): Record<string, string> {
  venueNames ??= JSON.parse(readFileSync(`${DATA_DIR}/venues.json`, 'utf8')) as Record<string, string>;
  return venueNames;
}

/** Beside a fetched file, `fetch` writes `<file>.collabscope.json`: `{"venue": "NeurIPS", "year": 2025, "source": "neurips"}`. */
export const SIDECAR_SUFFIX = '.collabscope.json';

/** Venue and year of a file: its sidecar when `fetch` wrote one, else the file name. */
export function venueOfFile(path: string): { venue?: string; year?: number } {
  let text: string;
  try {
    text = readFileSync(`${path}${SIDECAR_SUFFIX}`, 'utf8');
  } catch {
    return venueFromFileName(path);
  }
  try {
    const meta = JSON.parse(text) as { venue?: unknown; year?: unknown };
    if (typeof meta.venue === 'string' && meta.venue.trim() && Number.isInteger(meta.year)) return { venue: meta.venue.trim(), year: meta.year as number };
  } catch {
    // fall through to the error below
  }
  throw new CollabscopeError('E_BAD_JSON', `${basename(path)}${SIDECAR_SUFFIX}: not a venue/year sidecar ({"venue": "...", "year": YYYY}); fix or delete it`);
}

/** "nips2018.json" -> NeurIPS 2018; "neurips-2025-orals-posters.json" -> NeurIPS 2025. */
export function venueFromFileName(path: string): { venue?: string; year?: number } {
  const match = /^([a-z]+)[-_ ]?((?:19|20)\d\d)/i.exec(basename(path));
  if (!match) return {};
  const prefix = match[1].toLowerCase();
  return { venue: venueTable()[prefix] ?? match[1].toUpperCase(), year: Number(match[2]) };
}

/** Venue and year from the options, else the sidecar or the file name; an error naming the file when neither says. */
export function venueAndYear(path: string, options: SourceOptions): { venue: string; year: number } {
  const fromName = venueOfFile(path);
  const venue = options.venue ?? fromName.venue;
  const year = options.year ?? fromName.year;
  if (!venue || !year) {
    throw new CollabscopeError(
      'E_BAD_ARGUMENT',
      `${basename(path)}: cannot tell the venue and year from the file name; pass --venue NAME --year YYYY`,
    );
  }
  return { venue, year };
}

export function readJsonFile(path: string): unknown {
  return readJsonSource(path).json;
}

/** The parsed JSON of a file and the warnings of decoding it (invalid UTF-8). A byte-order mark is dropped. */
export function readJsonSource(path: string): { json: unknown; warnings: SourceWarning[] } {
  const { text, warnings } = readTextSource(path);
  try {
    return { json: JSON.parse(text), warnings };
  } catch (error) {
    throw new CollabscopeError('E_BAD_JSON', `${basename(path)}: malformed JSON (${(error as Error).message})`);
  }
}

export function readTextFile(path: string): string {
  return readTextSource(path).text;
}

/** A file's text without a byte-order mark; bytes that are not UTF-8 become U+FFFD and are counted. */
export function readTextSource(path: string): { text: string; warnings: SourceWarning[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return { text, warnings: invalidUtf8Warnings(basename(path), countFffd(text) - countEncoded(bytes)) };
}

/** One warning for a file with byte sequences that are not UTF-8 (each became U+FFFD). */
export function invalidUtf8Warnings(file: string, count: number): SourceWarning[] {
  if (count <= 0) return [];
  return [{ file, index: -1, code: 'invalid-utf8', message: `${count} byte sequence${count === 1 ? ' is' : 's are'} not UTF-8 (replaced by U+FFFD); is the file in another encoding?` }];
}

/**
 * A text field that must be text (or a number): null when absent or empty; an error naming the
 * field and the type found when it is an array, an object or a boolean.
 */
export function textField(value: unknown, field: string, file: string, index: number): string | null {
  if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number') {
    const type = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: ${field} is ${type}, expected text`);
  }
  return textOrNull(value);
}

/** A clear error for a missing or unreadable file before a stream of it starts. */
export function assertReadableFile(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    closeSync(openSync(path, 'r'));
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): CollabscopeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CollabscopeError('E_FILE_NOT_FOUND', `${path}: no such file`);
  if (code === 'EISDIR') return new CollabscopeError('E_FILE_NOT_FOUND', `${path}: is a directory, not a file`);
  return new CollabscopeError('E_FILE_NOT_FOUND', `${path}: cannot read (${code ?? (error as Error).message})`);
}

export function textOrNull(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = decodeText(value).trim();
  return trimmed === '' ? null : trimmed;
}

export function splitList(value: unknown, separator: RegExp = /[;,]/): string[] {
  if (Array.isArray(value)) return value.map((v) => decodeText(String(v)).trim()).filter(Boolean);
  const text = textOrNull(value);
  return text ? text.split(separator).map((v) => v.trim()).filter(Boolean) : [];
}

/**
 * Checks the two things a paper cannot do without. A record with neither a title nor authors is
 * unusable (an error naming the record); one missing only one of them is kept with a warning.
 */
export function checkRecord(
  file: string,
  index: number,
  title: string | null,
  authorCount: number,
  warnings: SourceWarning[],
): string {
  if (!title && authorCount === 0) {
    throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: has neither a title nor authors`);
  }
  if (authorCount === 0) warnings.push({ file, index, code: 'no-authors', message: 'record lists no authors' });
  if (!title) {
    warnings.push({ file, index, code: 'no-title', message: 'record has no title' });
    return '(untitled)';
  }
  return title;
}
