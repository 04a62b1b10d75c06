// Input hygiene shared by every source format: scraped text carries HTML entities ("Xi&#x27;an"),
// literal escape sequences ("Universit\xe4t", "\u00e9") and placeholders ("None", "N/A") where an
// affiliation is missing. Text fields are decoded when read (before any splitting at ';' or '+', so an
// entity's ';' never cuts a name); placeholder affiliations are dropped and counted as warnings, never
// handed to the resolver.
import type { RawAuthor } from '../types.js';
import type { SourceWarning } from './common.js';
import { lazyModule } from '../lazy-module.js';

/** The entity decoder (its tables) only for a text that has an entity: most inputs have none. */
const entities = await lazyModule<typeof import('entities/decode')>('entities/decode', import.meta.url, () => import('entities/decode'));

const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const ESCAPE = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\})/;
const ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2})+|(?:\\u[0-9a-fA-F]{4})+|\\u\{([0-9a-fA-F]{1,6})\}/g;

/** Rounds of entity decoding at most (each undoes one encoding). */
const MAX_ENTITY_PASSES = 8;

/**
 * HTML entities with their ';' (named and numeric, also encoded several times over, "&amp;amp;#x27;"; "AT&T", "a=1&lt=2" stay) and literal \xNN, \uNNNN and
 * \u{N} escapes decoded. A run of \xNN bytes that is valid UTF-8 is read as UTF-8 ("\xc3\xa9" = é),
 * otherwise as Latin-1 ("\xe9" = é). Text without either is returned as it is (the common case).
 */
export function decodeText(text: string): string {
  let out = text;
  if (ESCAPE.test(out)) out = decodeEscapes(out);
  // scrapers encode again on every round trip: "&amp;amp;amp;#x27;" seen; decoded until nothing changes
  for (let pass = 0; pass < MAX_ENTITY_PASSES && ENTITY.test(out); pass++) {
    const decoded = entities().decodeHTMLStrict(out);
    if (decoded === out) break;
    out = decoded;
  }
  return out;
}

function decodeEscapes(text: string): string {
  return text.replace(ESCAPE_RUN, (run: string, braced: string | undefined) => {
    if (braced !== undefined) {
      const code = Number.parseInt(braced, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : run;
    }
    if (run[1] === 'u') {
      const units = run.split('\\u').slice(1).map((h) => Number.parseInt(h, 16));
      return String.fromCharCode(...units);
    }
    const bytes = Uint8Array.from(run.split('\\x').slice(1).map((h) => Number.parseInt(h, 16)));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return String.fromCharCode(...bytes);
    }
  });
}

/** Words that stand where a source had no affiliation: never an institution. */
const PLACEHOLDERS = new Set([
  '', 'none', 'null', 'nil', 'nan', 'undefined', 'n/a', 'na', 'n.a.', 'n.a', 'not available', 'not applicable',
  '-', '--', '---', '?', 'unknown', 'tbd', 'tba', 'to be determined', 'to be announced', 'no affiliation', 'missing',
]);

/** Question marks, dashes, dots or stars alone. */
const MARKS_ALONE = /^[\s?\-–—.*_]+$/u;

/** Characters other than white space in the longest placeholder word: a text with more is none of them. */
const MAX_PLACEHOLDER_CHARS = Math.max(...[...PLACEHOLDERS].map((p) => p.replace(/\s/g, '').length));

/** Whether an affiliation text is a placeholder for a missing one ("None", "N/A", "-", "Unknown", ""). */
export function isPlaceholder(text: string): boolean {
  // most texts are institution names: longer than any placeholder word however their spaces are
  // collapsed, so only the marks-alone rule is left to check (it fails at their first letter)
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/.test(text[i]);
    if (!space && ++visible > MAX_PLACEHOLDER_CHARS) return MARKS_ALONE.test(text);
  }
  // also any run of question marks, dashes, dots or stars alone ("???", "- -", "...")
  return PLACEHOLDERS.has(text.trim().replace(/\s+/g, ' ').toLowerCase()) || MARKS_ALONE.test(text);
}

/**
 * Every format's authors pass here once: affiliation texts decoded (for fields not read through
 * textOrNull), placeholders removed (an author left with none has a missing affiliation) with one
 * warning per non-empty placeholder. The authors are changed in place and returned.
 */
export function cleanAuthors(authors: RawAuthor[], file: string, index: number, warnings: SourceWarning[]): RawAuthor[] {
  for (const author of authors) {
    author.affiliations = cleanTexts(author.affiliations, null, (text) =>
      warnings.push({ file, index, code: 'placeholder-affiliation', message: `affiliation "${text}" of ${author.name} is a placeholder: counted as missing` }),
    );
  }
  return authors;
}

/** Texts decoded and trimmed; placeholders dropped (`placeholder` told of each non-empty one); with `seen`, texts in it skipped and the rest added. */
function cleanTexts(texts: readonly string[], seen: Set<string> | null, placeholder: (text: string) => void): string[] {
  const kept: string[] = [];
  for (const raw of texts) {
    const text = decodeText(raw).trim();
    if (seen) {
      if (text === '' || seen.has(text)) continue;
      seen.add(text);
    }
    if (!isPlaceholder(text)) kept.push(text);
    else if (text !== '') placeholder(text);
  }
  return kept;
}

/**
 * The affiliation texts of slots past the last author (RawPaper.unattributed), cleaned as cleanAuthors
 * cleans an author's: decoded, placeholders dropped (with a warning), and a text the paper's authors
 * already list, or an earlier surplus slot, left out (it adds nothing the paper does not have).
 */
export function cleanUnattributed(texts: readonly string[], authors: readonly RawAuthor[], file: string, index: number, warnings: SourceWarning[]): string[] {
  const seen = new Set<string>();
  for (const author of authors) for (const text of author.affiliations) seen.add(text);
  return cleanTexts(texts, seen, (text) =>
    warnings.push({ file, index, code: 'placeholder-affiliation', message: `affiliation "${text}" (a slot past the last author) is a placeholder: counted as missing` }),
  );
}
