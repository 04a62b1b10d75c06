// The rules for one affiliation text, in order: known names (aliases, acronyms, spaceless forms),
// then approximate names, then an institution-looking phrase or a place in the text, then the e-mail
// domain; otherwise unresolved with the reason. Every answer carries its evidence.
import type { Affiliation, ResolveMethod } from '../types.js';
import { cleanText, surfaceOf, tokenize, type Token } from './normalize.js';
import { isSegmentBreak, type Gazetteer, type PlaceHit } from './places.js';
import { wordLists, type Mention, type NameIndex } from './name-index.js';
import { chooseCandidate, countryFromPlaces, describe, soleCandidate, type Choice, type DisambiguationContext, type PlaceCountry } from './context.js';
import { segmentTokens, institutionPhrase, isLegalFormOnly, type Segment } from './segment.js';
import { countryOfDomain, isWebmail } from './domains.js';
import type { FuzzyCorrector } from './fuzzy.js';
import { recordAffiliation, type InstRecord } from './records.js';
import type { Lexicon } from './lexicon.js';
import { readDataJson } from './data.js';
import { domainLabelAffiliation, domainLabelRecord, respeltShortForm, shortFormAffiliation, shortFormRecord } from './short-form.js';
import type { UnitIndex } from './units.js';
import type { LoneForms } from './lone-forms.js';
import { WORD_ORDER_NOTE, wordOrderMention } from './word-order.js';

/** How sure each rule is. */
export const CONFIDENCE = {
  alias: 0.95,
  aliasBulk: 0.85,
  acronym: 0.9,
  compact: 0.85,
  fuzzy: 0.7,
  byPrior: 0.6,
  labLocated: 0.9,
  hqDefault: 0.6,
  patternCountry: 0.75,
  patternCity: 0.6,
  place: 0.55,
  placeNoInstitution: 0.4,
  domainInstitution: 0.75,
  domainCountry: 0.45,
  authorContext: 0.6,
  campusAbroad: 0.7,
  convention: 0.5,
} as const;

export interface TextResolverParts {
  names: NameIndex;
  places: Gazetteer;
  records: Map<string, InstRecord>;
  fuzzy: () => FuzzyCorrector;
  /** What a multinational named without a location gets: its headquarters' country, or nothing. */
  unlocatedMultinational: 'hq' | 'none';
  /** Region words that place a multinational's lab only ("NEC Labs America"). */
  labLocations: Map<string, string>;
  /** Each word's facts from both indexes, remembered. */
  lexicon: Lexicon;
  /** Units named beside their parent ("Institute of Automation, CAS"). */
  units: UnitIndex;
  /** Loosely written short texts ("ustc", "Uni Potsdam"). */
  loneForms: LoneForms;
}

/** Internal extra facts kept beside an affiliation for the author-level rules. */
export interface ResolutionNote {
  /** Other institutions the name could have meant, when a prior decided. */
  alternatives: InstRecord[];
  /** The text names no institution at all (only departments, places or nothing). */
  namesNoInstitution: boolean;
}

/** Notes on the affiliations that have something to note; none means no alternatives and an institution named. */
export const notes = new WeakMap<Affiliation, ResolutionNote>();

function note(affiliation: Affiliation, alternatives: InstRecord[], namesNoInstitution: boolean): void {
  if (alternatives.length > 0 || namesNoInstitution) notes.set(affiliation, { alternatives, namesNoInstitution });
}

/** A text that is only an e-mail address or a web domain ("someone@cs.example.ac.uk", "lab.example.cn"). */
const ADDRESS_ONLY = /^\s*(?:[\w.+-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,})\s*$/i;

export function resolveText(parts: TextResolverParts, raw: string, emailDomain: string | null): Affiliation[] {
  const address = ADDRESS_ONLY.exec(raw);
  if (address && /[@]|\.(?:[a-z]{2}|edu|org|com|net|gov)$/i.test(raw.trim())) {
    const domain = address[1].toLowerCase();
    const byDomain = fromEmailDomain(parts, raw, domain, `the text is an address (${domain}), not a name`);
    if (byDomain) return [byDomain];
  }
  const cleaned = cleanText(raw);
  let tokens = tokenize(cleaned);
  if (!tokens.some(hasLetter)) {
    return [noInstitution(parts, raw, emailDomain, 'the text is empty or has no words')];
  }
  const normText = tokens.map((t) => t.norm).join(' ');
  if (wordLists().noInstitution.has(normText)) {
    return [noInstitution(parts, raw, emailDomain, `'${cleaned}' names no institution`)];
  }
  let starts = parts.lexicon.startsOf(tokens);
  let mentions = parts.names.findMentions(tokens, starts.names);
  let fuzzyChanged: Set<number> | null = null;
  // typos corrected ("Obsrvatory"): used to name a known institution, else to read head words
  let corrected: { tokens: Token[]; changed: Set<number> } | null = null;
  if (mentions.length === 0) {
    const fixed = (corrected = parts.fuzzy().correctTokens(tokens));
    if (fixed.changed.size > 0) {
      mentions = parts.names.findMentions(fixed.tokens).filter((m) => plausibleCorrection(m, fixed.changed));
      if (mentions.length) fuzzyChanged = fixed.changed;
    }
  }
  if (mentions.length === 0) {
    // "University of Middlesex" for "Middlesex University", and the other way round
    const swapped = swapUniversityOrder(tokens);
    if (swapped) {
      const found = parts.names.findMentions(swapped.tokens).filter((m) => m.via === 'alias' && touches(m, swapped.changed));
      if (found.length) {
        mentions = found;
        fuzzyChanged = swapped.changed;
        tokens = swapped.tokens;
        starts = parts.lexicon.startsOf(tokens);
      }
    }
  }
  if (mentions.length === 0) {
    const respelt = respellOneWord(parts, tokens);
    if (respelt) {
      mentions = respelt.mentions;
      fuzzyChanged = respelt.changed;
      tokens = respelt.tokens;
      starts = parts.lexicon.startsOf(tokens);
    }
  }
  if (mentions.length === 0) {
    const short = shortFormRecord(parts.names, tokens);
    if (short) return [shortFormAffiliation(raw, short)];
    const respeltShort = tokens.length === 1 ? respeltShortForm(parts.names, parts.fuzzy(), (key) => parts.places.byKey.has(key), raw, tokens[0], CONFIDENCE.fuzzy) : null;
    if (respeltShort) return [respeltShort];
    const label = domainLabelRecord(parts.names, tokens);
    if (label) return [domainLabelAffiliation(raw, label)];
    const lone = parts.loneForms.resolve(raw, tokens);
    if (lone) return [lone];
  }
  if (mentions.length === 0) {
    const reordered = wordOrderMention(parts.names, tokens);
    if (reordered) mentions = [reordered];
  }
  if (mentions.length) mentions = parts.units.merge(tokens, mentions);
  const places = parts.places.find(tokens, starts.places);
  if (mentions.length) return fromMentions(parts, raw, tokens, normText, mentions, places, emailDomain, fuzzyChanged);
  // head words read through corrected typos ("Zorbian Obsrvatory of Athens" is an institution-looking phrase)
  const read = corrected && corrected.changed.size > 0 && corrected.tokens.length === tokens.length ? corrected.tokens : tokens;
  return fromContext(parts, raw, cleaned, tokens, places, emailDomain, read);
}

const LETTER = /\p{L}/u;
function hasLetter(token: Token): boolean {
  return LETTER.test(token.norm);
}

/**
 * "University of Middlesex" / "Middlesex University": a university named by one capitalised word, written
 * alone in its segment, in the other of the two English word orders. The words are merged into one token
 * read in the other order (only the first such name of a text); null when the text has none.
 */
export function swapUniversityOrder(tokens: Token[]): { tokens: Token[]; changed: Set<number> } | null {
  const capital = (t: Token) => /^\p{Lu}\p{Ll}/u.test(t.surface);
  const segmentEndsAt = (i: number) => i >= tokens.length || isSegmentBreak(tokens[i].gapBefore);
  const segmentStartsAt = (i: number) => i === 0 || isSegmentBreak(tokens[i].gapBefore);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].norm !== 'university' || (!segmentStartsAt(i) && !(i > 0 && segmentStartsAt(i - 1)))) continue;
    const of = tokens[i + 1];
    const name = tokens[i + 2];
    if (segmentStartsAt(i) && of?.norm === 'of' && name && of.gapBefore === '' && name.gapBefore === '' && capital(name) && segmentEndsAt(i + 3)) {
      return merge(tokens, i, i + 3, `${name.norm} university`);
    }
    const before = tokens[i - 1];
    if (i > 0 && segmentStartsAt(i - 1) && tokens[i].gapBefore === '' && capital(before) && segmentEndsAt(i + 1)) {
      return merge(tokens, i - 1, i + 1, `university of ${before.norm}`);
    }
  }
  return null;
}

function merge(tokens: Token[], from: number, to: number, norm: string): { tokens: Token[]; changed: Set<number> } {
  const first = tokens[from];
  const merged: Token = {
    surface: tokens.slice(from, to).map((t) => t.surface).join(' '),
    norm,
    start: first.start,
    end: tokens[to - 1].end,
    gapBefore: first.gapBefore,
    hyphenated: first.hyphenated,
  };
  return { tokens: [...tokens.slice(0, from), merged, ...tokens.slice(to)], changed: new Set([from]) };
}

/**
 * "Zorbe Univrsity", "Max Plank Institute ...": one word of at least five letters, though indexed
 * somewhere (bulk lists carry typos), respelt as a curated word one edit away, so that the words of its
 * segment spell exactly one curated name of at least two words. Tried only when nothing else matched;
 * null when no respelling does, or when more than one does (a word one edit from two curated words,
 * "Zorban" from "Zorbane" and "Zorbanz", is read as neither: the first found is not the likelier).
 */
function respellOneWord(parts: TextResolverParts, tokens: Token[]): { tokens: Token[]; mentions: Mention[]; changed: Set<number> } | null {
  if (tokens.length > 12) return null;
  const fuzzy = parts.fuzzy();
  let found: { tokens: Token[]; mentions: Mention[]; changed: Set<number> } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    for (const word of fuzzy.neighbours(tokens[i].norm)) {
      const changedTokens = tokens.slice();
      changedTokens[i] = { ...tokens[i], norm: word };
      const changed = new Set([i]);
      const mentions = parts.names
        .findMentions(changedTokens)
        .filter((m) => m.via === 'alias' && plausibleCorrection(m, changed) && m.candidates.some((c) => c.source === 'curated') && spansSegment(m, changedTokens));
      if (mentions.length !== 1) continue;
      if (!found) found = { tokens: changedTokens, mentions, changed };
      else if (readingOf(found.mentions[0]) !== readingOf(mentions[0])) return null;
    }
  }
  return found;
}

/** The institutions a mention may name, as one comparable key. */
const readingOf = (m: Mention): string => m.candidates.map((c) => c.key).sort().join(' ');

/** A mention that is its whole comma segment. */
function spansSegment(m: Mention, tokens: Token[]): boolean {
  const startsSegment = m.start === 0 || isSegmentBreak(tokens[m.start].gapBefore);
  const endsSegment = m.end === tokens.length || isSegmentBreak(tokens[m.end].gapBefore);
  return startsSegment && endsSegment;
}

/** A corrected name counts when it is at least two words long and only one of them was corrected ("Tsinghua Univeristy"). */
function plausibleCorrection(m: Mention, changed: Set<number>): boolean {
  let corrected = 0;
  for (let i = m.start; i < m.end; i++) if (changed.has(i)) corrected++;
  return corrected === 1 && m.end - m.start >= 2 && m.via !== 'acronym';
}

function touches(m: Mention, changed: Set<number>): boolean {
  for (let i = m.start; i < m.end; i++) if (changed.has(i)) return true;
  return false;
}

function outside(places: PlaceHit[], mentions: Mention[]): PlaceHit[] {
  return places.filter((p) => !mentions.some((m) => p.start < m.end && m.start < p.end));
}

function fromMentions(
  parts: TextResolverParts,
  raw: string,
  tokens: Token[],
  normText: string,
  mentions: Mention[],
  places: PlaceHit[],
  emailDomain: string | null,
  fuzzyChanged: Set<number> | null,
): Affiliation[] {
  const free = outside(places, mentions);
  const located = countryFromPlaces(free);
  // what tells apart institutions sharing a name: built for the first such name only
  let base: DisambiguationContext | null = null;
  const results: Array<{ affiliation: Affiliation; record: InstRecord; via: string }> = [];
  for (let n = 0; n < mentions.length; n++) {
    const mention = mentions[n];
    const choice =
      soleCandidate(mention.candidates) ??
      chooseCandidate(mention.candidates, { ...(base ??= disambiguationContext(free, located, tokens, normText, emailDomain)), nameCountries: countriesInside(places, mention) }, mention.key);
    const via = fuzzyChanged && touches(mention, fuzzyChanged) ? 'fuzzy' : mention.via;
    const ownPlaces = mentions.length === 1 ? free : placesOf(free, mentions, n);
    const own = mentions.length === 1 ? located : countryFromPlaces(ownPlaces);
    const labPlace = own ?? labLocationAfter(parts, tokens, mention);
    const affiliation = fromRecord(parts, raw, choice, via, mention, tokens, labPlace, emailDomain, namedCountries(ownPlaces, tokens));
    results.push({ affiliation, record: choice.record, via });
  }
  if (results.length === 1) return [results[0].affiliation];
  return dropParentsAndDuplicates(parts, dropContradictedAcronyms(results, new Set(namedCountries(free, tokens)))).map((r) => r.affiliation);
}

function disambiguationContext(free: PlaceHit[], located: PlaceCountry | null, tokens: Token[], normText: string, emailDomain: string | null): DisambiguationContext {
  const placeCountries = new Set<string>();
  for (let i = 0; i < free.length; i++) if (free[i].kind !== 'city') free[i].countries.forEach((c) => placeCountries.add(c));
  if (located) placeCountries.add(located.country);
  return { placeCountries, words: lazyWords(tokens), normText, emailDomain, nameCountries: new Set() };
}

/** Countries named inside a mention ("Korea University"). */
function countriesInside(places: PlaceHit[], mention: Mention): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < places.length; i++) {
    const p = places[i];
    if (p.kind === 'country' && p.start >= mention.start && p.end <= mention.end) p.countries.forEach((c) => out.add(c));
  }
  return out;
}

/**
 * Countries named outright: as an address segment of its own (", Indonesia"), or as the text's last
 * words outside every name ("... Biddeford ME 04005 USA", "... Institute Zorbetown Italy", "X University
 * Malaysia": a campus). `places` are the places outside the names; a multinational's lab is placed
 * before this ("Zelkor Research India").
 */
function namedCountries(places: PlaceHit[], tokens: Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < places.length; i++) {
    const p = places[i];
    if (p.kind !== 'country') continue;
    if (p.standalone || (p.end === tokens.length && p.start > 0)) out.push(...p.countries);
  }
  return out;
}

/**
 * "CNRS UNIC and Ceremade, Univ. Paris-Dauphine, Paris, FRANCE": a short form whose institution is in
 * another country than the one the address names, beside other institutions that are there, is a
 * local unit's name that happens to be some institution's acronym elsewhere.
 */
function dropContradictedAcronyms<T extends { affiliation: Affiliation; via: string }>(results: T[], named: Set<string>): T[] {
  if (named.size === 0 || results.length < 2) return results;
  const agreeing = results.filter((r) => r.affiliation.country && named.has(r.affiliation.country));
  if (agreeing.length === 0) return results;
  return results.filter((r) => r.via !== 'acronym' || !r.affiliation.country || named.has(r.affiliation.country));
}

function lazyWords(tokens: Token[]): () => Set<string> {
  let words: Set<string> | null = null;
  return () => (words ??= new Set(tokens.flatMap((t) => t.norm.split(' '))));
}

/** The places between a mention and the next one: where that institution is, when a text names several. */
function placesOf(free: PlaceHit[], mentions: Mention[], n: number): PlaceHit[] {
  const from = mentions[n].end;
  const to = mentions[n + 1]?.start ?? Number.POSITIVE_INFINITY;
  return free.filter((p) => p.start >= from && p.start < to);
}

/** "NEC Labs America", "Tencent America": a region word right after a multinational's name. */
function labLocationAfter(parts: TextResolverParts, tokens: Token[], mention: Mention): PlaceCountry | null {
  const next = tokens[mention.end];
  if (!next) return null;
  const country = parts.labLocations.get(next.surface);
  return country ? { country, kind: 'country', words: next.surface, evidence: `'${next.surface}' after the company's name places the lab in ${country}`, standalone: false } : null;
}

function fromRecord(
  parts: TextResolverParts,
  raw: string,
  choice: Choice,
  via: Mention['via'],
  mention: Mention,
  tokens: Token[],
  located: PlaceCountry | null,
  emailDomain: string | null,
  namedCountries: string[],
): Affiliation {
  let record = choice.record;
  const matched = surfaceOf(tokens, mention.start, mention.end);
  const method: ResolveMethod = via === 'compact' ? 'alias' : via;
  const evidence = [`${via === 'compact' ? 'alias (spaces ignored)' : via} '${matched}' -> ${describe(record)} [${record.origin}]`];
  const unitNote = parts.units.notes.get(mention);
  if (unitNote) evidence.push(unitNote);
  if (mention.key.endsWith(WORD_ORDER_NOTE)) evidence.push('the words of that name, written in another order');
  if (choice.evidence) evidence.push(choice.evidence);
  let confidence: number = via === 'acronym' ? CONFIDENCE.acronym : via === 'fuzzy' ? CONFIDENCE.fuzzy : via === 'compact' ? CONFIDENCE.compact : record.source === 'curated' ? CONFIDENCE.alias : CONFIDENCE.aliasBulk;
  if (choice.byPrior) confidence = Math.min(confidence, CONFIDENCE.byPrior);
  const hq = multinationalRoot(parts, record);
  const site = hq ? (located ?? (record === hq ? siteInName(parts, tokens, mention, hq) : null)) : null;
  // "Acme, Seattle": the company placed abroad is its one unit there, when the knowledge base lists one
  const unitAbroad = hq && record === hq && site && site.country !== hq.country ? parts.units.unitIn(hq, site.country) : null;
  if (hq && unitAbroad) {
    evidence.push(`the text places ${hq.name} in ${site?.country}, where its one unit in the knowledge base is ${describe(unitAbroad)}`);
    record = unitAbroad;
  }
  const base = recordAffiliation(raw, record, method, confidence, evidence);
  let result: Affiliation = base;
  if (hq) result = placeMultinational(parts, base, record, hq, site);
  else if (!record.country) result = placeCountryless(base, located ?? placeInsideName(parts, tokens, mention), emailDomain);
  else if (record.sector === 'company' && located?.standalone && located.country !== record.country) result = placeCompanyLab(base, located);
  else result = placeCampus(base, namedCountries);
  note(result, choice.byPrior ? choice.alternatives : [], false);
  return result;
}

/** The multinational a record is or belongs to (a lab's parent company), if any. */
function multinationalRoot(parts: TextResolverParts, record: InstRecord): InstRecord | null {
  let current: InstRecord | undefined = record;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.multinational) return current;
    current = current.parentId ? parts.records.get(current.parentId) : undefined;
  }
  return null;
}

/**
 * A multinational's lab counts where the text places it ("Huawei Noah's Ark Lab, Montreal" -> CA); a named
 * lab with no place keeps the lab's own country ("Microsoft Research Asia" -> CN); the company itself
 * with no place falls back to its headquarters ('hq-default', lower confidence), or to nothing when
 * the option says so.
 */
function placeMultinational(parts: TextResolverParts, base: Affiliation, record: InstRecord, hq: InstRecord, located: PlaceCountry | null): Affiliation {
  const result = base; // built for this text alone: completed in place
  result.hqCountry = hq.country;
  if (located) {
    result.country = located.country;
    result.evidence.push(`lab located by ${located.evidence}; headquarters ${hq.country} (${hq.id})`);
    return result;
  }
  if (record !== hq) {
    result.evidence.push(`lab of multinational ${hq.name} (${hq.country}); the lab is in ${record.country}`);
    return result;
  }
  if (parts.unlocatedMultinational === 'none') {
    return {
      ...result,
      country: null,
      method: 'unresolved',
      confidence: 0,
      reason: `multinational ${hq.name} named without a location`,
      evidence: [...result.evidence, 'no place in the text; headquarters fallback is switched off'],
    };
  }
  result.method = 'hq-default';
  result.confidence = CONFIDENCE.hqDefault;
  result.evidence.push(`multinational named without a location: headquarters' country ${hq.country}`);
  return result;
}

/**
 * An institution the text places in another country, by naming that country outright and never its
 * own ("Monash University, Indonesia", "Carnegie Mellon University, Qatar"): a campus abroad counts
 * where it is. Naming China beside a Hong Kong, Macau or Taiwan institution changes nothing.
 */
function placeCampus(base: Affiliation, namedCountries: string[]): Affiliation {
  const own = base.country as string;
  if (namedCountries.length === 0 || namedCountries.includes(own)) return base;
  const abroad = namedCountries[namedCountries.length - 1];
  if (abroad === 'CN' && GREATER_CHINA.has(own)) return base;
  return {
    ...base,
    country: abroad,
    confidence: Math.min(base.confidence, CONFIDENCE.campusAbroad),
    evidence: [...base.evidence, `the text names ${abroad}, not ${own}: a campus or branch in ${abroad}`],
  };
}

const GREATER_CHINA = new Set(['HK', 'MO', 'TW']);

/** A company not marked multinational whose address puts it elsewhere ("Technicolor Research, Palo Alto, CA"): its office there. */
function placeCompanyLab(base: Affiliation, located: PlaceCountry): Affiliation {
  return {
    ...base,
    country: located.country,
    hqCountry: base.country,
    confidence: Math.min(base.confidence, CONFIDENCE.campusAbroad),
    evidence: [...base.evidence, `office located by ${located.evidence}; the company is based in ${base.country}`],
  };
}

/**
 * The city a multinational's alias names as its site ("Microsoft Research, Redmond"). A city several
 * countries share ("IBM Research, Cambridge") is the one in the company's own country when it has one;
 * countries inside a name are not sites ("Microsoft Research New England").
 */
function siteInName(parts: TextResolverParts, tokens: Token[], mention: Mention, hq: InstRecord): PlaceCountry | null {
  const cities = parts.places.find(tokens.slice(mention.start, mention.end)).filter((p) => p.kind === 'city');
  const site = cities[cities.length - 1];
  if (!site) return null;
  if (hq.country && site.countries.includes(hq.country)) {
    return { country: hq.country, kind: 'city', words: site.text, evidence: `'${site.text}' in the name is a city in ${hq.country}, the company's own country`, standalone: false };
  }
  return countryFromPlaces([site]);
}

/** Places written inside a matched name of a bulk-list entry ("Institut Exemple, Lyon, France"). */
function placeInsideName(parts: TextResolverParts, tokens: Token[], mention: Mention): PlaceCountry | null {
  return countryFromPlaces(parts.places.find(tokens.slice(mention.start, mention.end)));
}

/** A known institution whose source gives no country (a swot .org entry): the text's places or the e-mail's country code. */
function placeCountryless(base: Affiliation, located: PlaceCountry | null, emailDomain: string | null): Affiliation {
  if (located) return { ...base, country: located.country, confidence: 0.7, evidence: [...base.evidence, `country from ${located.evidence}`] };
  const fromDomain = emailDomain ? countryOfDomain(emailDomain) : null;
  if (fromDomain) return { ...base, country: fromDomain, confidence: 0.6, evidence: [...base.evidence, `country from e-mail domain ${emailDomain}`] };
  return { ...base, method: 'unresolved', confidence: 0, reason: `${base.institution}: the source gives no country and neither the text nor an e-mail does` };
}

/** Parents named beside their children are left out ("Institute of Automation, CAS" is the institute), and repeats. */
function dropParentsAndDuplicates(parts: TextResolverParts, results: Array<{ affiliation: Affiliation; record: InstRecord }>) {
  const keys = new Set(results.map((r) => r.record.key));
  const ancestors = new Set<string>();
  for (const { record } of results) {
    let parent = record.parentId ? parts.records.get(record.parentId) : undefined;
    for (let depth = 0; parent && depth < 5; depth++) {
      if (keys.has(parent.key)) ancestors.add(parent.key);
      parent = parent.parentId ? parts.records.get(parent.parentId) : undefined;
    }
  }
  const seen = new Set<string>();
  return results.filter(({ record, affiliation }) => {
    const key = `${record.key}|${affiliation.country}`;
    if (ancestors.has(record.key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `read`: the tokens whose words classify the segments (typos corrected); conventions read the words as written. */
function fromContext(parts: TextResolverParts, raw: string, cleaned: string, tokens: Token[], places: PlaceHit[], emailDomain: string | null, read: Token[] = tokens): Affiliation[] {
  const segments = segmentTokens(read, cleaned, places);
  const found = institutionPhrase(segments);
  // a legal form alone ("Inc", "Ltd.") is never an institution
  const phrase = found && isLegalFormOnly(tokens, found.start, found.end) ? null : found;
  const located = countryFromPlaces(places);
  if (phrase) return [unknownInstitution(parts, raw, phrase, located, emailDomain, tokens)];
  const what = describeSegments(segments);
  if (located) {
    return [countryWithoutInstitution(raw, what, located.country, 'place', CONFIDENCE.placeNoInstitution, `no institution named (${what}); country from ${located.evidence}`)];
  }
  // a legal form alone ("Inc.", "GmbH") names no body whose convention could place it
  const convention = found && !phrase ? null : nameConvention(tokens, raw);
  if (convention) {
    return [countryWithoutInstitution(raw, what, convention.country, 'pattern', CONFIDENCE.convention, `no institution or place named; ${convention.why}: ${convention.country}`)];
  }
  return [noInstitution(parts, raw, emailDomain, `names no institution, only ${what}`)];
}

/** A text naming no institution whose country something else in it gives (a place, a naming convention). */
function countryWithoutInstitution(raw: string, what: string, country: string, method: ResolveMethod, confidence: number, evidence: string): Affiliation {
  const affiliation: Affiliation = {
    raw,
    institution: null,
    institutionId: null,
    country,
    hqCountry: null,
    sector: null,
    confidence,
    method,
    evidence: [evidence],
    reason: `names no institution, only ${what}`,
  };
  note(affiliation, [], true);
  return affiliation;
}

let demonyms: { countries: Map<string, string>; notBefore: Map<string, string[]>; notAfter: Map<string, string[]> } | null = null;
/**
 * "Swiss Federal Institute of Technology": a nationality adjective in an institution-looking name, unless
 * the words next to it are ones it carries abroad too ("American University of ...", "Latin American").
 */
function demonymIn(phrase: Segment, tokens: Token[]): { country: string; why: string } | null {
  if (!demonyms) {
    const data = readDataJson<{ demonyms: Record<string, string>; notBefore?: Record<string, string[]>; notAfter?: Record<string, string[]> }>('demonyms.json');
    demonyms = { countries: new Map(Object.entries(data.demonyms)), notBefore: new Map(Object.entries(data.notBefore ?? {})), notAfter: new Map(Object.entries(data.notAfter ?? {})) };
  }
  for (let i = phrase.start; i < phrase.end; i++) {
    const country = demonyms.countries.get(tokens[i].surface);
    if (!country) continue;
    const after = tokens.slice(i + 1, Math.min(phrase.end, i + 4)).map((t) => t.norm).join(' ');
    if ((demonyms.notBefore.get(tokens[i].surface) ?? []).some((w) => after === w || after.startsWith(`${w} `))) continue;
    if (i > 0 && (demonyms.notAfter.get(tokens[i].surface) ?? []).includes(tokens[i - 1].norm)) continue;
    return { country, why: `nationality '${tokens[i].surface}' in the name (data/resolve/demonyms.json)` };
  }
  return null;
}

let conventions: Array<{ pattern: RegExp; text?: 'surface'; country: string; why: string }> | null = null;
/** A naming convention of one country's institutions ("State Key Laboratory of ..." is Chinese). */
function nameConvention(tokens: Token[], written: string): { country: string; why: string } | null {
  conventions ??= readDataJson<{ conventions: Array<{ pattern: string; text?: 'surface'; flags?: string; country: string; why: string }> }>('name-conventions.json').conventions.map(
    (c) => ({ ...c, pattern: new RegExp(c.pattern, c.flags), why: `naming convention of ${c.why} (data/resolve/name-conventions.json)` }),
  );
  const text = tokens.map((t) => t.norm).join(' ');
  // most patterns read the normalised words; a 'surface' one the text as written (accents and apostrophes kept)
  return conventions.find((c) => c.pattern.test(c.text === 'surface' ? written : text)) ?? null;
}

function describeSegments(segments: Segment[]): string {
  const kinds = new Set(segments.map((s) => s.kind));
  if (kinds.has('department')) return 'a department';
  if (kinds.has('place')) return 'a place';
  return 'generic words';
}

function unknownInstitution(parts: TextResolverParts, raw: string, phrase: Segment, located: PlaceCountry | null, emailDomain: string | null, tokens: Token[]): Affiliation {
  const method: ResolveMethod = phrase.kind === 'institution' ? 'pattern' : 'place';
  const base: Affiliation = {
    raw,
    institution: phrase.text,
    institutionId: null,
    country: null,
    hqCountry: null,
    sector: null,
    confidence: 0,
    method,
    evidence: [`'${phrase.text}' ${phrase.kind === 'institution' ? 'looks like an institution' : 'may name an organisation'} not in the knowledge base`],
  };
  let result: Affiliation;
  const usable = located && (method === 'pattern' || located.kind !== 'city' || located.standalone) ? located : null;
  if (usable) {
    const strong = usable.kind !== 'city';
    result = {
      ...base,
      country: usable.country,
      confidence: method === 'place' ? CONFIDENCE.place : strong ? CONFIDENCE.patternCountry : CONFIDENCE.patternCity,
      evidence: [...base.evidence, `country from ${usable.evidence}`],
    };
  } else {
    const fromDomain = emailDomain && !isWebmail(emailDomain) ? countryOfDomain(emailDomain) : null;
    const convention = fromDomain ? null : (nameConvention(tokens, raw) ?? demonymIn(phrase, tokens));
    result = fromDomain
      ? { ...base, country: fromDomain, method: 'domain', confidence: CONFIDENCE.domainCountry, evidence: [...base.evidence, `country from e-mail domain ${emailDomain}`] }
      : convention
        ? { ...base, country: convention.country, method: 'pattern', confidence: CONFIDENCE.convention, evidence: [...base.evidence, `${convention.why}: ${convention.country}`] }
        : { ...base, method: 'unresolved', reason: `unknown institution '${phrase.text}' and no place or e-mail domain gives its country` };
  }
  note(result, [], false);
  return result;
}

/** A text naming no institution: the e-mail domain may settle it; otherwise unresolved with the reason. */
function noInstitution(parts: TextResolverParts, raw: string, emailDomain: string | null, reason: string): Affiliation {
  const byDomain = emailDomain ? fromEmailDomain(parts, raw, emailDomain, reason) : null;
  const result: Affiliation = byDomain ?? unresolvedAffiliation(raw, reason);
  note(result, [], true);
  return result;
}

export function fromEmailDomain(parts: TextResolverParts, raw: string, emailDomain: string, reason: string): Affiliation | null {
  if (isWebmail(emailDomain)) return null;
  const records = parts.names.byDomain(emailDomain);
  const record = records.find((r) => r.source === 'curated') ?? records[0];
  if (record && record.country) {
    return {
      raw,
      institution: record.name,
      institutionId: record.id,
      country: record.country,
      hqCountry: multinationalRoot(parts, record)?.country ?? null,
      sector: record.sector,
      confidence: CONFIDENCE.domainInstitution,
      method: 'domain',
      evidence: [`${reason}; e-mail domain ${emailDomain} -> ${describe(record)} [${record.origin}]`],
    };
  }
  const country = countryOfDomain(emailDomain);
  if (!country) return null;
  return {
    raw,
    institution: null,
    institutionId: null,
    country,
    hqCountry: null,
    sector: null,
    confidence: CONFIDENCE.domainCountry,
    method: 'domain',
    evidence: [`${reason}; e-mail domain ${emailDomain} is in ${country}`],
  };
}

/** An affiliation nothing could place, with the reason. */
export function unresolvedAffiliation(raw: string, reason: string): Affiliation {
  return { raw, institution: null, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason };
}
