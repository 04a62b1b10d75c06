// The matcher index: every institution name, alias and acronym as a token n-gram key, built once.
// Finding the institutions named in a text is then a few map look-ups per token (no scan of the
// knowledge base): the longest name starting at each token, then non-overlapping mentions.
import { acronymKey, cachedNameKey, compactKey, nameKey, type Token } from './normalize.js';
import { isBulkSource, type InstRecord } from './records.js';
import { domainSuffixes } from './domains.js';
import { keepWhere, sortSmall } from './arrays.js';
import { allGenericWords, genericKey } from './word-lists.js';
import { isCommonWordsName, isDictionaryWord } from './common-words.js';
import { addRanked, addTo, hasUmlaut, looksLikeAcronym, spellingVariants, withoutLegalForm } from './name-keys.js';
import { dropGenericBesideSpecific, dropNamesGlossedByAcronyms, isEmbedded, isLocalAbbreviation, isCommonNameInLongerPhrase, isModifierOfUnitName, isUnitOfNamedInstitution, isPartOfCompoundAcronym, isPrefixOfLongerName, spansComma } from './mention-rules.js';

/** A bulk-list record none of whose names has a comma (records are not changed once indexed: remembered). */
function isBulkWithoutComma(record: InstRecord): boolean {
  let known = withoutComma.get(record);
  if (known === undefined) {
    known = isBulkSource(record.source) && !record.name.includes(',') && !record.aliases.some((a) => a.includes(','));
    withoutComma.set(record, known);
  }
  return known;
}
const withoutComma = new WeakMap<InstRecord, boolean>();

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
    this.addAll([record]);
  }

  /**
   * Records' names as written first, then their names without a legal form ("Continental AG" is also
   * "Continental"): a one-word one that is a dictionary word and no record's written name ("Rebellions
   * Inc.", "Snap Inc.") is a loose name (isLooseName). Where such a name is shared with a record that
   * writes it ("Robert Bosch" beside a US lab's "Robert Bosch LLC"), the text's places decide, else the
   * writer (context.ts).
   */
  addAll(records: Iterable<InstRecord>): void {
    const bare: [string, InstRecord][] = [];
    for (const record of records) {
      this.size++;
      this.addWritten(record.name, record, bare);
      for (const alias of record.aliases) this.addWritten(alias, record, bare);
      for (const acronym of record.acronyms) this.addAcronym(acronym, record);
      for (const domain of record.domains) addTo(this.domains, domain.toLowerCase(), record);
    }
    for (const [name, record] of bare) {
      const key = cachedNameKey(name);
      // "Rebellions Inc.", "GRAIL, Inc.", "Snap Inc.": a dictionary word without its legal form is a loose name
      if (!key.includes(' ') && isDictionaryWord(key) && !this.aliases.has(key)) this.looseNames.add(key);
      this.addName(name, record);
    }
  }

  /** One name or alias as written (addAll); its form without a legal form goes to `bare`, indexed after every record's written names. */
  private addWritten(name: string, record: InstRecord, bare: [string, InstRecord][]): void {
    if (looksLikeAcronym(name)) {
      this.addAcronym(name, record);
      // brand names written in capitals ("NVIDIA", "AITRICS") are also written "Nvidia", "AItrics"
      if (/^[A-Z]{5,}$/.test(name)) this.addName(name, record);
      return;
    }
    if (hasUmlaut(name)) for (const variant of spellingVariants(name)) this.addName(variant, record);
    else this.addName(name, record);
    const without = record.sector === 'company' ? withoutLegalForm(name) : null;
    if (without) bare.push([without, record]);
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
    const words = key.split(' ');
    if (!(record.source === 'curated' && words.length > 1) && allGenericWords(words)) return;
    // a one-word name from a bulk list or a bare place ("Singapore") is too weak to index (the place
    // look-up last: the cheap tests first)
    if (words.length === 1 && isBulkSource(record.source)) return;
    // bulk lists carry stray department names ("Department of Informatics")
    if (record.source !== 'curated' && (DEPARTMENT_STARTS.has(words[0]) || this.isPlaceName(key))) return;
    const listed = addRanked(this.aliases, key, record);
    if (listed) {
      const curated = record.source === 'curated';
      let node = this.trie;
      for (const word of words) {
        if (curated) this.curatedVocabulary.add(word);
        node.next ??= new Map();
        let child = node.next.get(word);
        if (!child) {
          // a word's first edge in the trie is its first name: the vocabulary keeps the same order
          this.vocabulary.add(word);
          child = { next: null, key: node.key ? `${node.key} ${word}` : word, records: null };
          node.next.set(word, child);
        }
        node = child;
      }
      node.records = listed;
    }
    const compact = words.length > 1 && words.length <= MAX_COMPACT_TOKENS ? compactKey(key) : '';
    if (compact.length >= MIN_COMPACT_LENGTH) {
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

  /** One-word dictionary words indexed only as a company's name without its legal form ("snap" of "Snap Inc."). */
  private readonly looseNames = new Set<string>();

  /**
   * A name any lab may use as a phrase of its own (mention-rules.ts isCommonNameInLongerPhrase): made only
   * of common words, none of them a curated name on its own ("adobe", "oracle") or a place ("china"); or a
   * dictionary word the index has only from a company's name without its legal form ("snap", "rebellions").
   */
  isLooseName(key: string): boolean {
    if (this.looseNames.has(key)) return true;
    let known = this.looseKeys.get(key);
    if (known === undefined) {
      known = key.includes(' ') && isCommonWordsName(key) && !key.split(' ').some((w) => (this.aliases.get(w)?.some((r) => r.source === 'curated') ?? false) || this.isPlaceName(w));
      if (this.looseKeys.size < 200_000) this.looseKeys.set(key, known);
    }
    return known;
  }

  /** isLooseName's answers for the index's own names, asked again and again. */
  private readonly looseKeys = new Map<string, boolean>();

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
      if (!free || isEmbedded(m, tokens)) continue;
      for (let i = m.start; i < m.end; i++) taken[i] = true;
      chosen.push(m);
    }
    keepWhere(chosen, (m) => !isPrefixOfLongerName(m, tokens, taken, this.isPlaceName) && !isPartOfCompoundAcronym(m, tokens) && !isCommonNameInLongerPhrase(m, tokens, taken, (key) => this.isLooseName(key)) && !isUnitOfNamedInstitution(m, tokens, (key) => this.isLooseName(key)));
    if (chosen.length > 1) {
      const modifiers = chosen.filter((m) => isModifierOfUnitName(m, tokens, taken));
      if (modifiers.length > 0 && modifiers.length < chosen.length) keepWhere(chosen, (m) => !modifiers.includes(m));
    }
    if (chosen.length > 1) sortSmall(chosen, (a, b) => a.start - b.start);
    chosen = dropNamesGlossedByAcronyms(chosen, tokens);
    keepWhere(chosen, (m) => !isLocalAbbreviation(m, tokens, taken));
    return dropGenericBesideSpecific(chosen, this);
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

  private longestAt(tokens: Token[], i: number, start: NameStart, withCompact: boolean): Mention | null {
    // full names and aliases: walk the word trie along the text
    let node: TrieNode | undefined = start.node;
    let named: TrieNode | null = null;
    let namedEnd = 0;
    let placed: TrieNode | null = null;
    let placedEnd = 0;
    let comma = false;
    for (let n = 1; node && i + n <= tokens.length; n++) {
      if (n > 1) {
        const token = tokens[i + n - 1];
        if (crossesInstitutions(token.gapBefore)) break;
        if (token.gapBefore === ',') comma = true;
        node = step(node, token.norm);
        if (!node) break;
      }
      // a bulk list's name runs across the text's comma only when it is written with one itself
      // ("Industrial Science, X University of Tokyo" is no "Science University of Tokyo")
      if (node.records && !(comma && node.records.every(isBulkWithoutComma))) {
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

  /** Exact look-up of a whole name (for tests and the importers' de-duplication). */
  lookupName(name: string): InstRecord[] {
    return this.aliases.get(nameKey(name)) ?? [];
  }
}

function hasCountry(record: InstRecord): boolean {
  return record.country !== null;
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

/** A ';', '|' or '+' always separates institutions; commas and parentheses may sit inside one name. */
function crossesInstitutions(gap: string): boolean {
  return gap === ';' || gap === '|' || gap === '+';
}
