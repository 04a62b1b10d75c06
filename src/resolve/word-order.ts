// Names written in another word order: "Zorbe National Pedagogical University" for an indexed "National
// Pedagogical University Zorbe", "Institute of Zorbe Studies Kelvar" for "Kelvar Institute of Zorbe
// Studies". A segment whose words, apart from linking words, initials and short forms in capitals, are
// exactly the words of one indexed name (in any order) names it, when the institutions so named are all
// in one country (method `fuzzy`, 0.7). Tried only when nothing else matched; the signatures are built with
// the index (and kept in the prebuilt one).
import type { Token } from './normalize.js';
import { isSegmentBreak } from './places.js';
import type { Mention, NameIndex } from './name-index.js';
import { wordLists } from './word-lists.js';
import { isCommonWord } from './common-words.js';
import type { InstRecord } from './records.js';

/** Ends the key of a mention found in another word order (the evidence says so). */
export const WORD_ORDER_NOTE = ' (words in another order)';

/** Words that only link the others ("of", "de", "für"): left out of a signature. */
const LINKS = new Set(['of', 'the', 'and', 'for', 'de', 'di', 'do', 'da', 'du', 'des', 'del', 'der', 'la', 'le', 'y', 'e', 'et', 'und', 'fur', 'in', 'at', 'named', 'after']);
/** Fewer distinct words than this say too little to match on. */
const MIN_WORDS = 3;

/** The sorted distinct words, when there are enough of them and one is distinctive (not generic, a field or a department word). */
function signature(words: string[]): string | null {
  const kept = new Set<string>();
  for (const word of words) {
    if (!word.includes(' ')) keepWord(kept, word);
    else for (const w of word.split(' ')) keepWord(kept, w);
  }
  if (kept.size < MIN_WORDS) return null;
  const { generic, fields, departments } = wordLists();
  for (const w of kept) if (!generic.has(w) && !fields.has(w) && !departments.has(w) && !/^\d+$/.test(w)) return [...kept].sort().join(' ');
  return null;
}

function keepWord(kept: Set<string>, word: string): void {
  if (word.length > 1 && !LINKS.has(word)) kept.add(word);
}

/** Word signature -> the records its names stand for (null when they are in several countries); built once with the index. */
export function buildWordSignatures(names: NameIndex): Map<string, InstRecord[] | null> {
  const map = new Map<string, InstRecord[] | null>();
  for (const [key, records] of names.aliasEntries()) {
    // the cheap tests first: a signature needs three words (two spaces), and a placed record to stand for
    const space = key.indexOf(' ');
    if (space < 0 || key.indexOf(' ', space + 1) < 0 || !records.some(isPlaced)) continue;
    const sig = signature(key.split(' '));
    if (!sig) continue;
    const placed = records.filter(isPlaced);
    const held = map.get(sig);
    if (held === undefined) map.set(sig, placed);
    else if (held !== null) map.set(sig, held[0].country === placed[0].country && placed.every((r) => r.country === held[0].country) ? held : null);
  }
  return map;
}

function isPlaced(record: InstRecord): boolean {
  return Boolean(record.country) && !record.multinational;
}

/** The initials of the segment's words other than the one at `skip`, linking words left out. */
function initialsOf(tokens: Token[], start: number, end: number, skip: number): string {
  let out = '';
  for (let j = start; j < end; j++) if (j !== skip && !LINKS.has(tokens[j].norm)) out += tokens[j].surface[0]?.toUpperCase() ?? '';
  return out;
}

/**
 * The institution a segment of the text names in another word order, as a mention of that segment
 * (via 'fuzzy'), or null. The caller reads it as any other mention: the text's places still count.
 */
export function wordOrderMention(names: NameIndex, tokens: Token[]): Mention | null {
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && !isSegmentBreak(tokens[i].gapBefore)) continue;
    const words: string[] = [];
    for (let j = start; j < i; j++) {
      // a short form made of the other words' initials ("ZNPU - Zorbe National Pedagogical University") stands beside the name
      const surface = tokens[j].surface;
      if (/^\p{Lu}{3,}$/u.test(surface) && initialsOf(tokens, start, i, j) === surface) continue;
      words.push(tokens[j].norm);
    }
    // words that are all common ("Centre for Cellular and Molecular Biology") name no one body in any order
    const sig = words.every((w) => w.split(' ').every(isCommonWord)) ? null : signature(words);
    const found = sig ? names.wordSignatures.get(sig) : undefined;
    if (found) {
      const curated = found.filter((r) => r.source === 'curated');
      return { start, end: i, via: 'fuzzy', key: `${sig}${WORD_ORDER_NOTE}`, candidates: curated.length ? curated : found.slice(0, 1) };
    }
    start = i;
  }
  return null;
}
