// From the known names found in a text to its affiliations: which institution each name means (the
// context decides between namesakes), where each counts (placing.ts), and which of several are kept
// (a contradicted acronym, a parent named beside its child and repeats are left out).
import type { Affiliation, ResolveMethod } from '../types.js';
import { surfaceOf, type Token } from './normalize.js';
import type { PlaceHit } from './places.js';
import type { Mention } from './name-index.js';
import { chooseCandidate, countryFromPlaces, describe, soleCandidate, type Choice, type DisambiguationContext, type PlaceCountry } from './context.js';
import { identityOf, recordAffiliation, type InstRecord } from './records.js';
import { WORD_ORDER_NOTE } from './word-order.js';
import { touches } from './name-rewrites.js';
import { multinationalRoot, ownLegalForm, placeCampus, placeCompanyLab, placeCountryless, placeInsideName, placeMultinational, siteInName } from './placing.js';
import { CONFIDENCE, note, type TextResolverParts } from './text-parts.js';

function outside(places: PlaceHit[], mentions: Mention[]): PlaceHit[] {
  return places.filter((p) => !mentions.some((m) => p.start < m.end && m.start < p.end));
}

export function fromMentions(
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
  if (hq) result = placeMultinational(parts, base, record, hq, site, record === hq && !site ? ownLegalForm(raw, tokens, mention) : null);
  else if (!record.country) result = placeCountryless(base, located ?? placeInsideName(parts, tokens, mention), emailDomain);
  else if (record.sector === 'company' && located?.standalone && located.country !== record.country) result = placeCompanyLab(base, located);
  else result = placeCampus(base, namedCountries);
  note(result, choice.byPrior ? choice.alternatives : [], false);
  return result;
}

/** Parents named beside their children are left out ("Institute of Automation, CAS" is the institute), and repeats. */
function dropParentsAndDuplicates(parts: TextResolverParts, results: Array<{ affiliation: Affiliation; record: InstRecord }>) {
  const keys = new Set(results.map((r) => identityOf(r.record)));
  const ancestors = new Set<string>();
  for (const { record } of results) {
    let parent = record.parentId ? parts.records.get(record.parentId) : undefined;
    for (let depth = 0; parent && depth < 5; depth++) {
      if (keys.has(identityOf(parent))) ancestors.add(identityOf(parent));
      parent = parent.parentId ? parts.records.get(parent.parentId) : undefined;
    }
  }
  const seen = new Set<string>();
  return results.filter(({ record, affiliation }) => {
    const key = `${identityOf(record)}|${affiliation.country}`;
    if (ancestors.has(identityOf(record)) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
