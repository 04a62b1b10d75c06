// A hand-made corpus with parent links, every number hand-computable (invented organisations):
//
//   Academy (cn-academy, government)
//     Institute A (cn-academy-a, government), Institute B (cn-academy-b, facility)
//     University of the Academy (cn-academy-univ, education): contested link
//   Holding (us-holding, company)
//     BigCo (us-bigco, company): a subsidiary (rolled up only under top)
//       BigCo Research (us-bigco-research, US), BigCo Research East (cn-bigco-east, CN lab)
//   Plains University (us-plains, education): no parent
//
//   Q1  Institute A(CN), Institute B(CN), BigCo Research(US)            two units of one parent on one paper
//   Q2  University of the Academy(CN), BigCo(US)
//   Q3  BigCo Research East(CN), Plains University(US)
//   Q4  [Institute A(CN) + Academy(CN)], [BigCo Research(US) + BigCo(US)]
import type { Affiliation, Author, Paper, Sector } from '../../src/types.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { paperCountries } from '../../src/definitions.js';

export const ORGANISATION_RECORDS: Array<{ id: string; name: string; country: string; sector: Sector; parent?: string; parentKind?: 'part' | 'subsidiary'; parentContested?: boolean }> = [
  { id: 'cn-academy', name: 'Academy', country: 'CN', sector: 'government' },
  { id: 'cn-academy-a', name: 'Institute A', country: 'CN', sector: 'government', parent: 'cn-academy' },
  { id: 'cn-academy-b', name: 'Institute B', country: 'CN', sector: 'facility', parent: 'cn-academy' },
  { id: 'cn-academy-univ', name: 'University of the Academy', country: 'CN', sector: 'education', parent: 'cn-academy', parentContested: true },
  { id: 'us-holding', name: 'Holding', country: 'US', sector: 'company' },
  { id: 'us-bigco', name: 'BigCo', country: 'US', sector: 'company', parent: 'us-holding', parentKind: 'subsidiary' },
  { id: 'us-bigco-research', name: 'BigCo Research', country: 'US', sector: 'company', parent: 'us-bigco' },
  { id: 'cn-bigco-east', name: 'BigCo Research East', country: 'CN', sector: 'company', parent: 'us-bigco' },
  { id: 'us-plains', name: 'Plains University', country: 'US', sector: 'education' },
];

export function unit(id: string): Affiliation {
  const record = ORGANISATION_RECORDS.find((r) => r.id === id);
  if (!record) throw new Error(`no fixture record ${id}`);
  return {
    raw: record.name,
    institution: record.name,
    institutionId: record.id,
    country: record.country,
    hqCountry: id === 'cn-bigco-east' ? 'US' : null,
    sector: record.sector,
    confidence: 1,
    method: 'alias',
    evidence: [],
  };
}

function author(name: string, ...ids: string[]): Author {
  return { name, affiliations: ids.map(unit) };
}

function paper(id: string, authors: Author[]): Paper {
  const p: Paper = {
    id, source: { file: 'fixture', index: 0 }, venue: 'NeurIPS', year: 2024, title: id, track: null, status: null, topic: null,
    keywords: [], url: null, authors, countries: [], fields: ['vision'], fieldEvidence: [], technologies: [],
  };
  p.countries = paperCountries(p, DEFAULT_DEFINITIONS);
  return p;
}

export function organisationCorpus(): Paper[] {
  return [
    paper('Q1', [author('a', 'cn-academy-a'), author('b', 'cn-academy-b'), author('c', 'us-bigco-research')]),
    paper('Q2', [author('d', 'cn-academy-univ'), author('e', 'us-bigco')]),
    paper('Q3', [author('f', 'cn-bigco-east'), author('g', 'us-plains')]),
    paper('Q4', [author('h', 'cn-academy-a', 'cn-academy'), author('i', 'us-bigco-research', 'us-bigco')]),
  ];
}
