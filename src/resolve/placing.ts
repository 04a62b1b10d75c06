// Where a known institution named in a text counts: a multinational's lab where the text places it (else
// its headquarters, or nothing), a campus abroad where the text names it, a company's office where its
// address is, a source without a country by the text's places or the e-mail domain.
import type { Affiliation } from '../types.js';
import type { Token } from './normalize.js';
import type { Mention } from './name-index.js';
import { countryFromPlaces, type PlaceCountry } from './context.js';
import { countryOfDomain } from './domains.js';
import type { InstRecord } from './records.js';
import { CONFIDENCE, type TextResolverParts } from './text-parts.js';
import { legalFormCountry, legalFormsIn } from './legal-form.js';
import { cleanText } from './normalize.js';

/** A legal form written with a name that one jurisdiction alone provides, and that jurisdiction. */
export interface OwnLegalForm {
  country: string;
  written: string;
}

/** Between a name and its legal form: nothing that starts another name (a segment break or a conjunction). */
const OTHER_NAME = /[,;|()[\]/&+]|(?:^|\s)(?:and|und|et|y|e)(?:\s|$)/iu;

/**
 * The legal form of the name `mention` found in `raw` ("Zelkor K.K.", "Zelkor International Pte. Ltd."),
 * when one jurisdiction alone provides it: the first form after the name's start with nothing between the
 * name and it that starts another name ("Zelkor; Qarn Oy", "Zelkor and Qarn K.K." are not Zelkor's).
 */
export function ownLegalForm(raw: string, tokens: Token[], mention: Mention): OwnLegalForm | null {
  const text = cleanText(raw);
  const from = tokens[mention.start].start;
  const nameEnd = tokens[mention.end - 1].end;
  const hit = legalFormsIn(text).find((h) => h.start > from);
  if (!hit || (hit.start > nameEnd && OTHER_NAME.test(text.slice(nameEnd, hit.start)))) return null;
  const country = legalFormCountry([hit]);
  return country ? { country, written: hit.written.trim() } : null;
}

/** The multinational a record is or belongs to (a lab's parent company), if any. */
export function multinationalRoot(parts: TextResolverParts, record: InstRecord): InstRecord | null {
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
 * written with a legal form only one country's law provides counts there ("Zelkor K.K." -> JP; `ownForm`); with
 * no place falls back to its headquarters ('hq-default', lower confidence), or to nothing when
 * the option says so.
 */
export function placeMultinational(parts: TextResolverParts, base: Affiliation, record: InstRecord, hq: InstRecord, located: PlaceCountry | null, ownForm: OwnLegalForm | null = null): Affiliation {
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
  // "Zelkor K.K.": a legal form of the name that one country's law alone provides names the company's entity there
  if (ownForm) {
    result.country = ownForm.country;
    result.confidence = Math.min(result.confidence, CONFIDENCE.campusAbroad);
    result.evidence.push(`legal form '${ownForm.written}' is provided only by ${ownForm.country}'s law: the company's entity in ${ownForm.country}; headquarters ${hq.country} (${hq.id})`);
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
export function placeCampus(base: Affiliation, namedCountries: string[]): Affiliation {
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
export function placeCompanyLab(base: Affiliation, located: PlaceCountry): Affiliation {
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
export function siteInName(parts: TextResolverParts, tokens: Token[], mention: Mention, hq: InstRecord): PlaceCountry | null {
  const cities = parts.places.find(tokens.slice(mention.start, mention.end)).filter((p) => p.kind === 'city');
  const site = cities[cities.length - 1];
  if (!site) return null;
  if (hq.country && site.countries.includes(hq.country)) {
    return { country: hq.country, kind: 'city', words: site.text, evidence: `'${site.text}' in the name is a city in ${hq.country}, the company's own country`, standalone: false };
  }
  return countryFromPlaces([site]);
}

/** Places written inside a matched name of a bulk-list entry ("Institut Exemple, Lyon, France"). */
export function placeInsideName(parts: TextResolverParts, tokens: Token[], mention: Mention): PlaceCountry | null {
  return countryFromPlaces(parts.places.find(tokens.slice(mention.start, mention.end)));
}

/** A known institution whose source gives no country (a swot .org entry): the text's places or the e-mail's country code. */
export function placeCountryless(base: Affiliation, located: PlaceCountry | null, emailDomain: string | null): Affiliation {
  if (located) return { ...base, country: located.country, confidence: 0.7, evidence: [...base.evidence, `country from ${located.evidence}`] };
  const fromDomain = emailDomain ? countryOfDomain(emailDomain) : null;
  if (fromDomain) return { ...base, country: fromDomain, confidence: 0.6, evidence: [...base.evidence, `country from e-mail domain ${emailDomain}`] };
  return { ...base, method: 'unresolved', confidence: 0, reason: `${base.institution}: the source gives no country and neither the text nor an e-mail does` };
}
