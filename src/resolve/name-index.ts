// The matcher index: every institution name, alias and acronym as a token n-gram key, built once.
// Finding the institutions named in a text is then a few map look-ups per token (no scan of the
// knowledge base): the longest name starting at each token, then non-overlapping mentions.
import { acronymKey, cachedNameKey, compactKey, nameKey, type Token } from './normalize.js';
import { readDataJson } from './data.js';
import { SOURCE_RANK, type InstRecord } from './records.js';
import { domainSuffixes } from './domains.js';
import { keepWhere, sortSmall } from './arrays.js';
import { isSeatHead } from './head-words.js';

export type MatchVia = 'alias' | 'acronym' | 'compact' | 'fuzzy';

/** What the index knows of one word as the first of a name: looked up once per word, not once per text. */
export interface NameStart {
  /** The trie node of the names beginning with the word's normal form, if any. */
  node: TrieNode | undefined;
  /** The most words an acronym beginning with the word as written has (0: none). */
  acronymWords: number;
}

/** A stretch of tokens [start, end) that names one or more candidate institutions. */
export interface Mention {
  start: number;
  end: number;
  via: MatchVia;
  /** The key that matched (normalised name, or the acronym as written). */
  key: string;
  candidates: InstRecord[];
}

interface GenericWords {
  generic: string[];
  departments: string[];
  fields: string[];
  noInstitution: string[];
}

let genericWords: { generic: Set<string>; departments: Set<string>; fields: Set<string>; noInstitution: Set<string> } | null = null;
export function wordLists() {
  if (!genericWords) {
    const data = readDataJson<GenericWords>('generic-words.json');
    const keys = (words: string[]) => new Set(words.flatMap((w) => nameKey(w).split(' ')).filter(Boolean));
    genericWords = {
      generic: keys(data.generic),
      departments: keys(data.departments),
      fields: keys(data.fields),
      noInstitution: new Set(data.noInstitution.map((w) => nameKey(w))),
    };
  }
  return genericWords;
}

const MAX_COMPACT_TOKENS = 6;
const DEPARTMENT_STARTS = new Set(['department', 'dept', 'faculty', 'division', 'chair', 'section']);
const MIN_COMPACT_LENGTH = 6;
const COMPACT_PREFIX = 5;

export class NameIndex {
  private readonly aliases = new Map<string, InstRecord[]>();
  private readonly compact = new Map<string, InstRecord[]>();
  /**
   * The same names as a word trie: matching walks it token by token (each word's hash is computed once
   * per text), stopping as soon as the text leaves every indexed name.
   */
  private readonly trie: TrieNode = { next: new Map(), key: '', records: null };
  /** The first letters of every spaceless key: most texts' words start none, and skip the look-ups. */
  private readonly compactPrefixes = new Set<string>();
  private maxCompactLength = 0;
  private readonly acronyms = new Map<string, InstRecord[]>();
  private readonly domains = new Map<string, InstRecord[]>();
  private readonly firstAcronym = new Map<string, number>();
  /** Every word of every indexed name: words the fuzzy matcher leaves alone. */
  readonly vocabulary = new Set<string>();
  /** Words of the curated base's names: what the fuzzy matcher corrects towards. */
  readonly curatedVocabulary = new Set<string>();
  private readonly isPlaceName: (key: string) => boolean;
  size = 0;
  /** Word signature of names of three words or more -> their institutions, null when in several countries (word-order.ts; set when the index is complete). */
  wordSignatures = new Map<string, InstRecord[] | null>();
  /** Domain label -> its one institution, null when several countries' use it (short-form.ts; set when the index is complete). */
  domainLabels = new Map<string, InstRecord | null>();

  constructor(isPlaceName: (key: string) => boolean) {
    this.isPlaceName = isPlaceName;
  }

  add(record: InstRecord): void {
    this.size++;
    for (const name of [record.name, ...record.aliases]) {
      if (looksLikeAcronym(name)) {
        this.addAcronym(name, record);
        // brand names written in capitals ("NVIDIA", "AITRICS") are also written "Nvidia", "AItrics"
        if (/^[A-Z]{5,}$/.test(name)) this.addName(name, record);
        continue;
      }
      for (const variant of spellingVariants(name)) this.addName(variant, record);
      if (record.sector === 'company') {
        const bare = withoutLegalForm(name);
        if (bare) this.addName(bare, record);
      }
    }
    for (const acronym of record.acronyms) this.addAcronym(acronym, record);
    for (const domain of record.domains) addTo(this.domains, domain.toLowerCase(), record);
  }

  /**
   * A curated institution's names of several words are always indexed ("National University of Defense
   * Technology", "Language Technologies Institute" are made of generic words but are names its curators
   * wrote; beside another institution they count as its unit, see dropGenericBesideSpecific); imported
   * and bulk-list names made only of generic, field and department words ("College of Computing and
   * Informatics", "National University") are not.
   */
  private addName(name: string, record: InstRecord): void {
    const key = cachedNameKey(name);
    if (!key) return;
    if (!(record.source === 'curated' && key.includes(' ')) && genericKey(key)) return;
    const words = key.split(' ');
    // a bare place ("Singapore") or a one-word name from a bulk list is too weak to index
    if (this.isPlaceName(key) && record.source !== 'curated') return;
    if (words.length === 1 && record.source === 'swot') return;
    // bulk lists carry stray department names ("Department of Informatics")
    if (record.source !== 'curated' && DEPARTMENT_STARTS.has(words[0])) return;
    if (addRanked(this.aliases, key, record)) {
      let node = this.trie;
      for (const word of words) {
        this.vocabulary.add(word);
        if (record.source === 'curated') this.curatedVocabulary.add(word);
        node.next ??= new Map();
        let child = node.next.get(word);
        if (!child) {
          child = { next: null, key: node.key ? `${node.key} ${word}` : word, records: null };
          node.next.set(word, child);
        }
        node = child;
      }
      node.records = this.aliases.get(key) ?? null;
    }
    const compact = compactKey(key);
    if (words.length > 1 && words.length <= MAX_COMPACT_TOKENS && compact.length >= MIN_COMPACT_LENGTH) {
      addRanked(this.compact, compact, record);
      this.compactPrefixes.add(compact.slice(0, COMPACT_PREFIX));
      this.maxCompactLength = Math.max(this.maxCompactLength, compact.length);
    }
  }

  private addAcronym(acronym: string, record: InstRecord): void {
    const key = acronymKey(acronym);
    if (key.length < 2) return;
    if (addRanked(this.acronyms, key, record)) {
      const words = key.split(' ');
      this.firstAcronym.set(words[0], Math.max(this.firstAcronym.get(words[0]) ?? 0, words.length));
    }
  }

  /** A name made only of generic words ("Institute of Technology") names nothing in particular. */
  isGeneric(key: string): boolean {
    let known = this.genericKeys.get(key);
    if (known === undefined) {
      known = genericKey(key);
      if (this.genericKeys.size < 200_000) this.genericKeys.set(key, known);
    }
    return known;
  }

  /** isGeneric's answers: the keys asked about are the index's own names, asked again and again. */
  private readonly genericKeys = new Map<string, boolean>();

  /** Every indexed name key and its institutions (for names written in another word order). */
  aliasEntries(): ReadonlyMap<string, InstRecord[]> {
    return this.aliases;
  }

  /** Every indexed domain and its institutions (for the short forms read from domains). */
  domainEntries(): ReadonlyMap<string, InstRecord[]> {
    return this.domains;
  }

  /** The institutions whose domain is this e-mail domain or one of its parents. */
  byDomain(domain: string): InstRecord[] {
    for (const suffix of domainSuffixes(domain)) {
      const found = this.domains.get(suffix);
      if (found) return found;
    }
    return [];
  }

  /** The index's facts about a token as the first word of a name. */
  startOf(token: Token): NameStart {
    return { node: step(this.trie, token.norm), acronymWords: this.firstAcronym.get(token.surface) ?? 0 };
  }

  /** Non-overlapping mentions, longest first. `starts`: each token's startOf, when the caller has them. */
  findMentions(tokens: Token[], starts?: readonly NameStart[]): Mention[] {
    const startAt = starts ?? tokens.map((t) => this.startOf(t));
    const found: Mention[] = [];
    // spaceless spellings ("Deep Mind", "Shanghai Jiaotong") only when nothing matched as written
    if (!this.collectLongest(tokens, startAt, false, found)) this.collectLongest(tokens, startAt, true, found);
    if (found.length === 0) return found;
    // at equal length, a name inside one segment wins over one spanning two
    if (found.length > 1) sortSmall(found, (a, b) => b.end - b.start - (a.end - a.start) || Number(spansComma(a, tokens)) - Number(spansComma(b, tokens)) || a.start - b.start);
    const taken = new Array<boolean>(tokens.length).fill(false);
    let chosen: Mention[] = [];
    for (let f = 0; f < found.length; f++) {
      const m = found[f];
      let free = true;
      for (let i = m.start; i < m.end && free; i++) free = !taken[i];
      if (!free || this.isEmbedded(m, tokens)) continue;
      for (let i = m.start; i < m.end; i++) taken[i] = true;
      chosen.push(m);
    }
    keepWhere(chosen, (m) => !this.isPrefixOfLongerName(m, tokens, taken) && !isPartOfCompoundAcronym(m, tokens));
    if (chosen.length > 1) {
      const modifiers = chosen.filter((m) => isModifierOfUnitName(m, tokens, taken));
      if (modifiers.length > 0 && modifiers.length < chosen.length) keepWhere(chosen, (m) => !modifiers.includes(m));
    }
    if (chosen.length > 1) sortSmall(chosen, (a, b) => a.start - b.start);
    chosen = dropNamesGlossedByAcronyms(chosen, tokens);
    keepWhere(chosen, (m) => !isLocalAbbreviation(m, tokens, taken));
    return this.dropGenericBesideSpecific(chosen);
  }

  /**
   * The longest name starting at each token, added to `found` unless it is a generic name spanning a
   * comma ("Information Technology University" is never split by one). Returns whether any name matched.
   */
  private collectLongest(tokens: Token[], startAt: readonly NameStart[], withCompact: boolean, found: Mention[]): boolean {
    let matched = false;
    for (let i = 0; i < tokens.length; i++) {
      const best = this.longestAt(tokens, i, startAt[i], withCompact);
      if (!best) continue;
      matched = true;
      if (best.candidates.length > 0 && !(best.via === 'alias' && spansComma(best, tokens) && this.isGeneric(best.key))) found.push(best);
    }
    return matched;
  }

  /**
   * A curated name made of generic words ("Computer Vision Center", "National Institute of Informatics")
   * counts only when the text names no other institution: beside one, it is that institution's unit.
   */
  private dropGenericBesideSpecific(mentions: Mention[]): Mention[] {
    if (mentions.length < 2) return mentions;
    const generic = mentions.filter((m) => m.via === 'alias' && this.isGeneric(m.key));
    if (generic.length === 0 || generic.length === mentions.length) return mentions;
    return mentions.filter((m) => !generic.includes(m));
  }

  /**
   * "École Polytechnique Fédérale de Lausanne" must not stop at a shorter university name: a university's
   * name directly followed by a capitalised word that is not generic, not a place and not another
   * institution is the start of a longer, unknown name.
   */
  private isPrefixOfLongerName(m: Mention, tokens: Token[], taken: boolean[]): boolean {
    if (m.via === 'acronym' || m.end >= tokens.length) return false;
    const next = tokens[m.end];
    if (next.gapBefore !== '' || taken[m.end] || !/^\p{Lu}/u.test(next.surface) || next.surface === next.surface.toUpperCase()) return false;
    if (!m.candidates.every((c) => c.sector === 'education')) return false;
    const { generic, departments, fields } = wordLists();
    const word = next.norm.split(' ')[0];
    if (generic.has(word) || departments.has(word) || fields.has(word)) return false;
    const two = m.end + 1 < tokens.length && tokens[m.end + 1].gapBefore === '' ? `${next.norm} ${tokens[m.end + 1].norm}` : '';
    return !this.isPlaceName(next.norm) && !(two && this.isPlaceName(two));
  }

  private longestAt(tokens: Token[], i: number, start: NameStart, withCompact: boolean): Mention | null {
    // full names and aliases: walk the word trie along the text
    let node: TrieNode | undefined = start.node;
    let named: TrieNode | null = null;
    let namedEnd = 0;
    let placed: TrieNode | null = null;
    let placedEnd = 0;
    for (let n = 1; node && i + n <= tokens.length; n++) {
      if (n > 1) {
        const token = tokens[i + n - 1];
        if (crossesInstitutions(token.gapBefore)) break;
        node = step(node, token.norm);
        if (!node) break;
      }
      if (node.records) {
        named = node;
        namedEnd = i + n;
        if (node.records.some(hasCountry)) {
          placed = node;
          placedEnd = i + n;
        }
      }
    }
    // a bulk-list entry without a country ("Max Planck Institute for Software Systems (MPI-SWS)", a .org
    // name) does not hide the shorter name it starts with, which has one
    const found = placed ?? named;
    let best: Mention | null = found?.records ? { start: i, end: placed ? placedEnd : namedEnd, via: 'alias', key: found.key, candidates: found.records } : null;
    let bestEnd = best ? best.end : 0;
    // the same without spaces ("Jiaotong" / "Jiao Tong", "DeepMind" / "Deep Mind")
    let compact = '';
    for (let n = 1; withCompact && n <= MAX_COMPACT_TOKENS && i + n <= tokens.length; n++) {
      const token = tokens[i + n - 1];
      if (n > 1 && crossesInstitutions(token.gapBefore)) break;
      const before = compact.length;
      compact += token.norm.includes(' ') ? token.norm.replace(/ /g, '') : token.norm;
      if (before < COMPACT_PREFIX && compact.length >= COMPACT_PREFIX && !this.compactPrefixes.has(compact.slice(0, COMPACT_PREFIX))) break;
      if (compact.length > this.maxCompactLength) break;
      if (compact.length < MIN_COMPACT_LENGTH || i + n <= bestEnd) continue;
      const hit = this.compact.get(compact);
      if (hit) {
        best = { start: i, end: i + n, via: 'compact', key: compact, candidates: hit };
        bestEnd = i + n;
      }
    }
    // acronyms, case kept
    const maxAcronym = start.acronymWords;
    let surface = '';
    for (let n = 1; n <= maxAcronym && i + n <= tokens.length; n++) {
      const token = tokens[i + n - 1];
      if (n > 1 && crossesInstitutions(token.gapBefore)) break;
      surface = n === 1 ? token.surface : `${surface} ${token.surface}`;
      if (i + n < bestEnd) continue;
      const hit = this.acronyms.get(surface);
      if (hit) {
        best = { start: i, end: i + n, via: 'acronym', key: surface, candidates: hit };
        bestEnd = i + n;
      }
    }
    return best;
  }

  /**
   * "Kyungpook National University" must not match a shorter indexed name at its end: a name that
   * starts with a generic word and follows a capitalised non-generic word (no punctuation between) is
   * the tail of a longer, unknown name.
   */
  private isEmbedded(m: Mention, tokens: Token[]): boolean {
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

  /** Exact look-up of a whole name (for tests and the importers' de-duplication). */
  lookupName(name: string): InstRecord[] {
    return this.aliases.get(nameKey(name)) ?? [];
  }
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
function isModifierOfUnitName(m: Mention, tokens: Token[], taken: boolean[]): boolean {
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

function hasCountry(record: InstRecord): boolean {
  return record.country !== null;
}

function genericKey(key: string): boolean {
  const { generic, fields, departments } = wordLists();
  return key.split(' ').every((w) => generic.has(w) || fields.has(w) || departments.has(w) || /^\d+$/.test(w));
}

/**
 * "ZJU-UIUC Institute", "RBC-DSAI", "IIT-MIT": an acronym hyphenated to another capitalised word is part
 * of a compound name (a joint institute), not the institution it abbreviates alone.
 */
function isPartOfCompoundAcronym(m: Mention, tokens: Token[]): boolean {
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
function dropNamesGlossedByAcronyms(mentions: Mention[], tokens: Token[]): Mention[] {
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
function isLocalAbbreviation(m: Mention, tokens: Token[], taken: boolean[]): boolean {
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

/** One token down the trie; a token rewritten into several words ("jiaotong" -> "jiao tong") takes several steps. */
function step(node: TrieNode, norm: string): TrieNode | undefined {
  if (!norm.includes(' ')) return node.next?.get(norm);
  let current: TrieNode | undefined = node;
  for (const word of norm.split(' ')) {
    current = current.next?.get(word);
    if (!current) return undefined;
  }
  return current;
}

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  /** The name's key (its words joined by spaces). */
  key: string;
  /** The institutions this exact name stands for; null when it only begins longer names. */
  records: InstRecord[] | null;
}

/** Whether a phrase shares a word that is not generic with one of the candidates' names. */
function sharesDistinctiveWord(words: string[], candidates: InstRecord[]): boolean {
  const { generic, fields, departments } = wordLists();
  const distinctive = words.flatMap((w) => w.split(' ')).filter((w) => w.length > 2 && !generic.has(w) && !fields.has(w) && !departments.has(w));
  if (distinctive.length === 0) return false;
  return candidates.some((c) => [c.name, ...c.aliases].some((n) => nameKey(n).split(' ').some((w) => distinctive.includes(w))));
}

function spansComma(m: Mention, tokens: Token[]): boolean {
  for (let i = m.start + 1; i < m.end; i++) if (tokens[i].gapBefore === ',') return true;
  return false;
}

/** A ';', '|' or '+' always separates institutions; commas and parentheses may sit inside one name. */
function crossesInstitutions(gap: string): boolean {
  return gap === ';' || gap === '|' || gap === '+';
}

/** An all-capitals short word in an alias list ("MIT") is an acronym: it must match with its case. */
function looksLikeAcronym(name: string): boolean {
  return /^[A-Z0-9&.\-]{2,8}$/.test(name) && /[A-Z]/.test(name);
}

const LEGAL_FORMS = /(?:[\s,]+(?:inc|incorporated|ltd|limited|llc|gmbh|ag|co|corp|corporation|plc|s\.?a|srl|b\.?v|n\.?v|pte|pvt|k\.?k|se|oy|ab|as|spa|s\.?p\.?a)\.?)+$/i;

/** "Continental AG" is also written "Continental"; "Huawei Technologies Co., Ltd." "Huawei Technologies". */
function withoutLegalForm(name: string): string | null {
  const bare = name.replace(LEGAL_FORMS, '').trim();
  if (bare === name.trim() || bare.length < 4) return null;
  return bare;
}

/** German names are also written with ae/oe/ue for ä/ö/ü ("Universitaet"). */
function spellingVariants(name: string): string[] {
  if (!/[äöüÄÖÜ]/.test(name)) return [name];
  const transliterated = name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
  return [name, transliterated];
}

function addTo(map: Map<string, InstRecord[]>, key: string, record: InstRecord): void {
  const list = map.get(key);
  if (!list) map.set(key, [record]);
  else if (!list.includes(record)) list.push(record);
}

/**
 * Adds a record under a key unless a better source already holds the key: a key names the curated
 * base's institutions when it has any, else the user's imports', else swot's. Returns whether added.
 */
function addRanked(map: Map<string, InstRecord[]>, key: string, record: InstRecord): boolean {
  const list = map.get(key);
  if (!list) {
    map.set(key, [record]);
    return true;
  }
  if (list.includes(record)) return true;
  const rank = SOURCE_RANK[record.source];
  const held = SOURCE_RANK[list[0].source];
  if (rank > held) return false;
  if (rank < held) {
    map.set(key, [record]);
    return true;
  }
  // same source: one entry per institution name and country (swot lists many domains per university);
  // an entry without a country only stands for the name when no entry with one does
  if (record.source === 'swot' && record.country === null && list.some((r) => r.country !== null)) return true;
  if (record.source === 'swot' && record.country !== null && list.every((r) => r.country === null)) {
    map.set(key, [record]);
    return true;
  }
  if (record.source === 'swot' && list.some((r) => r.country === record.country)) {
    const same = list.find((r) => r.country === record.country) as InstRecord;
    for (const d of record.domains) if (!same.domains.includes(d)) same.domains.push(d);
    return true;
  }
  list.push(record);
  return true;
}
