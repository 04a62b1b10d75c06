// Legal forms of companies (ISO 20275 Entity Legal Forms, data/resolve/legal-forms.json): a name the
// resolver left without a country whose legal form exists in exactly one jurisdiction ("Zorbex Sp. z
// o.o.", "Zorbex K.K.") is a company there; a form several jurisdictions use ("GmbH", "Inc.", "Co.,
// Ltd.") says only that the name is a company. A legal form alone is never an institution.
import { join } from 'node:path';
import type { Affiliation } from '../types.js';
import { loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import { RESOLVE_DATA_DIR } from './data.js';
import { notes } from './text-parts.js';
import { nameKey } from './normalize.js';
import { isSeatHead } from './head-words.js';

/** Confidence of a country read from a legal form alone. */
export const LEGAL_FORM_CONFIDENCE = 0.5;

/** zod only to check the table when its checked form is not cached (kb/load.ts). */
const zod = await lazyModule<typeof import('../zod.js')>('../zod.js', import.meta.url, () => import('../zod.js'));
const schema = () => {
  const { z } = zod();
  const form = z
    .object({
      spellings: z.array(z.string().min(2)).min(1),
      name: z.string().min(2),
      countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
      sector: z.literal('nonprofit').optional(),
      direct: z.literal(true).optional(),
    })
    .strict();
  return z.object({ _doc: z.string(), source: z.string(), forms: z.array(form).min(1) }).strict();
};

export interface LegalForm {
  spellings: string[];
  /** The form's local name in the ELF list. */
  name: string;
  /** Jurisdictions (ISO 3166-1 alpha-2) whose law provides the form. */
  countries: string[];
  /** An association's, a charity's or a foundation's form (e.V., VZW, CLG, Stiftung), not a company's. */
  sector?: 'nonprofit';
  /** Initials or an all-capital short form that is also an acronym (K.K., SIA, AB, SA): only right after the name. */
  direct?: true;
}

export interface LegalFormHit {
  /** The spelling as written in the text. */
  written: string;
  form: LegalForm;
  start: number;
  end: number;
}

interface Matcher {
  spelling: string;
  form: LegalForm;
  /** The spelling's words without bounds, sticky: a place it does not match is no start of the pattern. */
  body: RegExp;
  /** The spelling's pattern, sticky, made when first needed (tried only where `body` matches). */
  at: RegExp | null;
}

interface Table {
  source: string;
  matchers: Matcher[];
  /** Every spelling in one pattern, in any case: a text it does not match has no legal form (most texts). */
  any: RegExp;
  /** Every spelling, global, in any case, between the bounds of a spelling matched in capitals: it matches
   *  wherever one spelling's pattern does. */
  starts: RegExp;
}

let table: Table | null = null;

/** The table's forms, for tests and docs. */
export function legalForms(): LegalForm[] {
  return loaded().matchers.map((m) => m.form).filter((f, i, all) => all.indexOf(f) === i);
}

/**
 * Not a letter or a digit before or after a spelling. Every pattern is compiled without the `i` flag,
 * each letter written as the class of its cases instead (caseBlind): V8 is slow to compile case-blind
 * Unicode matching (about 100 ms for one pattern of all spellings, 1 to 2 ms for each spelling's own, paid
 * again each time it drops the compiled code of a pattern left idle), and a legal form is looked for in
 * few texts of a run. What was a case-blind bound is the same bound with U+0345, the one character
 * neither a letter nor a digit that folds to one (a test checks every code point).
 */
const BOUND = '[\\p{L}\\p{N}]';
const BOUND_ANY_CASE = '[\\p{L}\\p{N}\\u0345]';

function loaded(): Table {
  if (!table) {
    const data = loadDataFile(join(RESOLVE_DATA_DIR, 'legal-forms.json'), schema);
    const matchers: Matcher[] = [];
    const spellings: string[] = [];
    for (const form of data.forms) {
      for (const spelling of form.spellings) {
        const body = spellingBody(spelling, capitalsOnly(spelling) ? escape : caseBlind);
        matchers.push({ spelling, form, body: new RegExp(body, 'yu'), at: null });
        spellings.push(spellingBody(spelling, caseBlind));
      }
    }
    // the same spellings between the same boundaries, case ignored: it matches wherever one of them does
    const any = new RegExp(`(?<!${BOUND_ANY_CASE})(?:${spellings.join('|')})(?!${BOUND_ANY_CASE})`, 'u');
    const starts = new RegExp(`(?<!${BOUND})(?:${spellings.join('|')})(?!${BOUND})`, 'gu');
    table = { source: data.source, matchers, any, starts };
  }
  return table;
}

const SINGLE_LETTERS = /^(?:\p{L}\.\s?)+\p{L}?\.?$/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Characters that fold to the same letter as another that is not its lower or upper case (Kelvin, long s, Angstrom). */
const OTHER_CASES: Record<string, string> = { k: '\u212a', s: '\u017f', å: '\u212b' };

/** What a spelling's character matches in any case: a letter as the class of every character `i` would let
 *  it match (each candidate checked by a one-letter case-blind pattern), anything else escaped. */
export function caseBlind(c: string): string {
  if (!/^\p{L}$/u.test(c)) return escape(c);
  let written = caseClasses.get(c);
  if (written === undefined) {
    const lower = c.toLowerCase();
    const candidates = new Set([c, lower, c.toUpperCase(), lower.toUpperCase(), OTHER_CASES[lower] ?? c]);
    const same = new RegExp(`^${c}$`, 'iu');
    const cases = [...candidates].filter((x) => [...x].length === 1 && same.test(x));
    written = cases.length === 1 ? cases[0] : `[${cases.join('')}]`;
    caseClasses.set(c, written);
  }
  return written;
}
const caseClasses = new Map<string, string>();

/**
 * A spelling as a pattern: single letters with dots ("K.K.", "S.A.", "e.V.") keep their dots (the last
 * one optional), so that "KK" or "EV" are no legal form; other words may drop their dots and spaces
 * ("Sp z oo", "Pte Ltd", "Co.,Ltd."). A spelling in capitals without dots ("AS", "AG", "OOO") is matched
 * in capitals only ("as" and "ag" are words); the rest in any case. `flag`: 'g' to search, 'y' to try one place.
 */
function spellingPattern(spelling: string, flag: 'g' | 'y' = 'g'): RegExp {
  return capitalsOnly(spelling)
    ? new RegExp(`(?<!${BOUND})${spellingBody(spelling)}(?!${BOUND})`, `${flag}u`)
    : new RegExp(`(?<!${BOUND_ANY_CASE})${spellingBody(spelling, caseBlind)}(?!${BOUND_ANY_CASE})`, `${flag}u`);
}

/** A spelling matched in capitals only (spellingPattern). */
function capitalsOnly(spelling: string): boolean {
  return /^[\p{Lu}\s&/-]+$/u.test(spelling) && /\p{Lu}{2}/u.test(spelling);
}

/** The pattern of a spelling's words, without its boundaries (spellingPattern); `literal` writes one character. */
function spellingBody(spelling: string, literal: (c: string) => string = escape): string {
  const parts = spelling.split(/\s+/).map((word) => {
    if (SINGLE_LETTERS.test(word)) {
      const letters = [...word.replace(/[.\s]/g, '')];
      return letters.map((l, i) => literal(l) + (i < letters.length - 1 ? '\\.\\s?' : '\\.?')).join('');
    }
    return [...word].map((c) => (c === '.' ? '\\.?' : c === ',' ? ',?' : c === '/' ? '\\s?/\\s?' : literal(c))).join('');
  });
  return parts.join('[\\s,]*');
}

/** Segment breaks: a legal form ends the name of its segment. */
const SEGMENT_BREAK = /[,;()[\]|]/;

/**
 * The legal forms a text ends a name with: a spelling of the table with a name before it (through at
 * most one comma: "Zorbex, Inc.") and nothing but dots or spaces after it up to the next segment break.
 * The longest spelling wins where several overlap ("Co., Ltd." over "Ltd."; "S.A. de C.V." over "S.A.").
 */
export function legalFormsIn(text: string): LegalFormHit[] {
  const found: LegalFormHit[] = [];
  const { matchers, any, starts } = loaded();
  // a spelling's pattern can only match where `starts` does: most texts have no such place, and those
  // that do are asked `any` as before; each pattern is then tried at those places alone (sticky), in the
  // order a global search of its own would meet them, instead of searching the whole text with each
  const positions = startPositions(starts, text);
  if (positions.length === 0 || !any.test(text)) return found;
  for (const matcher of matchers) {
    const { body, form } = matcher;
    let from = 0;
    for (const position of positions) {
      if (position < from) continue;
      // the words first (a pattern of letters is quick to compile), the bounds only where they match
      body.lastIndex = position;
      if (!body.test(text)) continue;
      const at = (matcher.at ??= spellingPattern(matcher.spelling, 'y'));
      at.lastIndex = position;
      const m = at.exec(text);
      // (a place inside a surrogate pair is no start: should the engine step back, that start is tried on its own)
      if (!m || m.index !== position) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        from = position + 1;
        continue;
      }
      from = end;
      if (endsName(text, start, end, form.direct === true)) found.push({ written: m[0], form, start, end });
    }
  }
  return longestFirst(found);
}

/** The same hits by searching the whole text with each spelling's case-blind pattern (`i` flag), as
 *  legalFormsIn did before: the reference its tests compare it with. */
export function legalFormsBySearch(text: string): LegalFormHit[] {
  const found: LegalFormHit[] = [];
  const { matchers, any } = (reference ??= referenceTable());
  if (!any.test(text)) return found;
  for (const { pattern, form } of matchers) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (endsName(text, start, end, form.direct === true)) found.push({ written: m[0], form, start, end });
    }
  }
  return longestFirst(found);
}

let reference: { matchers: Array<{ pattern: RegExp; form: LegalForm }>; any: RegExp } | undefined;

/** The patterns as they were: the `i` flag, and \p{L} bounds (case-blind for the spellings in any case). */
function referenceTable(): NonNullable<typeof reference> {
  const matchers: Array<{ pattern: RegExp; form: LegalForm }> = [];
  const bodies: string[] = [];
  for (const form of legalForms()) {
    for (const spelling of form.spellings) {
      const capitals = capitalsOnly(spelling);
      matchers.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${spellingBody(spelling)}(?![\\p{L}\\p{N}])`, capitals ? 'gu' : 'giu'), form });
      bodies.push(spellingBody(spelling));
    }
  }
  return { matchers, any: new RegExp(`(?<![\\p{L}\\p{N}])(?:${bodies.join('|')})(?![\\p{L}\\p{N}])`, 'iu') };
}

/** The longest spelling where several overlap, then in text order. */
function longestFirst(found: LegalFormHit[]): LegalFormHit[] {
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: LegalFormHit[] = [];
  for (const hit of found) if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  return kept.sort((a, b) => a.start - b.start);
}

/** Every position (ascending) where the global pattern matches, overlapping matches included. */
function startPositions(pattern: RegExp, text: string): number[] {
  const out: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push(m.index);
    pattern.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
  }
  return out;
}

function endsName(text: string, start: number, end: number, direct: boolean): boolean {
  // after: only dots or spaces up to the next segment break (or the end)
  let i = end;
  while (i < text.length && !SEGMENT_BREAK.test(text[i])) {
    if (!/[\s.]/.test(text[i])) return false;
    i++;
  }
  // a closing parenthesis of the form itself ("UG (haftungsbeschränkt)") is part of it, so look before it only
  let before = text.slice(0, start).replace(/\s+$/, '');
  if (before.endsWith(',')) {
    // "Zorbian Institute of Automation, SIA", "Zorbex Labs, K.K.": after a comma such a form is an acronym or initials
    if (direct) return false;
    before = before.slice(0, -1).replace(/\s+$/, '');
  }
  const name = before.split(/[,;()[\]|]/).pop() ?? '';
  // "Zorbian Institute SA": nor after a university's, an institute's or a lab's name
  if (direct && hasInstitutionWord(name, true)) return false;
  return /[\p{L}\p{N}.&)]$/u.test(before) && /\p{L}/u.test(before.split(/[;()[\]|]/).pop() ?? '');
}

/** Institute words beside the seat heads (university, college, hospital...): a text with one names no company. */
const INSTITUTE_WORDS = new Set(['institute', 'institut', 'instituto', 'istituto', 'instytut', 'academy', 'akademie', 'academia', 'school']);

/** Whether a text has a university, college, hospital or institute word (with `labs`: also a laboratory's). */
function hasInstitutionWord(text: string, labs = false): boolean {
  return nameKey(text)
    .split(' ')
    .some((w) => isSeatHead(w) || INSTITUTE_WORDS.has(w) || (labs && w === 'laboratory'));
}

/** The one country the text's legal forms give, or null (none, shared forms, or forms of different countries). */
export function legalFormCountry(hits: LegalFormHit[]): string | null {
  if (hits.length === 0 || hits.some((h) => h.form.countries.length !== 1)) return null;
  const countries = new Set(hits.map((h) => h.form.countries[0]));
  return countries.size === 1 ? hits[0].form.countries[0] : null;
}

/**
 * An affiliation the resolver left without a country, read by its legal form: placed (method
 * `legal-form`, confidence 0.5) when the form exists in one jurisdiction only. The form's sector (a
 * company, or a non-profit for e.V., VZW, CLG, Stiftung...) is set only where the resolver gave none and
 * the text has no university, college, hospital or institute word ("Zorbian Research Institute e.V." is
 * placed in Germany, its sector left open). A name the resolver did not take apart from its form
 * ("Zorbex Solutions (Pty) Ltd") is the text before the form. Anything else (resolved, or naming no
 * institution, e.g. a legal form alone) is returned as is.
 */
export function placeByLegalForm(affiliation: Affiliation): Affiliation {
  if (affiliation.method !== 'unresolved' || affiliation.country !== null) return affiliation;
  const hits = legalFormsIn(affiliation.raw);
  if (hits.length === 0) return affiliation;
  const institution = affiliation.institution ?? nameBefore(affiliation.raw, hits[hits.length - 1]);
  if (institution === null) return affiliation;
  const { source } = loaded();
  const described = hits.map((h) => `'${h.written.trim()}' (${h.form.name}: ${h.form.countries.join(', ')})`).join(', ');
  const country = legalFormCountry(hits);
  const kind = hits.every((h) => h.form.sector === 'nonprofit') ? 'nonprofit' : 'company';
  const sector = affiliation.sector ?? (hasInstitutionWord(affiliation.raw) ? null : kind);
  const what = kind === 'nonprofit' ? 'a non-profit body' : 'a company';
  if (country) {
    const placed: Affiliation = {
      ...affiliation,
      institution,
      country,
      sector,
      confidence: LEGAL_FORM_CONFIDENCE,
      method: 'legal-form',
      evidence: [...affiliation.evidence, `legal form ${described} is provided only by ${country}'s law (${source}; data/resolve/legal-forms.json)`],
    };
    delete placed.reason;
    return keepNote(affiliation, placed);
  }
  return keepNote(affiliation, {
    ...affiliation,
    institution,
    sector,
    evidence: [...affiliation.evidence, `legal form ${described}: ${what}, but the form does not decide one country (${source})`],
  });
}

/** The name a legal form ends, with the form: the text from the segment break before it to its end. */
function nameBefore(text: string, hit: LegalFormHit): string | null {
  const before = text.slice(0, hit.start);
  const from = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('|')) + 1;
  const name = text.slice(from, hit.end).trim();
  return /\p{L}/u.test(text.slice(from, hit.start)) ? name : null;
}

/** The author-level rules' note on the original answer goes with its copy. */
function keepNote(from: Affiliation, to: Affiliation): Affiliation {
  const n = notes.get(from);
  if (n) notes.set(to, n);
  return to;
}
