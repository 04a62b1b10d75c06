// Short texts written loosely, tried only when nothing else matched: a whole text that is one word in
// lower case spelling a curated acronym ("ustc" for USTC), and "Uni X" / "Uni. of X" / "University X"
// for the curated university named "University of X", "X University" or "Universität X". Each counts
// only when exactly one curated institution fits; confidence as a short form (0.7). And a company
// name with a legal form ("Zorbex Inc") naming a curated company written with another form ("Zorbex
// Ltd") or by its acronym in another case ("Zbx inc" for ZBX), when the form written is one the
// company's country provides: found as a name, placed as any name is, at most at a short form's confidence.
import type { Affiliation } from '../types.js';
import { isSegmentBreak } from './places.js';
import type { Token } from './normalize.js';
import type { NameIndex } from './name-index.js';
import { wordLists } from './word-lists.js';
import { recordAffiliation, type InstRecord } from './records.js';
import { describe } from './context.js';
import { SHORT_FORM_CONFIDENCE } from './short-form.js';
import { legalFormsIn } from './legal-form.js';
import { nameKey } from './normalize.js';
import type { Mention } from './name-index.js';

/** A company name found through its legal form, and what the evidence says of it. */
export interface FormedName {
  mention: Mention;
  evidence: string;
}

/** At most this many words before a legal form: a company's name, not a sentence. */
const MAX_FORMED_WORDS = 4;

export class LoneForms {
  /** Curated acronyms of three letters or more, lower-cased -> their institutions. */
  private readonly acronyms = new Map<string, InstRecord[]>();
  /** Curated companies' names and aliases written with a legal form ("Zorbex Ltd"), without it ("zorbex") -> the companies,
   *  for the cores the name index does not hold itself. */
  private readonly companyCores = new Map<string, InstRecord[]>();
  /** Curated companies whose name is an acronym ("ZBX"), lower-cased -> the companies. */
  private readonly companyAcronymNames = new Map<string, InstRecord[]>();

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
      if (record.sector !== 'company') continue;
      if (/^[A-Z][A-Z0-9]{2,7}$/.test(record.name)) {
        const list = this.companyAcronymNames.get(record.name.toLowerCase());
        if (!list) this.companyAcronymNames.set(record.name.toLowerCase(), [record]);
        else if (!list.includes(record)) list.push(record);
      }
      for (const written of [record.name, ...record.aliases]) {
        const core = nameWithoutForm(written);
        // only the cores the name index leaves out (name-keys.ts withoutLegalForm: under four letters, or a
        // form its short list lacks); the others are matched as names before this is asked
        if (core === null || names.lookupName(core).includes(record)) continue;
        const list = this.companyCores.get(core);
        if (!list) this.companyCores.set(core, [record]);
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

  /**
   * "Zorbex Inc" for the curated "Zorbex Ltd", "Zbx inc" for ZBX: the words before a company's legal form
   * (at most four, in one segment) that are a curated company's name or alias without its own legal form,
   * or one word spelling a curated company's acronym in another case. Exactly one company, or null.
   */
  companyByLegalForm(cleaned: string, tokens: Token[]): FormedName | null {
    for (const hit of legalFormsIn(cleaned)) {
      if (hit.form.sector === 'nonprofit') continue;
      let end = 0;
      while (end < tokens.length && tokens[end].end <= hit.start) end++;
      // back to the first word of the segment the name is in
      let start = end;
      while (start > 0 && end - start <= MAX_FORMED_WORDS) {
        start--;
        if (isSegmentBreak(tokens[start].gapBefore)) break;
      }
      if (end === start || end - start > MAX_FORMED_WORDS || (start > 0 && !isSegmentBreak(tokens[start].gapBefore))) continue;
      // the form written must be one the company's country provides ("X Inc" is no British "X Ltd")
      const fits = (r: InstRecord) => r.sector === 'company' && r.country !== null && hit.form.countries.includes(r.country);
      const words = tokens.slice(start, end);
      const key = words.map((t) => t.norm).join(' ');
      const written = words.map((t) => t.surface).join(' ');
      const form = hit.written.trim();
      const cores = (this.companyCores.get(key) ?? []).filter(fits);
      if (cores.length === 1) {
        return { mention: { start, end, via: 'alias', key, candidates: cores }, evidence: `'${written}' before the legal form '${form}' is the curated company ${describe(cores[0])} written with another legal form` };
      }
      // the company's own name is the acronym ("AMD"), not one of its labs' ("MSR" of Microsoft)
      const acronym = words.length === 1 && /^\p{L}[\p{L}\d]{2,7}$/u.test(words[0].surface) ? (this.companyAcronymNames.get(words[0].surface.toLowerCase()) ?? []).filter(fits) : [];
      if (cores.length === 0 && acronym.length === 1 && words[0].surface !== acronym[0].name) {
        return { mention: { start, end, via: 'acronym', key: written, candidates: acronym }, evidence: `'${written}' before the legal form '${form}' is the acronym of the curated company ${describe(acronym[0])} written in another case` };
      }
    }
    return null;
  }
}

/** A name written with a legal form at its end ("Zorbex Ltd", "Zorbex, Inc."), as a name key without it; else null. */
function nameWithoutForm(written: string): string | null {
  const hits = legalFormsIn(written);
  const last = hits[hits.length - 1];
  if (!last || last.form.sector === 'nonprofit' || /[\p{L}\d]/u.test(written.slice(last.end))) return null;
  const core = nameKey(written.slice(0, last.start).replace(/[\s,]+$/u, ''));
  return core === '' ? null : core;
}
