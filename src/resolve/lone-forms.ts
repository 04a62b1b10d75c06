// Short texts written loosely, tried only when nothing else matched: a whole text that is one word in
// lower case spelling a curated acronym ("ustc" for USTC), and "Uni X" / "Uni. of X" / "University X"
// for the curated university named "University of X", "X University" or "Universität X". Each counts
// only when exactly one curated institution fits; confidence as a short form (0.7).
import type { Affiliation } from '../types.js';
import { isSegmentBreak } from './places.js';
import type { Token } from './normalize.js';
import type { NameIndex } from './name-index.js';
import { wordLists } from './word-lists.js';
import { recordAffiliation, type InstRecord } from './records.js';
import { describe } from './context.js';
import { SHORT_FORM_CONFIDENCE } from './short-form.js';

export class LoneForms {
  /** Curated acronyms of three letters or more, lower-cased -> their institutions. */
  private readonly acronyms = new Map<string, InstRecord[]>();

  constructor(
    records: Iterable<InstRecord>,
    private readonly names: NameIndex,
  ) {
    for (const record of records) {
      if (record.source !== 'curated' || !record.country) continue;
      for (const acronym of record.acronyms) {
        if (!/^[A-Z][A-Z0-9]{2,7}$/.test(acronym)) continue;
        const key = acronym.toLowerCase();
        const list = this.acronyms.get(key);
        if (!list) this.acronyms.set(key, [record]);
        else if (!list.includes(record)) list.push(record);
      }
    }
  }

  /** The affiliation a loosely written short text names, or null. */
  resolve(raw: string, tokens: Token[]): Affiliation | null {
    return this.lowerCaseAcronym(raw, tokens) ?? this.looseUniversity(raw, tokens);
  }

  /** "ustc", "cispa": one word in lower case that is one curated institution's acronym (and no generic word). */
  private lowerCaseAcronym(raw: string, tokens: Token[]): Affiliation | null {
    if (tokens.length !== 1) return null;
    const word = tokens[0].surface;
    if (!/^[a-z]{3,8}$/.test(word)) return null;
    const { generic, departments, fields, noInstitution } = wordLists();
    if (generic.has(word) || departments.has(word) || fields.has(word) || noInstitution.has(word)) return null;
    const found = this.acronyms.get(word);
    if (!found || found.length !== 1) return null;
    const record = found[0];
    return recordAffiliation(raw, record, 'acronym', SHORT_FORM_CONFIDENCE, [
      `'${word}' is the acronym ${word.toUpperCase()} written in lower case, one curated institution's -> ${describe(record)} [${record.origin}]`,
    ]);
  }

  /** "Uni Potsdam", "Uni. of Zorbe", "University Zorbe": the one curated university so named in a usual form. */
  private looseUniversity(raw: string, tokens: Token[]): Affiliation | null {
    if (tokens.length < 2 || tokens.length > 4) return null;
    const head = tokens[0];
    if (!/^(uni|university|universitat|universite|universita)$/.test(head.norm)) return null;
    let rest = tokens.slice(1);
    if (rest[0].norm === 'of') rest = rest.slice(1);
    if (rest.length === 0 || rest.length > 2 || rest.some((t, i) => !/^\p{Lu}/u.test(t.surface) || (i > 0 && isSegmentBreak(t.gapBefore)))) return null;
    const x = rest.map((t) => t.norm).join(' ');
    const found = new Map<string, InstRecord>();
    for (const key of [`university of ${x}`, `${x} university`, `universitat ${x}`, `universite ${x}`, `universita ${x}`, `university ${x}`]) {
      for (const record of this.names.lookupName(key)) {
        if (record.source === 'curated' && record.sector === 'education' && record.country) found.set(record.key, record);
      }
    }
    if (found.size !== 1) return null;
    const record = [...found.values()][0];
    return recordAffiliation(raw, record, 'alias', SHORT_FORM_CONFIDENCE, [
      `'${raw.trim()}' reads as the university of '${rest.map((t) => t.surface).join(' ')}', one curated university so named -> ${describe(record)} [${record.origin}]`,
    ]);
  }
}
