// A text in which no known name matched: an institution-looking phrase placed by the text's places, the
// e-mail domain or a naming convention; else a place or convention without an institution; else the
// e-mail domain alone; otherwise unresolved with the reason.
import type { Affiliation, ResolveMethod } from '../types.js';
import type { Token } from './normalize.js';
import type { PlaceHit } from './places.js';
import { countryFromPlaces, describe, type PlaceCountry } from './context.js';
import { segmentTokens, institutionPhrase, isLegalFormOnly, type Segment } from './segment.js';
import { countryOfDomain, isWebmail } from './domains.js';
import { readDataJson } from './data.js';
import { multinationalRoot } from './placing.js';
import { CONFIDENCE, note, type TextResolverParts } from './text-parts.js';

/** `read`: the tokens whose words classify the segments (typos corrected); conventions read the words as written. */
export function fromContext(parts: TextResolverParts, raw: string, cleaned: string, tokens: Token[], places: PlaceHit[], emailDomain: string | null, read: Token[] = tokens): Affiliation[] {
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
  const affiliation: Affiliation = { ...countryOnly(raw, country, method, confidence, evidence), reason: `names no institution, only ${what}` };
  note(affiliation, [], true);
  return affiliation;
}

/** An answer of a country and no institution. */
function countryOnly(raw: string, country: string, method: ResolveMethod, confidence: number, evidence: string): Affiliation {
  return { raw, institution: null, institutionId: null, country, hqCountry: null, sector: null, confidence, method, evidence: [evidence] };
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
export function noInstitution(parts: TextResolverParts, raw: string, emailDomain: string | null, reason: string): Affiliation {
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
  return countryOnly(raw, country, 'domain', CONFIDENCE.domainCountry, `${reason}; e-mail domain ${emailDomain} is in ${country}`);
}

/** An affiliation nothing could place, with the reason. */
export function unresolvedAffiliation(raw: string, reason: string): Affiliation {
  return { raw, institution: null, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason };
}
