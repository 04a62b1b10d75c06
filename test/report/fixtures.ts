// A small analyze output directory for the report and dashboard tests: papers.jsonl and a summary.json
// made by the same code as `analyze` (summarize), from papers whose every number is hand-countable,
// plus one paper with hostile text in its title, author name and affiliation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { paperCountries } from '../../src/definitions.js';
import { summarize, type Summary } from '../../src/run.js';
import { DEFAULT_DEFINITIONS, type Affiliation, type Author, type Paper, type Sector, type TechnologyHit } from '../../src/types.js';

export const EVIL_TITLE = '<script>alert(1)</script> & "Robust" Learning';
export const EVIL_AFFILIATION = '<img src=x onerror="window.__pwned=1">, Evil Lab, USA';
export const EVIL_INSTITUTION = '<b>Evil</b> Institute';
export const EVIL_AUTHOR = 'Mallory <svg onload="window.__pwned=2">';

function aff(institution: string, country: string, sector: Sector = 'education', hqCountry: string | null = null, raw = institution): Affiliation {
  return {
    raw,
    institution,
    institutionId: `${country.toLowerCase()}-${institution.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    country,
    hqCountry,
    sector,
    confidence: 0.95,
    method: 'alias',
    evidence: [`alias '${raw}' -> ${institution} (${country})`],
  };
}

const mit = () => aff('Massachusetts Institute of Technology', 'US', 'education', null, 'MIT');
const stanford = () => aff('Stanford University', 'US');
const google = () => aff('Google', 'US', 'company', 'US', 'Google Research');
const tsinghua = () => aff('Tsinghua University', 'CN');
const peking = () => aff('Peking University', 'CN');
const tencent = () => aff('Tencent', 'CN', 'company', 'CN', 'Tencent AI Lab');
const msra = () => aff('Microsoft Research Asia', 'CN', 'company', 'US');
const hkust = () => aff('Hong Kong University of Science and Technology', 'HK');
const toronto = () => aff('University of Toronto', 'CA');
const evil = (): Affiliation => ({ ...aff(EVIL_INSTITUTION, 'US', 'nonprofit', null, EVIL_AFFILIATION), institutionId: null });
const unresolved = (): Affiliation => ({
  raw: 'Somewhere',
  institution: null,
  institutionId: null,
  country: null,
  hqCountry: null,
  sector: null,
  confidence: 0,
  method: 'unresolved',
  evidence: [],
  reason: 'no rule matched',
});

const resnet: TechnologyHit = { id: 'resnet', name: 'ResNet', origin: { organization: 'Microsoft Research Asia', country: 'CN' }, matched: ['ResNet-50'], where: ['abstract'] };
const transformer: TechnologyHit = { id: 'transformer', name: 'Transformer', origin: { organization: 'Google', country: 'US' }, matched: ['Transformer'], where: ['title'] };

function author(name: string, ...affiliations: Affiliation[]): Author {
  return { name, affiliations };
}

let index = 0;
function paper(
  id: string,
  venue: string,
  year: number,
  fields: string[],
  authors: Author[],
  extra: { title?: string; track?: string; technologies?: TechnologyHit[] } = {},
): Paper {
  const p: Paper = {
    id,
    source: { file: `${venue.toLowerCase()}${year}.json`, index: index++ },
    venue,
    year,
    title: extra.title ?? `Paper ${id}`,
    track: extra.track ?? 'main',
    status: null,
    topic: null,
    keywords: [],
    url: `https://example.org/${id}`,
    authors,
    countries: [],
    fields,
    fieldEvidence: fields.map((field, i) => ({ field, signal: 'title', terms: [field], score: 5 - i })),
    technologies: extra.technologies ?? [],
  };
  p.countries = paperCountries(p, DEFAULT_DEFINITIONS);
  return p;
}

/**
 * US-CN collaboration papers under the default definitions (8):
 *   2016: n16-1 (MIT + Tsinghua), n16-3 (Google + MSRA: CN lab, US headquarters)
 *   2017: n17-1 (MIT + Tencent), n17-4 (one author at MIT and Tsinghua), n17-5 (Workshop track)
 *   2018: n18-1 (Google + Tsinghua + Toronto), n18-2 (Stanford + Peking), evil (Evil Institute US + Tsinghua)
 * Not: n17-2 (HKUST + Stanford: only with greater China), and the single-country papers.
 * Switches: greater China +1 (9); hq -1 (7: n16-3); dual ignore -1 (7: n17-4); first affiliation -1 (7: n17-4);
 * main track -1 (7: n17-5, and one paper fewer in scope).
 */
export function fixturePapers(): Paper[] {
  index = 0;
  return [
    paper('n16-1', 'NeurIPS', 2016, ['vision'], [author('Ann', mit()), author('Bo', tsinghua())], { technologies: [resnet] }),
    paper('n16-2', 'NeurIPS', 2016, ['theory'], [author('Cy', stanford()), author('Di', toronto())]),
    paper('n16-3', 'NeurIPS', 2016, ['llm-nlp'], [author('Ed', google()), author('Fu', msra())], { technologies: [transformer] }),
    paper('n16-4', 'ICML', 2016, ['optimization'], [author('Gao', tsinghua()), author('Hu', peking())]),
    paper('n16-5', 'ICML', 2016, ['theory'], [author('Ida', mit())]),
    paper('n16-6', 'NeurIPS', 2016, ['vision'], [author('Jo', stanford()), author('Kai', unresolved())], { technologies: [resnet] }),
    paper('n17-1', 'NeurIPS', 2017, ['vision'], [author('Lu', mit()), author('Ma', tencent())], { technologies: [resnet] }),
    paper('n17-2', 'NeurIPS', 2017, ['vision'], [author('Ni', hkust()), author('Ola', stanford())]),
    paper('n17-3', 'ICML', 2017, ['theory'], [author('Pat', mit()), author('Qi', stanford())]),
    paper('n17-4', 'ICML', 2017, ['llm-nlp'], [author('Dual Author', mit(), tsinghua())], { technologies: [transformer] }),
    paper('n17-5', 'NeurIPS', 2017, [], [author('Ray', google()), author('Su', tsinghua())], { track: 'Workshop' }),
    paper('n17-6', 'ICML', 2017, ['optimization'], [author('Tao', peking())]),
    paper('n17-7', 'NeurIPS', 2017, ['theory'], [author('Uma', toronto())]),
    paper('n18-1', 'NeurIPS', 2018, ['vision', 'generative-models'], [author('Vi', google()), author('Wu', tsinghua()), author('Xa', toronto())], { technologies: [resnet, transformer] }),
    paper('n18-2', 'NeurIPS', 2018, ['llm-nlp'], [author('Yu', stanford()), author('Zi', peking())], { technologies: [transformer] }),
    paper('n18-3', 'ICML', 2018, ['optimization'], [author('Al', tsinghua())]),
    paper('n18-4', 'ICML', 2018, ['theory'], [author('Bea', mit())]),
    paper('n18-5', 'NeurIPS', 2018, ['vision'], [author('Cai', stanford()), author('Dan', google())], { technologies: [resnet] }),
    paper('n18-6', 'ICML', 2018, ['llm-nlp'], [author('Eve', peking()), author('Fan', tencent())]),
    paper('evil', 'NeurIPS', 2018, ['safety-alignment'], [author(EVIL_AUTHOR, evil()), author('Gu', tsinghua())], { title: EVIL_TITLE }),
  ];
}

export const FIXTURE_PAIR_PAPERS = 8;
export const FIXTURE_PAIR_PAPERS_2018 = 3;

export interface FixtureRun {
  dir: string;
  papers: Paper[];
  summary: Summary;
}

/** Writes papers.jsonl and summary.json (as `analyze` would) into a new temporary directory. */
export function writeFixtureRun(papers: Paper[] = fixturePapers(), dir = mkdtempSync(join(tmpdir(), 'collabscope-report-'))): FixtureRun {
  const summary = summarize({ papers, warnings: [], skipped: [] }, ['US', 'CN'], DEFAULT_DEFINITIONS);
  writeFileSync(join(dir, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  return { dir, papers, summary: JSON.parse(JSON.stringify(summary)) as Summary };
}
