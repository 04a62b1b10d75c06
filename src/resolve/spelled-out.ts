// An unresolved acronym spelled out on the same paper: "ZQL" beside a co-author's "Zorbe Quantum
// Laboratory, Zorbe Academy" is that institution's acronym, as an abbreviation is defined by its long
// form in the same document (Schwartz & Hearst, 2003). Used by the run-level corpus-context pass for
// acronyms the run's other texts do not settle. The paper is the context: an acronym many unrelated
// bodies share ("UW", "IIT", "MSU") reads as the one a co-author names in full, never from other papers.
// The long form is a segment of another affiliation text of the paper (or that text's institution's
// name) whose words' initials, with or without the small linking words ("of", "de", "für"), are the
// acronym's letters; every long form found must name one known institution, the same one, else nothing
// is read (a long form of an institution the base does not know may be what the acronym stands for).
import type { Affiliation, Paper } from '../types.js';
import { allAffiliations } from '../definitions.js';

/** Methods whose answer is a knowledge-base entry named by the text (its id stands for the institution). */
const NAMED = new Set(['alias', 'acronym', 'fuzzy', 'hq-default']);
/** Letters an acronym may have: two ("UW") to eight. */
const MIN_LETTERS = 2;
const MAX_LETTERS = 8;
/** Linking words a long form's acronym usually skips ("Zorbe Institute of Quantum Lore" -> ZIQL). */
const LINKING = new Set([
  'of', 'the', 'and', 'for', 'at', 'in', 'on', 'a', 'an', '&',
  'de', 'del', 'della', 'delle', 'degli', 'dei', 'di', 'da', 'do', 'dos', 'das', 'des', 'du', 'la', 'le', 'les', 'el', 'los', 'las', 'et', 'e', 'y', 'i',
  'und', 'für', 'fur', 'der', 'die', 'den', 'van', 'von', 'voor', 'zu', 'zur', 'zum',
]);
/** Where one long form ends and the next begins inside a text. */
const SEGMENTS = /[,;()[\]|/]|\s[-–—]\s/u;

/** The acronym's letters in capitals ("Z.Q.L." -> "ZQL"), or null when the text is no acronym: one word in capitals. */
export function acronymLetters(raw: string): string | null {
  const word = raw.trim();
  if (word === '' || /\s/u.test(word) || /\p{Ll}/u.test(word) || !/^[\p{Lu}.&-]+$/u.test(word)) return null;
  const letters = word.replace(/[.&-]/g, '');
  return letters.length >= MIN_LETTERS && letters.length <= MAX_LETTERS ? letters : null;
}

/** The initials a long form can be abbreviated by: of every word, and of the words other than linking words. */
export function initialsOf(longForm: string): string[] {
  const words = longForm.split(/[\s-]+/u).filter((w) => /^\p{L}/u.test(w));
  if (words.length < 2) return [];
  const all = words.map((w) => w[0].toLocaleUpperCase('en')).join('');
  const content = words.filter((w) => !LINKING.has(w.toLocaleLowerCase('en'))).map((w) => w[0].toLocaleUpperCase('en')).join('');
  return all === content ? [all] : [all, content];
}

export interface SpelledOut {
  /** The affiliation whose text spells the acronym out (its institution is the reading). */
  example: Affiliation;
  /** The long form that spells it. */
  longForm: string;
}

/**
 * The one institution the paper's other texts spell `acronym` out as, or null (no long form, or long forms
 * naming different institutions). Texts are read in the paper's order; the first long form is quoted.
 */
export function spelledOutOnPaper(candidate: Affiliation, paper: Paper): SpelledOut | null {
  const letters = acronymLetters(candidate.raw);
  if (letters === null) return null;
  let found: SpelledOut | null = null;
  for (const a of allAffiliations(paper)) {
    if (a === candidate || a.raw === candidate.raw) continue;
    const forms = a.raw.split(SEGMENTS).map((s) => s.trim());
    if (a.institution) forms.push(a.institution);
    const longForm = forms.find((form) => initialsOf(form).includes(letters));
    if (longForm === undefined) continue;
    // a long form of no known institution ("University of Zelvar", unresolved) may be what it stands for
    if (a.institutionId === null || a.country === null || !NAMED.has(a.method)) return null;
    if (found && found.example.institutionId !== a.institutionId) return null;
    found ??= { example: a, longForm };
  }
  return found;
}
