// Which of the names found in a text count as mentions: the rules that drop a name found inside a
// longer one (an unknown name's head or tail, a unit's modifier, a compound or local acronym) and a
// generic name beside a specific one. Each reads the tokens around a mention, never the knowledge base.
import { cachedNameKey, nameKey, type Token } from './normalize.js';
import type { InstRecord } from './records.js';
import { isSeatHead } from './head-words.js';
import { wordLists } from './word-lists.js';
import { isCommonWord, isCommonWordsName } from './common-words.js';
import type { Mention } from './name-index.js';

/**
 * A curated name made of generic words ("Computer Vision Center", "National Institute of Informatics")
 * counts only when the text names no other institution: beside one, it is that institution's unit.
 */
export function dropGenericBesideSpecific(mentions: Mention[], index: { isGeneric(key: string): boolean }): Mention[] {
  if (mentions.length < 2) return mentions;
  const generic = mentions.filter((m) => m.via === 'alias' && index.isGeneric(m.key));
  if (generic.length === 0 || generic.length === mentions.length) return mentions;
  return mentions.filter((m) => !generic.includes(m));
}

/**
 * "École Polytechnique Fédérale de Lausanne" must not stop at a shorter university name: a university's
 * name directly followed by a capitalised word that is not generic, not a place and not another
 * institution is the start of a longer, unknown name.
 */
export function isPrefixOfLongerName(m: Mention, tokens: Token[], taken: boolean[], isPlaceName: (key: string) => boolean): boolean {
  if (m.via === 'acronym' || m.end >= tokens.length) return false;
  const next = tokens[m.end];
  if (next.gapBefore !== '' || taken[m.end] || !/^\p{Lu}/u.test(next.surface) || next.surface === next.surface.toUpperCase()) return false;
  if (!m.candidates.every((c) => c.sector === 'education')) return false;
  const { generic, departments, fields } = wordLists();
  const word = next.norm.split(' ')[0];
  if (generic.has(word) || departments.has(word) || fields.has(word)) return false;
  const two = m.end + 1 < tokens.length && tokens[m.end + 1].gapBefore === '' ? `${next.norm} ${tokens[m.end + 1].norm}` : '';
  return !isPlaceName(next.norm) && !(two && isPlaceName(two));
}

/**
 * "Kyungpook National University" must not match a shorter indexed name at its end: a name that
 * starts with a generic word and follows a capitalised non-generic word (no punctuation between) is
 * the tail of a longer, unknown name.
 */
export function isEmbedded(m: Mention, tokens: Token[]): boolean {
  if (m.via === 'acronym' || m.start === 0) return false;
  const first = tokens[m.start];
  if (first.gapBefore !== '') return false;
  const { generic, departments, fields } = wordLists();
  if (!generic.has(first.norm.split(' ')[0])) return false;
  const before = tokens[m.start - 1];
  if (!/^\p{Lu}/u.test(before.surface)) return false;
  if (!generic.has(before.norm) && !departments.has(before.norm) && !fields.has(before.norm)) return true;
  // "Wireless Technology Innovation Institute": a name that starts with a modifier ("Technology"), not a
  // head word, is extended by a field word before it, unless those words are a unit of their own
  // ("Department of Computer Science National University of ...")
  if (!fields.has(before.norm) || UNIT_HEADS.has(first.norm) || departments.has(first.norm)) return false;
  for (let i = m.start - 1; i >= 0; i--) {
    const word = tokens[i].norm;
    if (departments.has(word) || UNIT_HEADS.has(word) || word === 'of' || word === 'for') return false;
    if (tokens[i].gapBefore !== '' || i === 0) break;
  }
  return true;
}

/** Head words of an institution's or a unit's own name: a known name written before one is a word of that name. */
const UNIT_HEADS = new Set([
  'institute', 'institut', 'instituto', 'istituto', 'university', 'universitat', 'universite', 'universidad', 'universita',
  'universidade', 'college', 'school', 'academy', 'hospital', 'polytechnic', 'politecnico',
]);

/**
 * "Meta Robotics Institute, X University", "Stony Brook Institute, Y University", "Queen Square Institute of
 * Neurology": a short name (no head word of its own) that runs, within its segment, into a unit's head
 * word ("Institute", "School", "Center for ...") is a word of that unit's name, when the text names
 * another institution that the unit belongs to.
 */
export function isModifierOfUnitName(m: Mention, tokens: Token[], taken: boolean[]): boolean {
  if (m.via === 'acronym' || m.end >= tokens.length) return false;
  for (let i = m.start; i < m.end; i++) if (UNIT_HEADS.has(tokens[i].norm)) return false;
  const next = tokens[m.end];
  if (next.gapBefore !== '' || !/^\p{Lu}/u.test(next.surface)) return false;
  for (let i = m.end; i < tokens.length && i < m.end + 6; i++) {
    const token = tokens[i];
    if (i > m.end && token.gapBefore !== '' && token.gapBefore !== '-') return false;
    if (taken[i] || token.norm === 'and') return false;
    if (UNIT_HEADS.has(token.norm)) return true;
    if ((token.norm === 'center' || token.norm === 'centre') && (tokens[i + 1]?.norm === 'for' || tokens[i + 1]?.norm === 'of')) return true;
  }
  return false;
}

/** Words that make a phrase a unit's or a lab's own name ("... Lab", "... Group", "Centre for ..."); 'lab(s)' reads 'laboratory'. */
const UNIT_WORDS = new Set([
  ...UNIT_HEADS, 'laboratory', 'group', 'center', 'department', 'unit', 'team', 'division', 'faculty', 'chair', 'program',
  'programme', 'initiative',
]);

/** Same segment: a space or a hyphen between two tokens, no other punctuation. */
const joined = (t: Token) => t.gapBefore === '' || t.gapBefore === '-';

/**
 * "Deep Robotics Lab, X University", "Center for Quantum Systems", "Multi-Modal Labs", "Rebellions and
 * Revolutions Research Centre", "Office for National Statistics of Zorbia": a known name made only of
 * common words (common-words.ts) is a phrase any lab may use; inside a longer institution phrase of its
 * segment it is a word of that phrase, not the company or body the knowledge base knows by it. It counts
 * when it is its segment's whole name, with a legal form or a place after it ("Deep Robotics Co., Ltd.",
 * "Quantum Systems GmbH, Munich"). The longer phrase: "of" and a capitalised word right after it; a unit
 * word later in the segment ("Lab", "Group", "Centre", "Institute", "Team"...; not past an "and" that
 * starts another institution) or a capitalised field or department word right after it ("... Studies");
 * a unit word earlier in it, up to a conjunction ("Institute for ...", "Department of ..."); or an unknown
 * capitalised word glued before it ("Zorbian Quantum Systems", "Multi-Modal Labs"). Names that
 * hold a head word of their own ("Open University") are institution phrases themselves: for them only the
 * "of" rule applies; so do names that are a lab's or a centre's own ("Coordinated Science Lab and
 * Department of ..."): for them no unit word after counts. Which names are loose is the index's answer
 * (`isLoose`, NameIndex.isLooseName): a word the curated base knows as a name on its own ("Adobe" in
 * "Adobe Research") or a place's name ("China" in "China Pacific Insurance") is distinctive, whatever the
 * dictionary says; a one-word name is loose only when the index has it from a company's name without its
 * legal form ("Snap" of "Snap Inc."; test/kb keeps everyday words out of written one-word names).
 */
export function isCommonNameInLongerPhrase(m: Mention, tokens: Token[], taken: boolean[], isLoose: (key: string) => boolean): boolean {
  if (m.via === 'acronym' || !isLoose(m.key)) return false;
  const next = tokens[m.end];
  if (next && next.gapBefore === '' && next.norm === 'of' && tokens[m.end + 1]?.gapBefore === '' && /^\p{Lu}/u.test(tokens[m.end + 1].surface) && !taken[m.end + 1]) return true;
  for (let i = m.start; i < m.end; i++) if (UNIT_HEADS.has(tokens[i].norm)) return false;
  // "Coordinated Science Lab and Department of ...": a name that is itself a lab's or a centre's reads on
  let unitNamed = false;
  for (let i = m.start; i < m.end; i++) if (UNIT_WORDS.has(tokens[i].norm)) unitNamed = true;
  if (!unitNamed) {
    for (let i = m.end; i < tokens.length && joined(tokens[i]); i++) {
      // "Five AI and University of X": "and" before a head word starts another institution
      if (tokens[i].norm === 'and' && UNIT_HEADS.has(tokens[i + 1]?.norm ?? '')) break;
      if (UNIT_WORDS.has(tokens[i].norm)) return true;
    }
    // "... Studies", "... Engineering": a field or department word right after extends the name
    const { fields, departments } = wordLists();
    if (next && next.gapBefore === '' && !taken[m.end] && /^\p{Lu}\p{L}/u.test(next.surface) && (fields.has(next.norm) || departments.has(next.norm))) return true;
  }
  if (m.start > 0 && joined(tokens[m.start])) {
    const before = tokens[m.start - 1];
    // "Zorbian Quantum Systems", "Multi-Modal Labs", "Academic Block": an unknown capitalised word glued
    // before it, or any before a one-word loose name ("Research Squirrel AI" may be a role before a name)
    if (!taken[m.start - 1] && /^\p{Lu}\p{L}/u.test(before.surface) && (tokens[m.start].hyphenated || !isCommonWord(before.norm) || !m.key.includes(' '))) return true;
    for (let i = m.start - 1; i >= 0; i--) {
      // "X University & Pioneer ...": a conjunction joins two institutions
      if (tokens[i].norm === 'and') break;
      if (UNIT_WORDS.has(tokens[i].norm)) return true;
      if (!joined(tokens[i])) break;
    }
  }
  return false;
}

/**
 * "Centre for Cellular and Molecular Biology, X University": a name made only of common words that begins
 * like a unit ("Centre for ...", "Laboratory of ...") is a unit many institutions have; it gives way when
 * another segment of the text names a university, college or hospital (a head word of a body's own name).
 */
export function isUnitOfNamedInstitution(m: Mention, tokens: Token[], isLoose: (key: string) => boolean): boolean {
  if (m.via === 'acronym' || !isUnitShapedCommonName(m.key) || !isLoose(m.key) || spansComma(m, tokens)) return false;
  for (let i = 0; i < tokens.length; i++) if ((i < m.start || i >= m.end) && isSeatHead(tokens[i].norm)) return true;
  return false;
}

/** First words of a unit's own name ("Centre for ...", "Laboratory of ..."), not of a body's (University, Institute, School). */
const UNIT_STARTS = new Set(['center', 'laboratory', 'department', 'unit', 'division', 'group', 'team', 'program', 'programme']);

/**
 * A name made only of common words that begins like a unit ("Centre for Cellular and Molecular Biology",
 * "Laboratory of ..."): many institutions have a unit of that name (isUnitOfNamedInstitution).
 */
export function isUnitShapedCommonName(key: string): boolean {
  // the first two words of three or more, read in place (asked of every mention: no array of words made)
  const first = key.indexOf(' ');
  const second = first < 0 ? -1 : key.indexOf(' ', first + 1);
  if (second < 0) return false;
  const linking = key.slice(first + 1, second);
  return (linking === 'for' || linking === 'of') && UNIT_STARTS.has(key.slice(0, first)) && isCommonWordsName(key);
}

/**
 * "ZJU-UIUC Institute", "RBC-DSAI", "IIT-MIT": an acronym hyphenated to another capitalised word is part
 * of a compound name (a joint institute), not the institution it abbreviates alone.
 */
export function isPartOfCompoundAcronym(m: Mention, tokens: Token[]): boolean {
  if (m.via !== 'acronym') return false;
  const capital = (t: Token | undefined) => !!t && /^[\p{Lu}\d]+$/u.test(t.surface);
  const before = m.start > 0 && tokens[m.start].hyphenated && capital(tokens[m.start - 1]);
  const after = m.end < tokens.length && tokens[m.end].hyphenated && capital(tokens[m.end]);
  // "Universidad XYZ – San Zorbe": an acronym right after a university head word is that university's own name
  const named = m.start > 0 && tokens[m.start].gapBefore === '' && isSeatHead(tokens[m.start - 1].norm);
  return before || after || named;
}

/**
 * "École Polytechnique Fédérale de Lausanne (EPFL)": an acronym in parentheses right after a name spells
 * out which institution that name is; the shorter name found inside it gives way.
 */
export function dropNamesGlossedByAcronyms(mentions: Mention[], tokens: Token[]): Mention[] {
  if (mentions.length < 2) return mentions;
  const dropped = new Set<Mention>();
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1];
    const b = mentions[i];
    if (b.via !== 'acronym' || tokens[b.start].gapBefore !== '(') continue;
    let sameSegment = true;
    for (let t = a.end; t < b.start && sameSegment; t++) sameSegment = !/^[,;|:]$/.test(tokens[t].gapBefore) && tokens[t].gapBefore !== '(';
    // "Max Planck Institute for Software Systems (MPI-SWS)": the acronym may be another source's entry
    // for the same institution (a bulk list's, under the same name)
    const shareRecord = a.candidates.some((c) => b.candidates.includes(c)) || sameName(a.candidates, b.candidates);
    if (sameSegment && !shareRecord) dropped.add(a);
  }
  return mentions.filter((m) => !dropped.has(m));
}

/**
 * "Julius-Maximilians-Universität Würzburg (JMU)": an acronym in parentheses whose letters are the initials
 * of the unknown words before it abbreviates those words, whatever else it may stand for elsewhere.
 */
export function isLocalAbbreviation(m: Mention, tokens: Token[], taken: boolean[]): boolean {
  if (m.via !== 'acronym' || tokens[m.start].gapBefore !== '(') return false;
  const initials: string[] = [];
  const words: string[] = [];
  for (let i = m.start - 1; i >= 0; i--) {
    if (taken[i]) return false;
    initials.unshift(tokens[i].surface[0].toLowerCase());
    words.push(tokens[i].norm);
    if (/^[,;|:()]$/.test(tokens[i].gapBefore)) break;
  }
  // "King Abdullah University for Science and Technology (KAUST)": the words are the institution's own
  if (sharesDistinctiveWord(words, m.candidates)) return false;
  const letters = tokens.slice(m.start, m.end).map((t) => t.surface).join('').toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length < 2 || initials.length < letters.length) return false;
  let at = 0;
  for (const c of initials) if (c === letters[at]) at++;
  return at === letters.length && initials[0] === letters[0];
}

function sameName(a: InstRecord[], b: InstRecord[]): boolean {
  const names = new Set(a.map((r) => cachedNameKey(r.name)));
  return b.some((r) => names.has(cachedNameKey(r.name)));
}

/** Whether a phrase shares a word that is not generic with one of the candidates' names. */
function sharesDistinctiveWord(words: string[], candidates: InstRecord[]): boolean {
  const { generic, fields, departments } = wordLists();
  const distinctive = words.flatMap((w) => w.split(' ')).filter((w) => w.length > 2 && !generic.has(w) && !fields.has(w) && !departments.has(w));
  if (distinctive.length === 0) return false;
  return candidates.some((c) => [c.name, ...c.aliases].some((n) => nameKey(n).split(' ').some((w) => distinctive.includes(w))));
}

export function spansComma(m: Mention, tokens: Token[]): boolean {
  for (let i = m.start + 1; i < m.end; i++) if (tokens[i].gapBefore === ',') return true;
  return false;
}
