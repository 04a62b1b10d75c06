// Short forms of well-known universities: a text that is one distinctive word ("Tsinghua", "Duke"),
// or "U <word>" ("U Washington"), names the curated university whose name is that word with
// "University" before or after it, when exactly one curated university is so named. A mechanism over
// the curated base, not a list of short forms: every curated "<W> University" / "University of <W>"
// gets one, and a word two universities share ("Washington") names neither.
import type { Affiliation } from '../types.js';
import type { Token } from './normalize.js';
import type { NameIndex } from './name-index.js';
import { recordAffiliation, type InstRecord } from './records.js';
import { describe } from './context.js';

/** Confidence of a short form: below a written name, above a place alone. */
export const SHORT_FORM_CONFIDENCE = 0.7;

/** The single curated university a one-word text stands for, or null. */
export function shortFormRecord(names: NameIndex, tokens: Token[]): { record: InstRecord; word: string } | null {
  let words = tokens;
  let universityPrefix = false;
  if (words.length === 2 && /^(U|Univ)\.?$/.test(words[0].surface)) {
    universityPrefix = true;
    words = words.slice(1);
  }
  if (words.length !== 1) return null;
  const word = words[0];
  if (word.norm.length < 4 || /\d/.test(word.norm) || (!/^\p{Lu}/u.test(word.surface) && word.surface !== word.surface.toLowerCase())) return null;
  const keys = universityPrefix ? [`university of ${word.norm}`] : [`${word.norm} university`, `university of ${word.norm}`];
  const found = new Map<string, InstRecord>();
  for (const key of keys) {
    for (const record of names.lookupName(key)) {
      if (record.source === 'curated' && record.sector === 'education' && record.country) found.set(record.key, record);
    }
  }
  if (found.size !== 1) return null;
  return { record: [...found.values()][0], word: word.surface };
}

export function shortFormAffiliation(raw: string, found: { record: InstRecord; word: string }): Affiliation {
  const { record, word } = found;
  return recordAffiliation(raw, record, 'alias', SHORT_FORM_CONFIDENCE, [
    `short form '${raw.trim()}': '${word}' is the distinctive word of the one curated university so named -> ${describe(record)} [${record.origin}]`,
  ]);
}
