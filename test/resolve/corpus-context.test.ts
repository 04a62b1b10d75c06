// The corpus-context pass (src/resolve/corpus-context.ts): an unresolved short name that leads other
// texts of the run, all naming one known institution, is read as it. Invented names throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextKey, mayTakeContext, resolveCorpusContext, CORPUS_CONTEXT_CONFIDENCE } from '../../src/resolve/corpus-context.js';
import type { Affiliation, Author, Paper } from '../../src/types.js';

const known = (raw: string, id: string, country: string, method: Affiliation['method'] = 'alias'): Affiliation => ({
  raw, institution: `Institution ${id}`, institutionId: id, country, hqCountry: null, sector: 'education', confidence: 0.95, method, evidence: [],
});
const unknown = (raw: string): Affiliation => ({
  raw, institution: raw, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason: `unknown institution '${raw}'`,
});
const department = (raw: string): Affiliation => ({
  raw, institution: null, institutionId: null, country: null, hqCountry: null, sector: null, confidence: 0, method: 'unresolved', evidence: [], reason: 'names no institution, only a department',
});
const author = (name: string, ...affiliations: Affiliation[]): Author => ({ name, affiliations });
const paper = (id: string, ...authors: Author[]): Paper => ({
  id, source: { file: 'f', index: 0 }, venue: 'V', year: 2024, title: 't', track: null, status: null, topic: null, keywords: [], url: null,
  authors, countries: [], fields: [], fieldEvidence: [], technologies: [],
});

test('a short name leading two texts that name one institution is read as that institution', () => {
  const papers = [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy of Sciences', 'zz-zas', 'CN'))),
    paper('P3', author('C', known('ZQL - Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  assert.equal(mayTakeContext(papers[0]), true);
  const report = resolveCorpusContext(papers);
  assert.equal(report.placed, 1);
  assert.deepEqual(report.changed.map((p) => p.id), ['P1']);
  const a = papers[0].authors[0].affiliations[0];
  assert.equal(a.method, 'corpus-context');
  assert.equal(a.country, 'CN');
  assert.equal(a.institutionId, 'zz-zas');
  assert.equal(a.confidence, CORPUS_CONTEXT_CONFIDENCE);
  assert.equal(a.reason, undefined);
  assert.match(a.evidence.at(-1) as string, /leads 2 texts .* 'ZQL, Zorbe Academy of Sciences' on P2/);
});

test('one supporting text is not enough, and texts naming two institutions decide nothing', () => {
  const single = [paper('P1', author('A', unknown('ZQL'))), paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN')))];
  assert.equal(resolveCorpusContext(single).placed, 0);
  const split = [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'), known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
    paper('P3', author('C', known('ZQL (Kelvar University)', 'zz-kelvar', 'US'))),
  ];
  assert.equal(resolveCorpusContext(split).placed, 0);
  assert.equal(split[0].authors[0].affiliations[0].country, null);
});

test('departments, long or multi-segment texts, hyphenated names and weak supporting answers are left alone', () => {
  const papers = [
    paper('P1', author('A', department('Department of Zorbology'), unknown('Zorbe Works, Kelvar'), unknown('ZQ'))),
    paper('P2', author('B', known('Department of Zorbology, Zorbe Academy', 'zz-zas', 'CN'), known('Department of Zorbology, Zorbe Academy', 'zz-zas', 'CN'))),
    // "ZQ-Kelvar" is a name of its own, not "ZQ" then a segment; a pattern answer names no known institution
    paper('P3', author('C', known('ZQ-Kelvar', 'zz-kelvar', 'US'), known('ZQ-Kelvar', 'zz-kelvar', 'US'), known('ZQ, Somewhere', 'zz-x', 'FR', 'pattern'), known('ZQ, Somewhere', 'zz-x', 'FR', 'pattern'))),
  ];
  assert.equal(mayTakeContext(papers[0]), true);
  assert.equal(resolveCorpusContext(papers).placed, 0);
});

test('keys ignore case, accents and punctuation', () => {
  assert.equal(contextKey('  Zörbe-Lab. '), 'zorbe lab');
  assert.equal(contextKey('ZORBE lab'), 'zorbe lab');
});

test('an unknown name that another text names with its address takes the country that address gives', () => {
  const withAddress = (raw: string, name: string, country: string): Affiliation => ({
    raw, institution: name, institutionId: null, country, hqCountry: null, sector: null, confidence: 0.55, method: 'place', evidence: [],
  });
  const papers = [
    paper('P1', author('A', unknown('Zorbe Works'))),
    paper('P2', author('B', withAddress('Zorbe Works (Kelvar, Italy)', 'Zorbe Works', 'IT'))),
  ];
  const report = resolveCorpusContext(papers);
  assert.equal(report.placed, 1);
  const a = papers[0].authors[0].affiliations[0];
  assert.equal(a.country, 'IT');
  assert.equal(a.institutionId, null);
  assert.equal(a.institution, 'Zorbe Works');
  assert.match(a.evidence.at(-1) as string, /named with an address in 1 text .* 'Zorbe Works \(Kelvar, Italy\)' on P2/);
  // two addresses in two countries: nothing
  const split = [
    paper('P1', author('A', unknown('Zorbe Works'))),
    paper('P2', author('B', withAddress('Zorbe Works, Kelvar, Italy', 'Zorbe Works', 'IT'), withAddress('Zorbe Works, Lyon, France', 'Zorbe Works', 'FR'))),
  ];
  assert.equal(resolveCorpusContext(split).placed, 0);
});
