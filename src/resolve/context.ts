// Context rules: what the places and the e-mail domain in an affiliation say about its country, and
// which of several institutions sharing a name ("Northeastern University", "NTU") is meant.
import type { PlaceHit } from './places.js';
import { countryOfDomain, domainSuffixes } from './domains.js';
import { cachedNameKey, nameKey } from './normalize.js';
import { identityOf, SOURCE_RANK, type InstRecord } from './records.js';
import { readDataJson } from './data.js';

/** A country read from the places in a text, with how it was read. */
export interface PlaceCountry {
  country: string;
  kind: PlaceHit['kind'];
  /** The words that placed it ("Shenyang", "CA", "China"). */
  words: string;
  evidence: string;
  /** The place stands as an address segment of its own (", Shenyang,"), not inside a name. */
  standalone: boolean;
}

const KIND_WORD: Record<PlaceHit['kind'], string> = { country: 'country', state: 'state', province: 'province', city: 'city' };

/**
 * The country the places of a text point to. Countries named outright win (the last one: addresses end
 * with the country), then US states ("Cambridge, MA"), then Chinese and Canadian provinces, then the
 * first city (the first standing as an address segment of its own, if any); a city
 * several countries share ("Cambridge") is its largest namesake's, the evidence says which others there are.
 */
export function countryFromPlaces(hits: PlaceHit[]): PlaceCountry | null {
  if (hits.length === 0) return null;
  for (let k = 0; k < DIVISION_KINDS.length; k++) {
    const kind = DIVISION_KINDS[k];
    const last = lastOfKind(hits, kind);
    if (last) {
      // "Perth, WA": a division several countries have takes the country another place of the text is in
      const country = last.countries.length > 1 ? (last.countries.find((c) => hits.some((h) => h !== last && h.countries.includes(c))) ?? last.countries[0]) : last.countries[0];
      return { country, kind, words: last.text, evidence: `'${last.text}' is a ${KIND_WORD[kind]} (${country})`, standalone: last.standalone };
    }
  }
  // the first city: "Acme Research, Zurich, Toronto, Berlin" is where the first address is
  const city = hits.find((h) => h.kind === 'city' && h.standalone) ?? hits.find((h) => h.kind === 'city');
  return city ? cityCountry(city) : null;
}

const DIVISION_KINDS = ['country', 'state', 'province'] as const;

function lastOfKind(hits: PlaceHit[], kind: PlaceHit['kind']): PlaceHit | undefined {
  for (let i = hits.length - 1; i >= 0; i--) if (hits[i].kind === kind) return hits[i];
  return undefined;
}

function cityCountry(city: PlaceHit): PlaceCountry {
  const country = city.countries[0];
  const others = city.countries.length > 1 ? ` (largest of ${city.countries.length} namesakes, also ${city.countries.slice(1, 4).join(', ')})` : '';
  return { country, kind: 'city', words: city.text, evidence: `'${city.text}' is a city in ${country}${others}`, standalone: city.standalone };
}

export interface DisambiguationContext {
  /** Countries of the places in the text outside the mention. */
  placeCountries: Set<string>;
  /** Normalised words of the whole text (for city and `places` words); computed when first needed. */
  words: () => Set<string>;
  /** Normalised text, for multi-word place look-ups. */
  normText: string;
  /** Countries named inside the matched name itself ("Korea University"). */
  nameCountries: Set<string>;
  emailDomain: string | null;
}

export interface Choice {
  record: InstRecord;
  /** Why this one, when there were several. */
  evidence: string | null;
  /** Decided by a prior rather than by anything in the text or e-mail. */
  byPrior: boolean;
  alternatives: InstRecord[];
}

/**
 * Picks one institution among candidates sharing a name. Scores: a country named in the text, the
 * institution's city or `places` words in the text, the e-mail domain (its own, or its country's code).
 * Without any of these, the prior decides (the curated base over bulk lists, then shared-names.json's
 * default, then the institution that has the name as written rather than only without its legal form,
 * then the one whose entry does not need context words — the one people mean when the name stands alone)
 * and the choice is marked as such.
 */
export function chooseCandidate(candidates: InstRecord[], context: DisambiguationContext, matchedKey = ''): Choice {
  const sole = soleCandidate(candidates);
  if (sole) return sole;
  const distinct = dedupeCandidates(candidates);
  const fallback = sharedNameDefault(matchedKey);
  const scored = distinct.map((record) => ({ record, ...score(record, context) }));
  scored.sort((a, b) => b.score - a.score || prior(a.record, fallback, matchedKey) - prior(b.record, fallback, matchedKey));
  const [best, second] = scored;
  const alternatives = scored.slice(1).map((s) => s.record);
  if (best.score > second.score) {
    return { record: best.record, evidence: `chose ${describe(best.record)} over ${describe(second.record)}: ${best.reasons.join(', ')}`, byPrior: false, alternatives };
  }
  return {
    record: best.record,
    evidence: `name shared by ${scored.map((s) => describe(s.record)).join(' and ')}; nothing in the text tells them apart, took ${describe(best.record)} by default`,
    byPrior: true,
    alternatives,
  };
}

function score(record: InstRecord, context: DisambiguationContext): { score: number; reasons: string[] } {
  let total = 0;
  const reasons: string[] = [];
  if (record.country && context.placeCountries.has(record.country)) {
    total += 3;
    reasons.push(`the text names a place in ${record.country}`);
  }
  if (record.country && context.nameCountries.has(record.country)) {
    total += 2;
    reasons.push(`the name itself names ${record.country}`);
  }
  const placeWords = [record.city, ...record.places].filter((w): w is string => !!w);
  const matched = placeWords.find((w) => containsWords(context, w));
  if (matched) {
    total += 2;
    reasons.push(`'${matched}' in the text`);
  }
  if (context.emailDomain) {
    const suffixes = domainSuffixes(context.emailDomain);
    if (record.domains.some((d) => suffixes.includes(d))) {
      total += 2;
      reasons.push(`e-mail domain ${context.emailDomain}`);
    } else if (record.country && countryOfDomain(context.emailDomain) === record.country) {
      total += 1;
      reasons.push(`e-mail domain ${context.emailDomain} is in ${record.country}`);
    }
  }
  return { score: total, reasons };
}

/** Keys of the knowledge base's city and `places` words, normalised once each rather than on every text. */
const placeWordKeys = new Map<string, string>();

function containsWords(context: DisambiguationContext, phrase: string): boolean {
  let key = placeWordKeys.get(phrase);
  if (key === undefined) placeWordKeys.set(phrase, (key = nameKey(phrase)));
  if (!key) return false;
  return key.includes(' ') ? ` ${context.normText} `.includes(` ${key} `) : context.words().has(key);
}

/**
 * Curated before imported before swot; then the country data/resolve/shared-names.json gives the name
 * when it stands alone; then entries without context words before those that need them.
 */
function prior(record: InstRecord, fallbackCountry: string | null, matchedKey: string): number {
  return SOURCE_RANK[record.source] * 10 + (fallbackCountry && record.country !== fallbackCountry ? 4 : 0) + (writes(record, matchedKey) ? 0 : 2) + (record.places.length > 0 ? 1 : 0);
}

/**
 * Whether the record has the matched name as written, not only without its legal form: "Robert Bosch"
 * is the parent's written name, a US lab's "Robert Bosch LLC" without its form.
 */
function writes(record: InstRecord, matchedKey: string): boolean {
  return matchedKey === '' || [record.name, ...record.aliases].some((n) => cachedNameKey(n) === matchedKey);
}

let sharedNames: Map<string, string> | null = null;
/** The default country of a shared name, looked up by its normalised key (or acronym as written). */
function sharedNameDefault(key: string): string | null {
  if (!sharedNames) {
    const table = readDataJson<{ defaults: Record<string, string> }>('shared-names.json').defaults;
    sharedNames = new Map();
    for (const [name, country] of Object.entries(table)) {
      sharedNames.set(nameKey(name), country);
      sharedNames.set(name, country);
    }
  }
  return sharedNames.get(key) ?? null;
}

/** The choice when a name stands for one institution only (the usual case: nothing to weigh). */
export function soleCandidate(candidates: InstRecord[]): Choice | null {
  const first = candidates[0];
  if (!first) return null;
  for (let i = 1; i < candidates.length; i++) if (identityOf(candidates[i]) !== identityOf(first)) return null;
  return { record: first, evidence: null, byPrior: false, alternatives: [] };
}

/** The same institution listed twice (a lab and its parent share no key; swot duplicates do). */
function dedupeCandidates(candidates: InstRecord[]): InstRecord[] {
  const seen = new Set<string>();
  const out: InstRecord[] = [];
  for (const c of candidates) {
    const k = identityOf(c);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

export function describe(record: InstRecord): string {
  return `${record.name} (${record.country ?? '??'}, ${record.id ?? record.origin})`;
}
