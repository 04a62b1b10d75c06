// The corpus-context pass (src/resolve/corpus-context.ts): an unresolved short name that leads other
// texts of the run, all naming one known institution, is read as it. Invented names throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextKey, isBareAcronym, mayTakeContext, resolveCorpusContext, CORPUS_CONTEXT_CONFIDENCE } from '../../src/resolve/corpus-context.js';
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

test('a short name leading texts by two authors that all name one institution is read as that institution', () => {
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
  assert.match(a.evidence.at(-1) as string, /leads 2 texts by 2 authors .* 'ZQL, Zorbe Academy of Sciences' on P2/);
});

test('one author is one voice: the same author on many papers never supports a reading', () => {
  const prolific = [
    paper('P1', author('A', unknown('ZQL'))),
    ...['P2', 'P3', 'P4', 'P5'].map((id) => paper(id, author('Bo Zorbe', known('ZQL, Zorbe Academy', 'zz-zas', 'CN')))),
    paper('P6', author('bo  zörbe', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))), // the same name written otherwise
  ];
  assert.equal(resolveCorpusContext(prolific).placed, 0);
  assert.equal(prolific[0].authors[0].affiliations[0].country, null);
  // one text by one author: nothing either
  const single = [paper('P1', author('A', unknown('ZQL'))), paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN')))];
  assert.equal(resolveCorpusContext(single).placed, 0);
});

test('texts naming two institutions decide nothing, even when one of them has two authors', () => {
  const split = [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN')), author('D', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
    paper('P3', author('C', known('ZQL (Kelvar University)', 'zz-kelvar', 'US'))),
  ];
  assert.equal(resolveCorpusContext(split).placed, 0);
  assert.equal(split[0].authors[0].affiliations[0].country, null);
});

test('the result does not depend on the order of the papers', () => {
  const make = () => [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy of Sciences', 'zz-zas', 'CN'))),
    paper('P3', author('C', known('ZQL - Zorbe Academy', 'zz-zas', 'CN'))),
    paper('P4', author('D', known('ZQL; Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  const forward = make();
  resolveCorpusContext(forward);
  const backward = make().reverse();
  resolveCorpusContext(backward);
  const p1 = (papers: Paper[]) => papers.find((p) => p.id === 'P1')?.authors[0].affiliations[0];
  assert.deepEqual(p1(backward), p1(forward));
  assert.match(p1(forward)?.evidence.at(-1) as string, /leads 3 texts by 3 authors .* on P2$/);
});

test('departments, long or multi-segment texts, hyphenated names and weak supporting answers are left alone', () => {
  const papers = [
    paper('P1', author('A', department('Department of Zorbology'), unknown('Zorbe Works, Kelvar'), unknown('ZQ'))),
    paper('P2', author('B', known('Department of Zorbology, Zorbe Academy', 'zz-zas', 'CN')), author('E', known('Department of Zorbology, Zorbe Academy', 'zz-zas', 'CN'))),
    // "ZQ-Kelvar" is a name of its own, not "ZQ" then a segment; a pattern answer names no known institution
    paper('P3', author('C', known('ZQ-Kelvar', 'zz-kelvar', 'US')), author('F', known('ZQ-Kelvar', 'zz-kelvar', 'US'))),
    paper('P4', author('D', known('ZQ, Somewhere', 'zz-x', 'FR', 'pattern')), author('G', known('ZQ, Somewhere', 'zz-x', 'FR', 'pattern'))),
  ];
  assert.equal(mayTakeContext(papers[0]), true);
  assert.equal(resolveCorpusContext(papers).placed, 0);
  // the same shapes with a supporting answer that does count: placed (so the above is not vacuous)
  const counted = [paper('P1', author('A', unknown('ZQ'))), paper('P4', author('D', known('ZQ, Somewhere', 'zz-x', 'FR'))), paper('P5', author('G', known('ZQ, Somewhere', 'zz-x', 'FR')))];
  assert.equal(resolveCorpusContext(counted).placed, 1);
});

test('keys ignore case, accents and punctuation', () => {
  assert.equal(contextKey('  Zörbe-Lab. '), 'zorbe lab');
  assert.equal(contextKey('ZORBE lab'), 'zorbe lab');
});

test('an unknown name that two authors name with an address takes the country that address gives', () => {
  const withAddress = (raw: string, name: string, country: string, method: Affiliation['method'] = 'place'): Affiliation => ({
    raw, institution: name, institutionId: null, country, hqCountry: null, sector: null, confidence: 0.55, method, evidence: [],
  });
  const papers = [
    paper('P1', author('A', unknown('Zorbe Works'))),
    paper('P2', author('B', withAddress('Zorbe Works (Kelvar, Italy)', 'Zorbe Works', 'IT'))),
    paper('P3', author('C', withAddress('Zorbe Works, Italy', 'Zorbe Works', 'IT', 'pattern'))),
  ];
  const report = resolveCorpusContext(papers);
  assert.equal(report.placed, 1);
  const a = papers[0].authors[0].affiliations[0];
  assert.equal(a.country, 'IT');
  assert.equal(a.institutionId, null);
  assert.equal(a.institution, 'Zorbe Works');
  assert.match(a.evidence.at(-1) as string, /named with an address in 2 texts by 2 authors .* 'Zorbe Works \(Kelvar, Italy\)' on P2/);
  // one author's address: nothing
  const oneAuthor = [papers[0], papers[1]].map((p) => structuredClone(p));
  oneAuthor[0].authors[0].affiliations = [unknown('Zorbe Works')];
  assert.equal(resolveCorpusContext(oneAuthor).placed, 0);
  // a country no place word of the text gives (a naming convention's guess): not support
  const guessed = [
    paper('P1', author('A', unknown('Zorbe Works'))),
    paper('P2', author('B', withAddress('Zorbe Works, Kelvar Qualités', 'Zorbe Works', 'FR', 'pattern'))),
    paper('P3', author('C', withAddress('Zorbe Works, Kelvar Qualités', 'Zorbe Works', 'FR', 'pattern'))),
  ];
  assert.equal(resolveCorpusContext(guessed).placed, 0);
  // two addresses in two countries: nothing
  const split = [
    paper('P1', author('A', unknown('Zorbe Works'))),
    paper('P2', author('B', withAddress('Zorbe Works, Kelvar, Italy', 'Zorbe Works', 'IT')), author('D', withAddress('Zorbe Works, Kelvar, Italy', 'Zorbe Works', 'IT'))),
    paper('P3', author('C', withAddress('Zorbe Works, Lyon, France', 'Zorbe Works', 'FR'))),
  ];
  assert.equal(resolveCorpusContext(split).placed, 0);
});

test('a bare acronym needs texts on two different papers: the co-authors of one paper are one voice', () => {
  // "ZQL" leads the texts of two co-authors of one paper only: not read
  const onePaper = () => [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN')), author('C', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  const one = onePaper();
  assert.equal(resolveCorpusContext(one).placed, 0);
  assert.equal(one[0].authors[0].affiliations[0].country, null);
  // the same two authors' texts on two papers: read, and the evidence counts the papers
  const two = [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
    paper('P3', author('C', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  assert.equal(resolveCorpusContext(two).placed, 1);
  assert.equal(two[0].authors[0].affiliations[0].institutionId, 'zz-zas');
  assert.match(two[0].authors[0].affiliations[0].evidence.at(-1) as string, /by 2 authors on 2 papers/);
  // two papers but one author on both: still one voice
  const oneAuthor = [
    paper('P1', author('A', unknown('ZQL'))),
    paper('P2', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
    paper('P3', author('B', known('ZQL, Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  assert.equal(resolveCorpusContext(oneAuthor).placed, 0);
  // a name that is not a bare acronym keeps the rule of two authors, on one paper or more
  const named = [
    paper('P1', author('A', unknown('Zorbe Lab'))),
    paper('P2', author('B', known('Zorbe Lab, Zorbe Academy', 'zz-zas', 'CN')), author('C', known('Zorbe Lab, Zorbe Academy', 'zz-zas', 'CN'))),
  ];
  assert.equal(resolveCorpusContext(named).placed, 1);
  // an acronym's address from one paper's co-authors: not read either
  const withAddress = (raw: string): Affiliation => ({
    raw, institution: 'ZQL', institutionId: null, country: 'IT', hqCountry: null, sector: null, confidence: 0.55, method: 'place', evidence: [],
  });
  const addressed = [paper('P1', author('A', unknown('ZQL'))), paper('P2', author('B', withAddress('ZQL (Kelvar, Italy)')), author('C', withAddress('ZQL (Kelvar, Italy)')))];
  assert.equal(resolveCorpusContext(addressed).placed, 0);
  const addressedTwice = [paper('P1', author('A', unknown('ZQL'))), paper('P2', author('B', withAddress('ZQL (Kelvar, Italy)'))), paper('P3', author('C', withAddress('ZQL (Kelvar, Italy)')))];
  assert.equal(resolveCorpusContext(addressedTwice).placed, 1);
});

test('a bare acronym is one word in capitals of at most five letters', () => {
  for (const yes of ['ZQL', ' ZQLXW ', 'Z.Q.L.', 'ZQ2', 'ZQ&L', 'ÉZQ']) assert.equal(isBareAcronym(yes), true, yes);
  for (const no of ['ZQLXWV', 'ZQL Lab', 'ZQL KW', 'Zql', 'zql', 'ZQl', '2024', '', 'Zorbe']) assert.equal(isBareAcronym(no), false, no);
});
