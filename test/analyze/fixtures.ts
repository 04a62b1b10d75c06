// Small synthetic corpora for the analytics tests, with every number hand-computable.
import { paperCountries } from '../../src/definitions.js';
import { DEFAULT_DEFINITIONS, type Affiliation, type Author, type Definitions, type Paper, type Sector } from '../../src/types.js';

export function aff(institution: string | null, country: string | null, sector: Sector | null = 'education', hqCountry: string | null = null): Affiliation {
  return {
    raw: institution ?? 'somewhere',
    institution,
    institutionId: institution ? institution.toLowerCase().replace(/[^a-z]+/g, '-') : null,
    country,
    hqCountry,
    sector,
    confidence: 1,
    method: institution ? 'alias' : 'unresolved',
    evidence: [],
  };
}

export function author(name: string, ...affiliations: Affiliation[]): Author {
  return { name, affiliations };
}

let counter = 0;

export function paper(
  spec: { year: number; venue?: string; track?: string | null; fields?: string[]; id?: string; unattributed?: Affiliation[] },
  authors: Author[],
  definitions: Definitions = DEFAULT_DEFINITIONS,
): Paper {
  const p: Paper = {
    id: spec.id ?? `p${++counter}`,
    source: { file: 'fixture', index: counter },
    venue: spec.venue ?? 'NeurIPS',
    year: spec.year,
    title: 'a paper',
    track: spec.track ?? null,
    status: null,
    topic: null,
    keywords: [],
    url: null,
    authors,
    countries: [],
    fields: spec.fields ?? [],
    fieldEvidence: [],
    technologies: [],
    ...(spec.unattributed?.length ? { unattributed: spec.unattributed } : {}),
  };
  p.countries = paperCountries(p, definitions);
  return p;
}

// Institutions.
export const google = () => aff('Google', 'US', 'company', 'US');
export const mit = () => aff('MIT', 'US');
export const stanford = () => aff('Stanford University', 'US');
export const cmu = () => aff('Carnegie Mellon University', 'US');
export const tsinghua = () => aff('Tsinghua University', 'CN');
export const peking = () => aff('Peking University', 'CN');
export const msra = () => aff('Microsoft Research Asia', 'CN', 'company', 'US');
export const toronto = () => aff('University of Toronto', 'CA');
export const hkust = () => aff('HKUST', 'HK');
export const unresolved = () => aff(null, null, null);

/**
 * Six papers, pair US-CN, default definitions:
 *   P1 2016 vision        Google(US) + Tsinghua(CN)                               pair
 *   P2 2016 llm-nlp,vision MIT(US) + [MIT(US), Tsinghua(CN)] dual + unresolved    pair (only through the dual author)
 *   P3 2017 llm-nlp       Stanford(US) + Toronto(CA)
 *   P4 2017 llm-nlp       Peking(CN) + MSRA(CN lab, US headquarters), Workshop track
 *   P5 2017 (no field)    HKUST(HK) + Google(US) + Tsinghua(CN)                   pair, third country HK
 *   P6 2018 vision        HKUST(HK) + CMU(US)                                     pair only with greater China
 */
export function smallCorpus(): Paper[] {
  return [
    paper({ year: 2016, fields: ['vision'], id: 'P1' }, [author('a', google()), author('b', tsinghua())]),
    paper({ year: 2016, fields: ['llm-nlp', 'vision'], id: 'P2' }, [author('c', mit()), author('Dual Author', mit(), tsinghua()), author('e', unresolved())]),
    paper({ year: 2017, fields: ['llm-nlp'], id: 'P3' }, [author('f', stanford()), author('g', toronto())]),
    paper({ year: 2017, fields: ['llm-nlp'], id: 'P4', track: 'Workshop' }, [author('h', peking()), author('i', msra())]),
    paper({ year: 2017, fields: [], id: 'P5' }, [author('j', hkust()), author('k', google()), author('l', tsinghua())]),
    paper({ year: 2018, fields: ['vision'], id: 'P6' }, [author('m', hkust()), author('n', cmu())]),
  ];
}

export const PAIR: [string, string] = ['US', 'CN'];
