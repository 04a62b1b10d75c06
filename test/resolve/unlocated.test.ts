import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { companyFromRecords, normaliseAnyName, normaliseName, placeUnlocated, describePlacement } from '../../src/resolve/unlocated.js';
import { paperCountries } from '../../src/definitions.js';
import { DEFAULT_DEFINITIONS, type Affiliation, type Author, type Paper } from '../../src/types.js';
import type { InstRecord } from '../../src/resolve/records.js';

// An invented multinational "Acme" (US) with a lab in France, and a university in China.
const acme = (): Affiliation => ({ raw: 'Acme Research', institution: 'Acme', institutionId: 'acme', country: 'US', hqCountry: 'US', sector: 'company', confidence: 0.6, method: 'hq-default', evidence: [] });
const acmeParis = (): Affiliation => ({ raw: 'Acme Lab Paris', institution: 'Acme Lab Paris', institutionId: 'acme-paris', country: 'FR', hqCountry: 'US', sector: 'company', confidence: 0.9, method: 'alias', evidence: [] });
const acmeBeijing = (): Affiliation => ({ raw: 'Acme, Beijing', institution: 'Acme', institutionId: 'acme', country: 'CN', hqCountry: 'US', sector: 'company', confidence: 0.9, method: 'alias', evidence: [] });
const uni = (): Affiliation => ({ raw: 'Some University', institution: 'Some University', institutionId: 'cn-some', country: 'CN', hqCountry: null, sector: 'education', confidence: 1, method: 'alias', evidence: [] });
const author = (name: string, ...affiliations: Affiliation[]): Author => ({ name, affiliations });
const paper = (id: string, authors: Author[]): Paper => ({
  id, source: { file: 'f', index: 0 }, venue: 'V', year: 2024, title: 't', track: null, status: null, topic: null, keywords: [], url: null,
  authors, countries: [], fields: [], fieldEvidence: [], technologies: [],
});
const record = (id: string, parentId: string | null, multinational: boolean) => ({ key: id, id, parentId, multinational }) as InstRecord;
const companyOf = companyFromRecords(new Map([['acme', record('acme', null, true)], ['acme-paris', record('acme-paris', 'acme', false)], ['cn-some', record('cn-some', null, false)]]));

function corpus(): Paper[] {
  return [
    paper('Q1', [author('Ana Ruiz', acme()), author('Bo Li', uni())]), // same author at Acme Paris on Q2
    paper('Q2', [author('Ána  Ruíz', acmeParis())]),
    paper('Q3', [author('Cy Dee', acme()), author('Di Eh', acmeBeijing())]), // a co-author at Acme, Beijing
    paper('Q4', [author('Ed Ef', acme()), author('Fy Gh', uni())]), // no evidence: headquarters
  ];
}

test('companies follow parent links to their multinational', () => {
  assert.equal(companyOf('acme-paris'), 'acme');
  assert.equal(companyOf('acme'), 'acme');
  assert.equal(companyOf('cn-some'), null);
  assert.equal(normaliseName(' Ána  Ruíz '), 'ana ruiz');
});

test('an unlocated company is placed by the same author elsewhere, then a co-author, else stays at headquarters', () => {
  const papers = corpus();
  const report = placeUnlocated(papers, companyOf);
  assert.deepEqual({ ...report, changed: report.changed.map((p) => p.id) }, { unlocated: 3, sameAuthor: 1, coAuthor: 1, headquarters: 1, changed: ['Q1', 'Q3'] });
  const [q1, , q3, q4] = papers;
  assert.deepEqual(q1.authors[0].affiliations[0].inferred, { country: 'FR', rule: 'same-author', paper: 'Q2', author: 'Ána  Ruíz', raw: 'Acme Lab Paris', support: 1, agreeing: 1 });
  assert.deepEqual(q3.authors[0].affiliations[0].inferred, { country: 'CN', rule: 'co-author', paper: 'Q3', author: 'Di Eh', raw: 'Acme, Beijing', support: 1, agreeing: 1 });
  assert.equal(q4.authors[0].affiliations[0].inferred, undefined);
  assert.match(describePlacement(q1.authors[0].affiliations[0].inferred!), /FR, from the same author .* 'Acme Lab Paris' on Q2/);
  // the resolver's answer is kept: the definitions choose
  const countries = (p: Paper, unlocated: 'infer' | 'hq' | 'exclude') => paperCountries(p, { ...DEFAULT_DEFINITIONS, unlocated });
  assert.deepEqual([countries(q1, 'infer'), countries(q1, 'hq'), countries(q1, 'exclude')], [['CN', 'FR'], ['CN', 'US'], ['CN']]);
  assert.deepEqual([countries(q3, 'infer'), countries(q3, 'hq'), countries(q3, 'exclude')], [['CN'], ['CN', 'US'], ['CN']]);
  assert.deepEqual([countries(q4, 'infer'), countries(q4, 'exclude')], [['CN', 'US'], ['CN']]);
});

test('the country most located sites agree on wins', () => {
  const papers = [
    paper('R1', [author('Hal Io', acme())]),
    paper('R2', [author('Hal Io', acmeBeijing())]),
    paper('R3', [author('Hal Io', acmeParis())]),
    paper('R4', [author('Hal Io', acmeParis())]),
  ];
  placeUnlocated(papers, companyOf);
  assert.deepEqual(papers[0].authors[0].affiliations[0].inferred, { country: 'FR', rule: 'same-author', paper: 'R3', author: 'Hal Io', raw: 'Acme Lab Paris', support: 3, agreeing: 2 });
});

test('a lab with sites in several countries is evidence only when its text names the place', () => {
  const multisite = new Set(['acme-paris']);
  const unplaced = [paper('S1', [author('Io Ju', acme()), author('Ka Lu', acmeParis())])];
  assert.equal(placeUnlocated(unplaced, companyOf, multisite).headquarters, 1);
  const placed = [paper('S2', [author('Io Ju', acme()), author('Ka Lu', { ...acmeParis(), raw: 'Acme Lab, Lyon', evidence: ["lab located by 'Lyon' is a city (FR)"] })])];
  assert.equal(placeUnlocated(placed, companyOf, multisite).coAuthor, 1);
  assert.equal(placed[0].authors[0].affiliations[0].inferred?.raw, 'Acme Lab, Lyon');
});

// The pass recognises a site the resolver placed from the text by the resolver's own evidence wording
// ('located by', or method 'place'). Resolve generic strings through the real resolver and curated
// base, so that a change of that wording in src/resolve/ fails here instead of silently dropping
// the evidence of every multi-site lab.
test('a multi-site lab placed by its text, as the real resolver words it, places an unlocated co-author', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-unlocated-'));
  const { createResolver } = await import('../../src/resolve/index.js');
  const { companyIndex, multisiteLabs } = await import('../../src/resolve/unlocated.js');
  const resolver = createResolver({ kbDirs: [], swot: false });
  const [placed] = resolver.resolve('Google DeepMind, Paris, France');
  assert.equal(placed.institutionId, 'gb-deepmind');
  assert.equal(placed.country, 'FR');
  const [bare] = resolver.resolve('Google');
  assert.equal(bare.method, 'hq-default');
  const multisite = multisiteLabs();
  assert.ok(multisite.has('gb-deepmind'), 'the test needs a multi-site lab');
  const companyOfKb = companyIndex([]);
  const run = (site: Affiliation) => {
    const papers = [paper('R1', [author('Gu Ha', bare), author('Hu Ia', site)])];
    return { report: placeUnlocated(papers, companyOfKb, multisite), papers };
  };
  const { report, papers } = run(placed);
  assert.equal(report.coAuthor, 1);
  assert.equal(papers[0].authors[0].affiliations[0].inferred?.country, 'FR');
  // the same lab by its entry alone (no place in the text) is no evidence
  const [entryOnly] = resolver.resolve('Google DeepMind');
  assert.equal(entryOnly.institutionId, 'gb-deepmind');
  assert.equal(run(entryOnly).report.headquarters, 1);
});

test('normaliseName: the ASCII path gives the key the full normalisation gives, for any text', () => {
  const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  const mixed = fc.string({ unit: fc.oneof(fc.constantFrom('A', 'z', '9', ' ', '-', '.', '\t', 'é', 'É', 'ß', 'İ', '\u0301', '\u00a0', '²', 'Ⅻ', 'ﬁ'), fc.constantFrom(...'aZ0 _/\\\n')), maxLength: 30 });
  fc.assert(
    fc.property(fc.oneof(ascii, mixed), (name) => {
      assert.equal(normaliseName(name), normaliseAnyName(name));
    }),
    { numRuns: 3000 },
  );
  assert.equal(normaliseName('  José  García-López '), 'jose garcia lopez');
  assert.equal(normaliseName('Jose Garcia_Lopez2'), 'jose garcia lopez2');
});
